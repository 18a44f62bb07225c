-- Territories: oblasts, cities of republican significance, rayons, towns and aiyl aimaks (DESIGN.md §3).
create table territory (
	id bigint generated always as identity primary key,
	kind text not null check (kind in ('oblast', 'city', 'rayon', 'town', 'municipality')),
	soate_code text not null unique check (soate_code ~ '^417[0-9]{11}$'),
	stat_code text unique check (stat_code ~ '^KG[0-9]{2}$'),
	parent_id bigint references territory (id),
	name_ky text not null check (length(trim(name_ky)) > 0),
	name_ru text not null check (length(trim(name_ru)) > 0),
	name_en text not null check (length(trim(name_en)) > 0),
	valid_from date,
	valid_to date,
	merged_into_id bigint references territory (id),
	created_at timestamptz not null default now(),
	check ((kind in ('oblast', 'city')) = (parent_id is null)),
	check (valid_to is null or valid_from is null or valid_to >= valid_from)
);

create index territory_parent_idx on territory (parent_id);

-- The oblast (or city of republican significance) a territory lies in, for scoping oblast users.
create function territory_region(t bigint) returns bigint
language sql stable as $$
	with recursive up as (
		select id, parent_id from territory where id = t
		union all
		select p.id, p.parent_id from territory p join up on p.id = up.parent_id
	)
	select id from up where parent_id is null
$$;
