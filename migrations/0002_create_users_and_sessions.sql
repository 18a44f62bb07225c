-- Accounts, their roles bound to territories, and Lucia-style sessions (only the token's SHA-256 is stored).
create table app_user (
	id bigint generated always as identity primary key,
	username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
	full_name text not null check (length(trim(full_name)) > 0),
	password_hash text not null,
	locale text not null default 'ky' check (locale in ('ky', 'ru', 'en')),
	is_active boolean not null default true,
	must_change_password boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

create table membership (
	id bigint generated always as identity primary key,
	user_id bigint not null references app_user (id) on delete cascade,
	role text not null check (role in ('staff', 'deputy', 'oblast', 'national', 'admin')),
	territory_id bigint references territory (id),
	is_secretary boolean not null default false,
	created_at timestamptz not null default now(),
	-- national and admin act for the whole country; the others for one territory
	check ((role in ('national', 'admin')) = (territory_id is null)),
	check (not is_secretary or role = 'deputy')
);

create unique index membership_unique_idx on membership (user_id, role, coalesce(territory_id, 0));
create index membership_territory_idx on membership (territory_id);

create table session (
	id text primary key check (id ~ '^[0-9a-f]{64}$'),
	user_id bigint not null references app_user (id) on delete cascade,
	expires_at timestamptz not null,
	created_at timestamptz not null default now()
);

create index session_user_idx on session (user_id);
create index session_expires_idx on session (expires_at);
