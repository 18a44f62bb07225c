-- One-page summaries of approved plans and submitted reports (A4 PDF and messenger PNG), kept per
-- content hash of the summary they draw: the same summary is rendered once, in a job, and then
-- served from here. `model` is the summary as hashed, so the job draws exactly what was asked for.
create table summary_document (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id) on delete cascade,
	report_id bigint references report (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	lang text not null check (lang in ('ky', 'ru')),
	format text not null check (format in ('pdf', 'png')),
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	model jsonb not null,
	status text not null default 'queued' check (status in ('queued', 'rendering', 'done', 'failed')),
	bytes bytea,
	byte_size int,
	error text,
	created_at timestamptz not null default now(),
	finished_at timestamptz,
	unique (content_hash, lang, format),
	check ((status = 'done') = (bytes is not null))
);
create index summary_document_plan_idx on summary_document (local_plan_id);
create index summary_document_municipality_idx on summary_document (municipality_id);
