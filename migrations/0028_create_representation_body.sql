-- Issue [13].2: the representation registry. The bodies of a municipality (kenesh commissions, aiyl
-- okmotu staff, municipal enterprises, school boards, public councils) with their composition by
-- sex and, optionally, the sex of the head and of the deputy head. The kenesh itself is never
-- counted here: its composition comes from the roster (deputy); a 'kenesh' row only keeps the
-- head and deputy head the roster does not record.
create table representation_body (
	id bigint generated always as identity primary key,
	municipality_id bigint not null references territory (id),
	kind text not null check (
		kind in ('kenesh', 'kenesh_commission', 'aiyl_okmotu', 'municipal_enterprise', 'school_board', 'public_council')
	),
	name_ky text check (length(trim(name_ky)) between 1 and 200),
	name_ru text check (length(trim(name_ru)) between 1 and 200),
	women int check (women between 0 and 100000),
	men int check (men between 0 and 100000),
	head_sex text check (head_sex in ('female', 'male')),
	deputy_sex text check (deputy_sex in ('female', 'male')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	-- the kenesh's counts are the roster's; every other body has a name and its counts
	check (
		case when kind = 'kenesh'
			then women is null and men is null and name_ky is null and name_ru is null
			else women is not null and men is not null and name_ky is not null and name_ru is not null
		end
	)
);

create unique index representation_one_kenesh_idx on representation_body (municipality_id) where kind = 'kenesh';
-- a body is known by its kind and Kyrgyz name within the municipality (what an import matches on)
create unique index representation_body_name_idx on representation_body (municipality_id, kind, lower(name_ky))
	where kind <> 'kenesh';

-- The 30% rule in integer arithmetic: each sex at least 3/10 and so at most 7/10 of the members,
-- and the head and deputy head of different sexes where both are known. A body with no members
-- does not meet it.
create function representation_meets(women int, men int, head_sex text, deputy_sex text) returns boolean
language sql immutable as $$
	select coalesce(women, 0) + coalesce(men, 0) > 0
		and 10 * coalesce(women, 0)::bigint >= 3 * (coalesce(women, 0) + coalesce(men, 0))::bigint
		and 10 * coalesce(men, 0)::bigint >= 3 * (coalesce(women, 0) + coalesce(men, 0))::bigint
		and (head_sex is null or deputy_sex is null or head_sex <> deputy_sex)
$$;

-- Every body of every municipality as the rule sees it: the entered ones, and one kenesh per
-- municipality with active deputies, its counts from the roster and its positions from its row.
create view representation_composition as
select b.id, b.municipality_id, b.kind, b.name_ky, b.name_ru, b.women, b.men, b.head_sex, b.deputy_sex,
	representation_meets(b.women, b.men, b.head_sex, b.deputy_sex) as meets
from representation_body b
where b.kind <> 'kenesh'
union all
select k.id, r.municipality_id, 'kenesh', null, null, r.women, r.men, k.head_sex, k.deputy_sex,
	representation_meets(r.women, r.men, k.head_sex, k.deputy_sex) as meets
from (
	select municipality_id, (count(*) filter (where sex = 'female'))::int as women,
		(count(*) filter (where sex = 'male'))::int as men
	from deputy
	where active
	group by municipality_id
) r
left join representation_body k on k.municipality_id = r.municipality_id and k.kind = 'kenesh';
