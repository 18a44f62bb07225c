-- A correction of a submitted report is a new version of it (issue [10] item 8): the submitted
-- version stays frozen, the correction starts as a draft copy of it, and the period's reports list,
-- the public and the API read the latest version. At most one correction of a period is open.
alter table report
	add column version int not null default 1 check (version >= 1),
	drop constraint report_local_plan_id_period_key,
	add constraint report_local_plan_id_period_version_key unique (local_plan_id, period, version);

create unique index report_one_draft_idx on report (local_plan_id, period) where state = 'draft';
