-- Indicator figures live in indicator_value only (issue [7].3): the old yearly targets and the
-- baseline column go. Until now the app still wrote them, so every total is copied once more first.

-- The copy of 0015 may be older than what was saved since: the totals are taken again from the old
-- columns. Approved plans hold the same figures there as they were frozen with (indicator_target was
-- frozen too), so their trigger is set aside for this copy alone.
alter table indicator_value disable trigger indicator_value_frozen;

delete from indicator_value
where sex = ''
	and age_band = ''
	and disability = '';

insert into indicator_value (indicator_id, municipality_id, year, value)
select id, municipality_id, null, baseline
from indicator
where baseline is not null;

insert into indicator_value (indicator_id, municipality_id, year, value)
select indicator_id, municipality_id, year, value
from indicator_target;

alter table indicator_value enable trigger indicator_value_frozen;

-- Dropping is DDL: the approval triggers do not fire, and approved plans keep their snapshots.
drop table indicator_target;
alter table indicator drop column baseline;

-- The rule of gender markers 1 and 2, in one place: an indicator counts when it is marked as
-- disaggregated by sex and carries at least one women's (girls') and one men's (boys') target.
create function indicator_counts_for_marker(bigint) returns boolean
language sql stable as $$
	select i.by_sex
		and exists (
			select 1
			from indicator_value v
			where v.indicator_id = i.id
				and v.year is not null
				and v.sex = 'female'
		)
		and exists (
			select 1
			from indicator_value v
			where v.indicator_id = i.id
				and v.year is not null
				and v.sex = 'male'
		)
	from indicator i
	where i.id = $1
$$;
