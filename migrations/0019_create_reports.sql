-- Implementation reports (issue [10], DESIGN.md §2.6): per approved plan version, per period, what
-- each activity reached, the indicator actuals by sex, the money spent per budget line (and spending
-- that was not planned), the beneficiaries reached. A submitted report is frozen with its hash.

-- How often a plan version reports, year by year: annual unless the municipality chooses half-yearly
-- or quarterly; a report is due `due_days` after its period ends. No row is the default (annual, 15).
create table report_schedule (
	local_plan_id bigint not null references local_plan (id),
	municipality_id bigint not null references territory (id),
	year int not null check (year between 2000 and 2100),
	frequency text not null check (frequency in ('annual', 'half_year', 'quarter')),
	due_days int not null default 15 check (due_days between 0 and 180),
	primary key (local_plan_id, year)
);

create table report (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id),
	municipality_id bigint not null references territory (id),
	-- ISO-like period codes, as DHIS2 writes them: 2025, 2026S1, 2026Q3
	period text not null check (period ~ '^[0-9]{4}(S[12]|Q[1-4])?$'),
	year int not null check (year = substr(period, 1, 4)::int),
	period_start date not null,
	period_end date not null,
	due_date date not null,
	state text not null default 'draft' check (state in ('draft', 'submitted')),
	row_version int not null default 1,
	created_at timestamptz not null default now(),
	created_by bigint references app_user (id) on delete set null,
	updated_at timestamptz not null default now(),
	submitted_at timestamptz,
	submitted_by bigint references app_user (id) on delete set null,
	content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
	snapshot jsonb,
	unique (local_plan_id, period),
	check (period_end >= period_start and due_date >= period_end),
	check ((state = 'submitted') = (submitted_at is not null and content_hash is not null and snapshot is not null))
);

create index report_municipality_idx on report (municipality_id, state);

create table report_activity (
	report_id bigint not null references report (id) on delete cascade,
	activity_id bigint not null references activity (id),
	municipality_id bigint not null references territory (id),
	status text not null check (status in ('not_started', 'in_progress', 'done', 'postponed', 'cancelled')),
	reason text not null default ''
		check (reason in ('', 'no_funding', 'moved_to_other_plan', 'no_longer_needed', 'other')),
	reason_text text not null default '' check (length(reason_text) <= 1000),
	narrative text not null default '' check (length(narrative) <= 4000),
	problems text not null default '' check (length(problems) <= 4000),
	primary key (report_id, activity_id),
	-- postponed and cancelled say why; the other statuses carry no reason
	check ((status in ('postponed', 'cancelled')) = (reason <> '')),
	check (reason <> 'other' or length(trim(reason_text)) > 0)
);

-- The actuals of an indicator in the period, one figure a row as indicator_value holds the targets.
create table report_indicator_value (
	report_id bigint not null references report (id) on delete cascade,
	indicator_id bigint not null references indicator (id),
	municipality_id bigint not null references territory (id),
	sex text not null default '' check (sex in ('', 'female', 'male')),
	age_band text not null default ''
		check (age_band in ('', '0-5', '6-13', '14-17', '18-29', '30-59', '60+')),
	disability text not null default '' check (disability in ('', 'with', 'without')),
	value numeric(16, 2) not null,
	check ((sex <> '')::int + (age_band <> '')::int + (disability <> '')::int <= 1),
	unique (report_id, indicator_id, sex, age_band, disability)
);

-- The money spent in the period on a planned budget line of the report's year, and whom it reached.
create table report_spending (
	report_id bigint not null references report (id) on delete cascade,
	budget_line_id bigint not null references budget_line (id),
	municipality_id bigint not null references territory (id),
	spent numeric(14, 2) not null check (spent >= 0 and spent <= 1000000000),
	reached_women int check (reached_women >= 0),
	reached_men int check (reached_men >= 0),
	reached_girls int check (reached_girls >= 0),
	reached_boys int check (reached_boys >= 0),
	primary key (report_id, budget_line_id)
);

-- Spending nobody planned (a donor paid for it): its own source and gender marker.
create table report_extra_spending (
	id bigint generated always as identity primary key,
	report_id bigint not null references report (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	activity_id bigint references activity (id),
	description text not null check (length(trim(description)) between 1 and 500),
	spent numeric(14, 2) not null check (spent > 0 and spent <= 1000000000),
	source text not null check (source in ('local_budget', 'republican_budget', 'incentive_grant', 'donor', 'community_private')),
	donor_name text not null default '',
	marker smallint not null check (marker in (0, 1, 2)),
	gender_share numeric(5, 2) not null check (gender_share between 0 and 100),
	created_at timestamptz not null default now(),
	check ((marker = 2 and gender_share = 100) or (marker = 0 and gender_share = 0) or (marker = 1 and gender_share > 0 and gender_share < 100)),
	check (source <> 'donor' or length(trim(donor_name)) > 0)
);

create index report_extra_spending_report_idx on report_extra_spending (report_id);

-- A submitted report is frozen in the database itself, as an approved plan is.
create function refuse_change_to_submitted_report() returns trigger
language plpgsql as $$
begin
	if tg_table_name = 'report' then
		if old.state = 'submitted' then
			raise exception 'report % is submitted and cannot change', old.id
				using errcode = 'P0001', hint = 'report_locked';
		end if;
	elsif exists (
		select 1
		from report
		where id in (
				case when tg_op <> 'INSERT' then old.report_id end,
				case when tg_op <> 'DELETE' then new.report_id end
			)
			and state = 'submitted'
	) then
		raise exception 'the report is submitted and cannot change'
			using errcode = 'P0001', hint = 'report_locked';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger report_frozen before update or delete on report
	for each row execute function refuse_change_to_submitted_report();
create trigger report_activity_frozen before insert or update or delete on report_activity
	for each row execute function refuse_change_to_submitted_report();
create trigger report_indicator_value_frozen before insert or update or delete on report_indicator_value
	for each row execute function refuse_change_to_submitted_report();
create trigger report_spending_frozen before insert or update or delete on report_spending
	for each row execute function refuse_change_to_submitted_report();
create trigger report_extra_spending_frozen before insert or update or delete on report_extra_spending
	for each row execute function refuse_change_to_submitted_report();

-- Deputies and the oblast comment on a report line by line, in the plan's comment threads.
alter table comment
	add column report_id bigint references report (id),
	drop constraint comment_target_kind_check,
	add constraint comment_target_kind_check
		check (target_kind in ('plan', 'section', 'activity', 'budget_line', 'report_activity', 'report_spending')),
	add constraint comment_report_check
		check ((report_id is not null) = (target_kind in ('report_activity', 'report_spending')));

create index comment_report_idx on comment (report_id) where report_id is not null;
