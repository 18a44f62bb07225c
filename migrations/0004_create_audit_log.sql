-- Who changed what and when, with the row before and after.
create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	user_id bigint references app_user (id) on delete set null,
	municipality_id bigint references territory (id),
	entity text not null,
	entity_id text,
	action text not null,
	before jsonb,
	after jsonb
);

create index audit_log_entity_idx on audit_log (entity, entity_id, at desc);
create index audit_log_municipality_idx on audit_log (municipality_id, at desc);
