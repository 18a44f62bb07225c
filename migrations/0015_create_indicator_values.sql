-- Sex-disaggregated indicators for real (issue [7].3): a baseline and yearly targets per sex, and
-- optionally per age band and per disability status, beside the total. One row holds one figure:
-- the total (no breakdown), or one sex, one age band or one disability status. For counts the
-- total is derived from the sexes where they are given; existing figures are kept as totals.

alter table indicator
	add column population text not null default 'adults' check (population in ('adults', 'children'));

-- indicators that count children are read as girls and boys (an approved version is left as it was frozen)
update indicator i
set population = 'children'
where (i.name || ' ' || i.unit) ~* '(балдар|бала |дети|детей|девоч|мальчик|окуучу|ученик|школьник)'
	and not exists (
		select 1 from activity a join local_plan p on p.id = a.local_plan_id
		where a.id = i.activity_id and p.state = 'approved'
	);

create table indicator_value (
	indicator_id bigint not null references indicator (id) on delete cascade,
	municipality_id bigint not null references territory (id),
	-- null is the baseline; a year is that year's target
	year int,
	sex text not null default '' check (sex in ('', 'female', 'male')),
	age_band text not null default ''
		check (age_band in ('', '0-5', '6-13', '14-17', '18-29', '30-59', '60+')),
	disability text not null default '' check (disability in ('', 'with', 'without')),
	value numeric(16, 2) not null,
	check ((sex <> '')::int + (age_band <> '')::int + (disability <> '')::int <= 1)
);

create unique index indicator_value_key
	on indicator_value (indicator_id, coalesce(year, 0), sex, age_band, disability);
create index indicator_value_municipality_idx on indicator_value (municipality_id);

-- every existing baseline and target is kept, as the total
insert into indicator_value (indicator_id, municipality_id, year, value)
select id, municipality_id, null, baseline
from indicator
where baseline is not null;

insert into indicator_value (indicator_id, municipality_id, year, value)
select indicator_id, municipality_id, year, value
from indicator_target;

-- frozen with the approved plan, as the targets are (the copy above ran before the trigger)
create or replace function local_plan_of(kind text, row_id bigint) returns bigint
language sql stable as $$
	select case kind
		when 'activity' then (select local_plan_id from activity where id = row_id)
		when 'indicator' then (
			select a.local_plan_id from indicator i join activity a on a.id = i.activity_id where i.id = row_id
		)
	end
$$;

create or replace function refuse_change_to_approved_plan() returns trigger
language plpgsql as $$
declare
	plan_ids bigint[];
begin
	-- the plans the row belongs to, before and after the change (a row may move between plans)
	if tg_table_name = 'local_plan' then
		plan_ids := array[old.id];
	elsif tg_table_name in ('activity', 'plan_section', 'local_plan_envelope') then
		plan_ids := array[
			case when tg_op <> 'INSERT' then old.local_plan_id end,
			case when tg_op <> 'DELETE' then new.local_plan_id end
		];
	elsif tg_table_name in ('budget_line', 'indicator') then
		plan_ids := array[
			case when tg_op <> 'INSERT' then local_plan_of('activity', old.activity_id) end,
			case when tg_op <> 'DELETE' then local_plan_of('activity', new.activity_id) end
		];
	elsif tg_table_name in ('indicator_target', 'indicator_value') then
		plan_ids := array[
			case when tg_op <> 'INSERT' then local_plan_of('indicator', old.indicator_id) end,
			case when tg_op <> 'DELETE' then local_plan_of('indicator', new.indicator_id) end
		];
	end if;
	if tg_table_name = 'local_plan' then
		if old.state = 'approved' then
			raise exception 'plan % is approved by the kenesh and cannot change', old.id
				using errcode = 'P0001', hint = 'plan_locked';
		end if;
	elsif exists (select 1 from local_plan where id = any (plan_ids) and state = 'approved') then
		raise exception 'plan is approved by the kenesh and cannot change'
			using errcode = 'P0001', hint = 'plan_locked';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger indicator_value_frozen before insert or update or delete on indicator_value
	for each row execute function refuse_change_to_approved_plan();
