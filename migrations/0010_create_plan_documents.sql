-- Rendered plan documents (PDF), kept per plan, language and content hash: a second download of the
-- same content is served from here at once.
create table plan_document (
	id bigint generated always as identity primary key,
	local_plan_id bigint not null references local_plan (id),
	municipality_id bigint not null references territory (id),
	lang text not null check (lang in ('ky', 'ru')),
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	status text not null default 'queued' check (status in ('queued', 'rendering', 'done', 'failed')),
	pdf bytea,
	byte_size int,
	error text,
	created_at timestamptz not null default now(),
	finished_at timestamptz,
	unique (local_plan_id, lang, content_hash),
	check ((status = 'done') = (pdf is not null))
);
