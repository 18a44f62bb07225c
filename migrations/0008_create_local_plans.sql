-- Local plans and their gender budget (DESIGN.md §2.2–2.3). Every table carries municipality_id,
-- so the data can later be distributed by municipality; every editable row has a row_version for
-- the "someone else changed this" check.
create table local_plan (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	kind text not null check (kind in ('development_programme', 'gender_plan', 'wps_plan')),
	title text not null check (length(trim(title)) between 1 and 300),
	period_start int not null check (period_start between 2000 and 2100),
	period_end int not null check (period_end between 2000 and 2100),
	row_version int not null default 1,
	created_at timestamptz not null default now(),
	created_by bigint references app_user (id) on delete set null,
	updated_at timestamptz not null default now(),
	check (period_end >= period_start and period_end - period_start <= 9)
);

create index local_plan_municipality_idx on local_plan (municipality_id);

create table local_plan_envelope (
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	year int not null,
	amount numeric(14, 2) not null check (amount >= 0),
	primary key (local_plan_id, year)
);

create table plan_section (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	title text not null check (length(trim(title)) between 1 and 300),
	position int not null,
	row_version int not null default 1
);

create index plan_section_plan_idx on plan_section (local_plan_id, position);

create table activity (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	section_id bigint not null references plan_section (id),
	position int not null,
	-- provenance: the national measure in the catalogue version the municipality adopted
	measure_node_id bigint references plan_node (id),
	national_text text,
	title text not null check (length(trim(title)) between 1 and 2000),
	reason text not null default '',
	responsible text not null default '',
	partners text not null default '',
	target_groups text not null default '',
	start_year int,
	start_quarter smallint check (start_quarter between 1 and 4),
	end_year int,
	end_quarter smallint check (end_quarter between 1 and 4),
	row_version int not null default 1,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((measure_node_id is null) = (national_text is null))
);

create index activity_plan_idx on activity (local_plan_id, section_id, position);
create index activity_measure_idx on activity (measure_node_id);

create table indicator (
	id bigint generated always as identity primary key,
	activity_id bigint not null references activity (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	name text not null check (length(trim(name)) between 1 and 500),
	unit text not null default '',
	kind text not null check (kind in ('count', 'percent', 'yes_no', 'money')),
	baseline numeric(16, 2),
	by_sex boolean not null default false,
	by_age boolean not null default false,
	by_disability boolean not null default false,
	data_source text not null default '',
	position int not null default 0,
	row_version int not null default 1
);

create index indicator_activity_idx on indicator (activity_id);

create table indicator_target (
	indicator_id bigint not null references indicator (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	year int not null,
	value numeric(16, 2) not null,
	primary key (indicator_id, year)
);

create table budget_line (
	id bigint generated always as identity primary key,
	activity_id bigint not null references activity (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	year int not null,
	amount numeric(14, 2) not null check (amount >= 0 and amount <= 1000000000),
	source text not null check (source in ('local_budget', 'republican_budget', 'incentive_grant', 'donor', 'community_private', 'unfunded')),
	donor_name text not null default '',
	classification_code text not null default '',
	marker smallint not null check (marker in (0, 1, 2)),
	gender_share numeric(5, 2) not null check (gender_share between 0 and 100),
	justification text not null default '',
	beneficiaries_women int check (beneficiaries_women >= 0),
	beneficiaries_men int check (beneficiaries_men >= 0),
	beneficiaries_girls int check (beneficiaries_girls >= 0),
	beneficiaries_boys int check (beneficiaries_boys >= 0),
	row_version int not null default 1,
	-- the share follows the marker: all of it for 2, none for 0
	check ((marker = 2 and gender_share = 100) or (marker = 0 and gender_share = 0) or (marker = 1 and gender_share > 0 and gender_share < 100)),
	check (source <> 'donor' or length(trim(donor_name)) > 0),
	check (marker <> 2 or length(trim(justification)) > 0)
);

create index budget_line_activity_idx on budget_line (activity_id, year);
