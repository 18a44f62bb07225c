-- A catalogue upload is checked by a job too, not in the web request: the row keeps the uploaded
-- bytes until the check has run, then the check's report (and the checked plan when it is clean).
alter table catalogue_import
	alter column format drop not null,
	alter column plan_key set default '',
	alter column payload drop not null,
	add column upload bytea,
	add column meta jsonb not null default '{}',
	add column report jsonb,
	add column then_import boolean not null default false;

alter table catalogue_import drop constraint catalogue_import_status_check;

alter table catalogue_import
	add constraint catalogue_import_status_check
		check (status in ('checking', 'checked', 'queued', 'running', 'done', 'failed')),
	-- nothing is loaded without a checked plan
	add constraint catalogue_import_payload_check
		check (status in ('checking', 'checked', 'failed') or payload is not null);
