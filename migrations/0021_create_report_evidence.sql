-- Evidence files of a report (issue [10] item 6): photos, signed acts, attendance lists, kept in
-- PostgreSQL itself (bytea) so that a database backup is complete on its own, a file is written or
-- refused in the same transaction as the report it belongs to, and it is frozen with that report.
create table report_evidence (
	id bigint generated always as identity primary key,
	report_id bigint not null references report (id) on delete cascade,
	activity_id bigint not null references activity (id),
	municipality_id bigint not null references territory (id),
	file_name text not null check (length(file_name) between 1 and 255),
	content_type text not null check (content_type in ('pdf', 'jpeg', 'png', 'docx', 'xlsx')),
	size int not null check (size between 1 and 10485760),
	sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
	content bytea not null check (length(content) = size),
	uploaded_by bigint references app_user (id) on delete set null,
	uploaded_at timestamptz not null default now(),
	is_public boolean not null default false
);

create index report_evidence_report_idx on report_evidence (report_id, activity_id);

-- A submitted report's files can be neither added, removed nor replaced; whether a photo is shown
-- to the public is consent to publish, not what the report says, so staff may still change that.
create function refuse_change_to_submitted_evidence() returns trigger
language plpgsql as $$
begin
	if exists (
		select 1
		from report
		where id in (
				case when tg_op <> 'INSERT' then old.report_id end,
				case when tg_op <> 'DELETE' then new.report_id end
			)
			and state = 'submitted'
	) and not (
		tg_op = 'UPDATE'
		and (to_jsonb(new) - 'is_public') = (to_jsonb(old) - 'is_public')
	) then
		raise exception 'the report is submitted and its evidence cannot change'
			using errcode = 'P0001', hint = 'report_locked';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger report_evidence_frozen before insert or update or delete on report_evidence
	for each row execute function refuse_change_to_submitted_evidence();
