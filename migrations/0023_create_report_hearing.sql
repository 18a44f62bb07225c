-- The kenesh heard a submitted implementation report (issue [10]): recorded once per report by the
-- municipality's kenesh secretary, with the day of the sitting and the number of its decision.
-- A report is heard once (the primary key); a later correction of the report is heard on its own.
create table report_hearing (
	report_id bigint primary key references report (id),
	municipality_id bigint not null references territory (id),
	heard_on date not null,
	decision_number text not null check (btrim(decision_number) <> '' and length(decision_number) <= 40),
	recorded_by bigint not null references app_user (id),
	recorded_at timestamptz not null default now()
);
create index report_hearing_municipality_idx on report_hearing (municipality_id);
