-- A municipality's own details, kept by its staff: the names that sign its documents and how to reach it.
create table municipality_profile (
	municipality_id bigint primary key references territory (id),
	head_name text not null default '',
	kenesh_chair_name text not null default '',
	address text not null default '',
	phone text not null default '',
	email text not null default '',
	updated_at timestamptz not null default now(),
	updated_by bigint references app_user (id) on delete set null
);
