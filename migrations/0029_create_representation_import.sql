-- Issue [13].2: a checked XLSX of bodies waits here between its dry run and its import, so staff
-- confirm what they were shown without sending the file again. Its rows are checked again on import.
create table representation_import (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	user_id bigint references app_user (id) on delete set null,
	rows jsonb not null,
	created_at timestamptz not null default now(),
	imported_at timestamptz
);

create index representation_import_municipality_idx on representation_import (municipality_id, created_at desc);
