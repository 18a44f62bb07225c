-- Catalogue imports run as jobs; the row holds the validated plan and the progress the page shows.
create table catalogue_import (
	id bigint generated always as identity primary key,
	created_by bigint references app_user (id) on delete set null,
	created_at timestamptz not null default now(),
	filename text not null default '',
	format text not null check (format in ('csv', 'xlsx', 'json')),
	plan_key text not null,
	payload jsonb not null,
	status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
	progress int not null default 0,
	total int not null default 0,
	version_id bigint references catalogue_version (id),
	error text,
	finished_at timestamptz
);
