-- Issue [13].1: public hearings on a submitted or approved plan (or its budget). Staff announce a
-- hearing with its place, time, the documents shown and a period for written proposals; anyone
-- sends proposals, staff moderate them and record the hearing: participants counted by sex and age
-- band (no names), the questions raised, the decisions.
create table hearing (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id),
	municipality_id bigint not null references territory (id),
	subject text not null check (subject in ('plan', 'budget')),
	held_at timestamptz not null,
	place text not null check (length(trim(place)) between 1 and 300),
	-- the plan's documents shown (vocabulary: src/lib/hearings/vocabulary.ts) and any others, as free text
	documents text[] not null default '{}',
	documents_note text not null default '' check (length(documents_note) <= 1000),
	proposals_from date not null,
	proposals_to date not null,
	announced_by bigint references app_user (id) on delete set null,
	created_at timestamptz not null default now(),
	-- the record, once the hearing was held: counts only
	recorded_at timestamptz,
	recorded_by bigint references app_user (id) on delete set null,
	women_under_30 int check (women_under_30 between 0 and 100000),
	women_30_59 int check (women_30_59 between 0 and 100000),
	women_60_plus int check (women_60_plus between 0 and 100000),
	men_under_30 int check (men_under_30 between 0 and 100000),
	men_30_59 int check (men_30_59 between 0 and 100000),
	men_60_plus int check (men_60_plus between 0 and 100000),
	questions text not null default '' check (length(questions) <= 4000),
	decisions text not null default '' check (length(decisions) <= 4000),
	check (proposals_to >= proposals_from),
	check (
		(recorded_at is null) = (women_under_30 is null)
		and num_nulls(women_under_30, women_30_59, women_60_plus, men_under_30, men_30_59, men_60_plus) in (0, 6)
	)
);

create index hearing_plan_idx on hearing (local_plan_id);
create index hearing_municipality_idx on hearing (municipality_id, held_at desc);

-- A written proposal. The author's name is optional and never shown publicly; the text is shown
-- only once staff published it. Accepted: it became an activity or an amendment of the plan.
create table hearing_proposal (
	id bigint generated always as identity primary key,
	hearing_id bigint not null references hearing (id),
	municipality_id bigint not null references territory (id),
	author_name text check (length(trim(author_name)) between 1 and 200),
	body text not null check (length(trim(body)) between 1 and 2000),
	submitted_at timestamptz not null default now(),
	moderation text not null default 'pending' check (moderation in ('pending', 'published', 'hidden')),
	moderated_by bigint references app_user (id) on delete set null,
	moderated_at timestamptz,
	outcome text not null default 'open' check (outcome in ('open', 'accepted', 'rejected')),
	outcome_reason text not null default '' check (length(outcome_reason) <= 2000),
	activity_id bigint references activity (id),
	amendment_id bigint references amendment (id),
	decided_by bigint references app_user (id) on delete set null,
	decided_at timestamptz,
	check (outcome <> 'rejected' or length(trim(outcome_reason)) > 0),
	check ((outcome = 'accepted') = (num_nonnulls(activity_id, amendment_id) = 1)),
	check (outcome = 'accepted' or num_nonnulls(activity_id, amendment_id) = 0)
);

create index hearing_proposal_hearing_idx on hearing_proposal (hearing_id, submitted_at);
