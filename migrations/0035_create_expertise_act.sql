-- Issue [13].3: a draft local act of a municipality and its gender-expertise checklist. The act
-- keeps the question set its checklist is filled against; answers point at that set's questions.
-- row_version is the "someone else saved this" check of the checklist and the act's details.
create table expertise_act (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	kind text not null check (kind in ('kenesh_resolution', 'charter_change', 'budget_decision', 'other')),
	title_ky text not null default '' check (length(trim(title_ky)) <= 500),
	title_ru text not null default '' check (length(trim(title_ru)) <= 500),
	number text not null default '' check (length(number) <= 50),
	act_date date,
	question_set_id bigint not null references expertise_question_set (id),
	conclusion text not null default '' check (length(conclusion) <= 5000),
	outcome text check (outcome in ('recommended', 'recommended_with_changes', 'not_recommended')),
	row_version int not null default 1,
	created_by bigint references app_user (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (length(trim(title_ky)) > 0 or length(trim(title_ru)) > 0)
);

create index expertise_act_municipality_idx on expertise_act (municipality_id, created_at desc);

create table expertise_answer (
	act_id bigint not null references expertise_act (id) on delete cascade,
	question_id bigint not null references expertise_question (id),
	answer text check (answer in ('yes', 'no', 'partly', 'not_applicable')),
	comment text not null default '' check (length(comment) <= 2000),
	primary key (act_id, question_id)
);

-- Activities of the municipality's own plans the act bears on.
create table expertise_act_activity (
	act_id bigint not null references expertise_act (id) on delete cascade,
	activity_id bigint not null references activity (id) on delete cascade,
	primary key (act_id, activity_id)
);

create index expertise_act_activity_activity_idx on expertise_act_activity (activity_id);
