-- Rendered documents of submitted reports (PDF and XLSX), kept per report, language, format and
-- content hash: a submitted report is frozen, so each is rendered once and then served from here.
create table report_document (
	id bigint generated always as identity primary key,
	report_id bigint not null references report (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	lang text not null check (lang in ('ky', 'ru')),
	format text not null check (format in ('pdf', 'xlsx')),
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	status text not null default 'queued' check (status in ('queued', 'rendering', 'done', 'failed')),
	bytes bytea,
	byte_size int,
	error text,
	created_at timestamptz not null default now(),
	finished_at timestamptz,
	unique (report_id, lang, format, content_hash),
	check ((status = 'done') = (bytes is not null))
);
create index report_document_municipality_idx on report_document (municipality_id);
