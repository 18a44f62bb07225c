-- Kenesh review and approval (DESIGN.md §2.4): the deputies' roster, plan states, comments and
-- amendments, the session record, the frozen approved version, notifications.
alter table local_plan
	add column state text not null default 'draft' check (state in ('draft', 'submitted', 'approved')),
	add column revision_of bigint references local_plan (id),
	add column submitted_at timestamptz,
	add column approved_at timestamptz;

-- a revision copies the approved plan; each copied activity remembers its original, for the diff
alter table activity add column copied_from bigint references activity (id);

-- the share of the roster that must be present for a valid session (more than half by default)
alter table municipality_profile add column quorum_percent int not null default 50 check (quorum_percent between 1 and 100);

create table deputy (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	full_name text not null check (length(trim(full_name)) between 1 and 200),
	sex text not null check (sex in ('female', 'male')),
	term_start date,
	term_end date,
	is_secretary boolean not null default false,
	user_id bigint unique references app_user (id) on delete set null,
	active boolean not null default true,
	created_at timestamptz not null default now(),
	check (term_end is null or term_start is null or term_end >= term_start)
);

create index deputy_municipality_idx on deputy (municipality_id);
create unique index deputy_one_secretary_idx on deputy (municipality_id) where is_secretary and active;

create table plan_event (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	kind text not null check (kind in ('submitted', 'returned', 'approved', 'revision_started')),
	at timestamptz not null default now(),
	user_id bigint references app_user (id) on delete set null,
	note text not null default ''
);

create table kenesh_session (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id),
	municipality_id bigint not null references territory (id),
	session_date date not null,
	roster_size int not null check (roster_size > 0),
	present_deputy_ids bigint[] not null,
	quorum_required int not null,
	votes_for int not null check (votes_for >= 0),
	votes_against int not null check (votes_against >= 0),
	votes_abstained int not null check (votes_abstained >= 0),
	decision_number text not null check (length(trim(decision_number)) between 1 and 50),
	outcome text not null check (outcome in ('approved', 'returned')),
	recorded_by bigint references app_user (id) on delete set null,
	created_at timestamptz not null default now(),
	check (votes_for + votes_against + votes_abstained <= cardinality(present_deputy_ids))
);

-- The approved version: what the kenesh voted on, frozen, with its SHA-256.
create table plan_approval (
	local_plan_id bigint primary key references local_plan (id),
	municipality_id bigint not null references territory (id),
	session_id bigint not null references kenesh_session (id),
	decision_number text not null,
	decision_date date not null,
	snapshot jsonb not null,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	approved_at timestamptz not null default now()
);

create table comment (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	target_kind text not null check (target_kind in ('plan', 'section', 'activity', 'budget_line')),
	target_id bigint not null,
	parent_id bigint references comment (id) on delete cascade,
	author_id bigint references app_user (id) on delete set null,
	body text not null check (length(trim(body)) between 1 and 4000),
	created_at timestamptz not null default now()
);

create index comment_target_idx on comment (local_plan_id, target_kind, target_id);

create table amendment (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	target_kind text not null check (target_kind in ('activity', 'budget_line')),
	target_id bigint not null,
	proposed jsonb not null,
	reason text not null default '',
	author_id bigint references app_user (id) on delete set null,
	state text not null default 'proposed' check (state in ('proposed', 'accepted', 'rejected')),
	decided_by bigint references app_user (id) on delete set null,
	decided_at timestamptz,
	decision_reason text not null default '',
	created_at timestamptz not null default now(),
	check ((state = 'proposed') = (decided_at is null)),
	check (state <> 'rejected' or length(trim(decision_reason)) > 0)
);

create index amendment_plan_idx on amendment (local_plan_id, state);

create table notification (
	id bigint generated always as identity primary key,
	user_id bigint not null references app_user (id) on delete cascade,
	municipality_id bigint references territory (id),
	local_plan_id bigint references local_plan (id) on delete cascade,
	kind text not null,
	payload jsonb not null default '{}',
	created_at timestamptz not null default now(),
	read_at timestamptz
);

create index notification_unread_idx on notification (user_id) where read_at is null;

-- An approved plan is frozen in the database itself: no code path can change it or its parts.
create function local_plan_of(kind text, row_id bigint) returns bigint
language sql stable as $$
	select case kind
		when 'activity' then (select local_plan_id from activity where id = row_id)
		when 'indicator' then (select a.local_plan_id from indicator i join activity a on a.id = i.activity_id where i.id = row_id)
	end
$$;

create function refuse_change_to_approved_plan() returns trigger
language plpgsql as $$
declare
	plan_ids bigint[];
begin
	-- the plans the row belongs to, before and after the change (a row may move between plans)
	if tg_table_name = 'local_plan' then
		plan_ids := array[old.id];
	elsif tg_table_name in ('activity', 'plan_section', 'local_plan_envelope') then
		plan_ids := array[case when tg_op <> 'INSERT' then old.local_plan_id end, case when tg_op <> 'DELETE' then new.local_plan_id end];
	elsif tg_table_name in ('budget_line', 'indicator') then
		plan_ids := array[case when tg_op <> 'INSERT' then local_plan_of('activity', old.activity_id) end,
			case when tg_op <> 'DELETE' then local_plan_of('activity', new.activity_id) end];
	elsif tg_table_name = 'indicator_target' then
		plan_ids := array[case when tg_op <> 'INSERT' then local_plan_of('indicator', old.indicator_id) end,
			case when tg_op <> 'DELETE' then local_plan_of('indicator', new.indicator_id) end];
	end if;
	if tg_table_name = 'local_plan' then
		if old.state = 'approved' then
			raise exception 'plan % is approved by the kenesh and cannot change', old.id using errcode = 'P0001', hint = 'plan_locked';
		end if;
	elsif exists (select 1 from local_plan where id = any (plan_ids) and state = 'approved') then
		raise exception 'plan is approved by the kenesh and cannot change' using errcode = 'P0001', hint = 'plan_locked';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger local_plan_frozen before update or delete on local_plan for each row execute function refuse_change_to_approved_plan();
create trigger activity_frozen before insert or update or delete on activity for each row execute function refuse_change_to_approved_plan();
create trigger plan_section_frozen before insert or update or delete on plan_section for each row execute function refuse_change_to_approved_plan();
create trigger envelope_frozen before insert or update or delete on local_plan_envelope for each row execute function refuse_change_to_approved_plan();
create trigger budget_line_frozen before insert or update or delete on budget_line for each row execute function refuse_change_to_approved_plan();
create trigger indicator_frozen before insert or update or delete on indicator for each row execute function refuse_change_to_approved_plan();
create trigger indicator_target_frozen before insert or update or delete on indicator_target for each row execute function refuse_change_to_approved_plan();

create function refuse_change_to_approval() returns trigger
language plpgsql as $$
begin
	raise exception 'an approved version is immutable' using errcode = 'P0001', hint = 'plan_locked';
end
$$;

create trigger plan_approval_immutable before update or delete on plan_approval for each row execute function refuse_change_to_approval();
create trigger kenesh_session_immutable before update or delete on kenesh_session for each row execute function refuse_change_to_approval();
