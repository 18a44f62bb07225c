-- The monitoring figures (issue [12], DESIGN.md §2.8): one row per approved plan of a municipality
-- (its current one of each kind), one per national measure it adopted, and its kenesh seats. Both are written from the feed document — the one
-- this instance builds in the transaction of its own approval or report submission, and the one it
-- receives from another instance, in the transaction that stores it — so the oblast and national
-- views read local and received data alike, and only ever read.
create table monitoring_plan (
	municipality_soate text not null check (municipality_soate ~ '^417[0-9]{11}$'),
	-- the municipality and its oblast on this instance (null when this instance does not know them)
	municipality_id bigint references territory (id),
	region_id bigint references territory (id),
	origin text not null check (origin in ('local', 'feed')),
	feed_received_id bigint references feed_received (id) on delete set null,
	instance text not null,
	name_ky text not null,
	name_ru text not null,
	-- the plan's id on the instance that approved it
	plan_id bigint not null,
	plan_kind text not null check (plan_kind in ('development_programme', 'gender_plan', 'wps_plan')),
	plan_title text not null,
	period_start int not null,
	period_end int not null,
	decision_number text not null,
	decision_date date not null,
	approved_at timestamptz not null,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	activities int not null check (activities >= 0),
	adopted int not null check (adopted >= 0),
	budget numeric(16, 2) not null,
	gender numeric(16, 2) not null,
	gap numeric(16, 2) not null,
	local_budget numeric(16, 2) not null,
	envelope numeric(16, 2),
	budget_by_year jsonb not null default '{}',
	-- the last submitted report: its period, due date, time, and the money of its year
	report_period text,
	report_due date,
	report_submitted_at timestamptz,
	planned numeric(16, 2),
	spent numeric(16, 2),
	reached_women int,
	reached_men int,
	reached_girls int,
	reached_boys int,
	-- per funding source: the budget, and the planned and spent of the last report's year
	by_source jsonb not null default '[]',
	-- the time of the decision a document records (approval or submission): a later one replaces an
	-- earlier one, never the reverse, whatever order the documents arrive in
	as_of timestamptz not null,
	updated_at timestamptz not null default now(),
	primary key (municipality_soate, plan_kind)
);

create index monitoring_plan_region_idx on monitoring_plan (region_id);
create index monitoring_plan_municipality_idx on monitoring_plan (municipality_id);

create table monitoring_measure (
	municipality_soate text not null,
	plan_kind text not null,
	plan_key text not null,
	measure_id text not null,
	-- the measure in this instance's catalogue, when it has that version of the plan
	measure_node_id bigint references plan_node (id) on delete set null,
	activities int not null check (activities > 0),
	budget numeric(16, 2) not null,
	gender numeric(16, 2) not null,
	gap numeric(16, 2) not null,
	-- the last submitted report shows progress on an activity of this measure
	reporting boolean not null default false,
	primary key (municipality_soate, plan_kind, plan_key, measure_id),
	foreign key (municipality_soate, plan_kind) references monitoring_plan on delete cascade
);

create index monitoring_measure_measure_idx on monitoring_measure (plan_key, measure_id);

-- The kenesh seats and how many women hold them (SDG 5.5.1b), from the roster as it is now (every
-- change writes it) or as the last received document says.
create table monitoring_seats (
	municipality_soate text primary key check (municipality_soate ~ '^417[0-9]{11}$'),
	municipality_id bigint references territory (id),
	region_id bigint references territory (id),
	origin text not null check (origin in ('local', 'feed')),
	seats int not null check (seats >= 0),
	women int not null check (women between 0 and seats),
	as_of timestamptz not null
);

create index monitoring_seats_region_idx on monitoring_seats (region_id);
