-- The national plans catalogue (DESIGN.md §2.1). A plan has immutable versions; local plans point at
-- the nodes of the version they adopted, so a change to a plan never rewrites what a municipality chose.
create table body (
	code text primary key check (code ~ '^[A-Z0-9_]+$'),
	abbr text,
	variants text[] not null default '{}',
	name_ky text not null,
	name_ru text,
	name_en text,
	kind text not null check (kind in ('ministry', 'agency', 'court', 'lsg', 'lsa', 'intl', 'ngo', 'parliament', 'other')),
	level text not null check (level in ('national', 'local'))
);

create table funding_source (
	code text primary key check (code ~ '^[a-z0-9_]+$'),
	name_ky text not null,
	name_ru text,
	name_en text
);

create table national_plan (
	id bigint generated always as identity primary key,
	key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,80}$'),
	kind text not null check (kind in ('gender_nap', 'nap_1325', 'other')),
	created_at timestamptz not null default now()
);

create table catalogue_version (
	id bigint generated always as identity primary key,
	plan_id bigint not null references national_plan (id),
	number int not null check (number > 0),
	is_current boolean not null default true,
	title_ky text not null,
	title_ru text,
	title_en text,
	period_start int not null check (period_start between 1990 and 2100),
	period_end int not null check (period_end between 1990 and 2100),
	act_type text,
	act_number text,
	act_date date,
	act_url text,
	act_title jsonb,
	status text not null check (status in ('draft', 'adopted', 'superseded')),
	complete boolean not null default true,
	note jsonb,
	replaces_key text,
	source_file text,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	created_at timestamptz not null default now(),
	created_by bigint references app_user (id) on delete set null,
	unique (plan_id, number),
	check (period_end >= period_start)
);

create unique index catalogue_version_current_idx on catalogue_version (plan_id) where is_current;

create table plan_node (
	id bigint generated always as identity primary key,
	version_id bigint not null references catalogue_version (id) on delete cascade,
	stable_id text not null check (length(stable_id) between 1 and 120),
	parent_id bigint references plan_node (id) on delete cascade,
	level text not null check (level in ('chapter', 'goal', 'task', 'measure')),
	number text not null default '',
	position int not null,
	title_ky text not null default '',
	title_ru text,
	title_en text,
	ru_unofficial boolean not null default false,
	ky_unofficial boolean not null default false,
	unique (version_id, stable_id),
	check ((level = 'chapter') = (parent_id is null))
);

create index plan_node_tree_idx on plan_node (version_id, parent_id, position);

create table measure_detail (
	node_id bigint primary key references plan_node (id) on delete cascade,
	version_id bigint not null references catalogue_version (id) on delete cascade,
	baseline jsonb not null default '{}',
	indicators jsonb not null default '[]',
	expected_result jsonb not null default '{}',
	deadline_raw text not null default '',
	deadline_kind text not null check (deadline_kind in ('range', 'year', 'half_year', 'quarter', 'during_year', 'recurring', 'checkpoints', 'unknown')),
	deadline_from int,
	deadline_to int,
	deadline_half smallint check (deadline_half in (1, 2)),
	deadline_quarter smallint check (deadline_quarter between 1 and 4),
	deadline_every text check (deadline_every in ('year', 'half_year', 'quarter')),
	deadline_checkpoints text[] not null default '{}',
	bodies_raw text not null default '',
	funding_raw text not null default '',
	level text not null check (level in ('national', 'local')),
	tags text[] not null default '{}',
	uncertain boolean not null default false,
	uncertain_note text,
	duplicate_of text,
	duplicate_note text,
	source_file text,
	source_line int,
	-- folded text (Kyrgyz letters mapped to their Russian look-alikes), filled by the loader
	search_text text not null default '',
	search tsvector generated always as (to_tsvector('simple'::regconfig, search_text)) stored
);

create index measure_detail_search_idx on measure_detail using gin (search);
create index measure_detail_tags_idx on measure_detail using gin (tags);
create index measure_detail_version_idx on measure_detail (version_id);

create table measure_body (
	node_id bigint not null references plan_node (id) on delete cascade,
	body_code text not null references body (code),
	role text not null check (role in ('lead', 'co', 'by_agreement')),
	position int not null,
	primary key (node_id, body_code)
);

create index measure_body_code_idx on measure_body (body_code);

create table measure_funding (
	node_id bigint not null references plan_node (id) on delete cascade,
	source_code text not null references funding_source (code),
	position int not null,
	primary key (node_id, source_code)
);

create index measure_funding_code_idx on measure_funding (source_code);
