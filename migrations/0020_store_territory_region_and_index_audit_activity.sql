-- Issue [9].3: every territory stores the oblast (or city of republican significance) and the rayon
-- it lies in, kept by a trigger, so reads join one indexed column instead of recursing per row.
-- Issue [9].5: the activity history finds indicator and budget line records by their activityId.
-- And the public list finds each approved plan's revisions by an index, not a scan per plan.

alter table territory
	add column region_id bigint references territory (id),
	add column rayon_id bigint references territory (id);

-- From the parent: a root is its own region; a rayon is its own rayon.
create function territory_set_region() returns trigger
language plpgsql as $$
declare
	parent territory%rowtype;
begin
	if new.parent_id is null then
		new.region_id := new.id;
		new.rayon_id := null;
	else
		select * into parent from territory where id = new.parent_id;
		new.region_id := parent.region_id;
		new.rayon_id := case when new.kind = 'rayon' then new.id else parent.rayon_id end;
	end if;
	return new;
end
$$;

create trigger territory_set_region
	before insert or update of parent_id, kind on territory
	for each row execute function territory_set_region();

-- A territory that moved passes its new region and rayon on to what lies under it (recursively,
-- since the children's own trigger fires in turn).
create function territory_pass_region() returns trigger
language plpgsql as $$
begin
	if new.region_id is distinct from old.region_id or new.rayon_id is distinct from old.rayon_id then
		update territory
		set parent_id = parent_id
		where parent_id = new.id;
	end if;
	return null;
end
$$;

create trigger territory_pass_region
	after update of parent_id, kind on territory
	for each row execute function territory_pass_region();

-- Fill the existing rows from the top down.
with recursive down as (
	select id, id as region_id, null::bigint as rayon_id
	from territory
	where parent_id is null
	union all
	select t.id, down.region_id, case when t.kind = 'rayon' then t.id else down.rayon_id end
	from territory t
	join down on t.parent_id = down.id
)
update territory t
set region_id = down.region_id,
	rayon_id = down.rayon_id
from down
where down.id = t.id;

alter table territory alter column region_id set not null;

create index territory_region_idx on territory (region_id, kind);
create index territory_rayon_idx on territory (rayon_id);

-- Kept for callers outside the app; now a lookup of the stored column.
create or replace function territory_region(t bigint) returns bigint
language sql stable as $$
	select region_id from territory where id = t
$$;

create index audit_log_after_activity_idx on audit_log ((after ->> 'activityId'))
	where entity in ('indicator', 'budget_line');
create index audit_log_before_activity_idx on audit_log ((before ->> 'activityId'))
	where entity in ('indicator', 'budget_line');

create index local_plan_revision_of_idx on local_plan (revision_of);
