/**
 * Synthetic national data for load and dashboards: municipalities spread over every rayon of the
 * oblasts, each with an approved plan of a given number of activities and one budget line per year.
 * Bulk SQL (a few statements with generate_series), so 500 municipalities take seconds.
 * Their СОАТЕ codes use the rayon's code with a number 900–999 in the municipality digits, which no
 * real aiyl okmotu of the shipped list uses; running it again adds nothing that already exists.
 */
import type { Sql } from '../db';
import { transaction } from '../db';
import { rebuild as rebuildFigures } from '../monitoring/figures';

export interface NationalSeed {
	municipalities: number;
	activitiesPerPlan: number;
	yearsPerPlan: number;
}

export async function seedNational(
	sql: Sql,
	options: Partial<NationalSeed> = {}
): Promise<{ municipalities: number; plans: number; activities: number }> {
	const n = options.municipalities ?? 500;
	const perPlan = options.activitiesPerPlan ?? 60;
	const years = options.yearsPerPlan ?? 3;
	const start = 2026;
	const seeded = await transaction(sql, async (tx) => {
		// municipality k goes to rayon k mod R, with number 900 + k div R in that rayon
		const created = await tx<{ id: number }[]>`
			with rayons as (
				select id, soate_code, name_ky, name_ru, name_en, row_number() over (order by soate_code) - 1 as r, count(*) over () as total
				from territory
				where kind = 'rayon'
					and region_id in (select id from territory where kind = 'oblast')
			),
			wanted as (
				select k, (select id from rayons where r = k % (select max(total) from rayons)) as rayon_id,
					900 + k / (select max(total) from rayons) as number
				from generate_series(0, ${n - 1}::int) as k
			)
			insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
			select 'municipality', left(r.soate_code, 8) || lpad(w.number::text, 3, '0') || '000',
				w.rayon_id, 'Сынак айыл ' || w.k, 'Тестовый айыл ' || w.k, 'Test aiyl ' || w.k
			from wanted w join territory r on r.id = w.rayon_id
			where w.number <= 999
			on conflict (soate_code) do nothing
			returning id`;
		const ids = created.map((c) => Number(c.id));
		if (ids.length === 0) return { municipalities: 0, plans: 0, activities: 0 };
		// the rows below are new and consistent by construction: skip the per-row triggers (the check
		// that no approved plan changes, foreign keys) where the role may, which makes it ~10× faster
		const [{ superuser }] = await tx<
			{ superuser: boolean }[]
		>`select rolsuper as superuser from pg_roles where rolname = current_user`;
		if (superuser) await tx`set local session_replication_role = replica`;
		const plans = await tx<{ id: number; municipalityId: number }[]>`
			insert into local_plan (municipality_id, kind, title, period_start, period_end)
			select m, 'gender_plan', 'Гендердик теңчилик планы ' || ${start} || '–' || ${start + years - 1}, ${start}, ${start + years - 1}
			from unnest(${ids}::bigint[]) as m
			returning id, municipality_id`;
		const planIds = plans.map((p) => Number(p.id));
		await tx`
			insert into plan_section (local_plan_id, municipality_id, title, position)
			select p.id, p.municipality_id, s.title, s.position
			from local_plan p
			cross join (values ('Экономикалык мүмкүнчүлүктөр', 0), ('Зомбулуктан коргоо', 1), ('Чечим кабыл алууга катышуу', 2)) as s (title, position)
			where p.id = any (${planIds}::bigint[])`;
		await tx`
			insert into local_plan_envelope (local_plan_id, municipality_id, year, amount)
			select p.id, p.municipality_id, y, 5000000
			from local_plan p cross join generate_series(${start}::int, ${start + years - 1}::int) as y
			where p.id = any (${planIds}::bigint[])`;
		await tx`
			insert into activity (local_plan_id, municipality_id, section_id, position, title, responsible, start_year, start_quarter, end_year, end_quarter)
			select s.local_plan_id, s.municipality_id, s.id, i / 3, 'Иш-чара ' || (i + 1) || ': аялдардын ишкердигин колдоо', 'Айыл өкмөтү',
				${start}, 1, ${start + years - 1}, 4
			from plan_section s
			cross join generate_series(0, ${perPlan - 1}::int) as i
			where s.local_plan_id = any (${planIds}::bigint[]) and s.position = i % 3`;
		await tx`
			insert into budget_line (activity_id, municipality_id, year, amount, source, marker, gender_share, justification)
			select a.id, a.municipality_id, y, 10000 + (a.id % 50) * 1000,
				(array['local_budget', 'republican_budget', 'incentive_grant', 'community_private', 'unfunded'])[1 + (a.id + y) % 5],
				(a.id + y) % 3, case (a.id + y) % 3 when 2 then 100 when 1 then 40 else 0 end, 'Аялдар үчүн'
			from activity a cross join generate_series(${start}::int, ${start + years - 1}::int) as y
			where a.local_plan_id = any (${planIds}::bigint[])`;
		const [{ activities }] = await tx<{ activities: number }[]>`
			select count(*)::int as activities from activity where local_plan_id = any (${planIds}::bigint[])`;
		// approved by their kenesh: a session and the approval record, as the approval flow leaves them
		await tx`update local_plan set state = 'approved', submitted_at = now(), approved_at = now() where id = any (${planIds}::bigint[])`;
		const sessions = await tx<{ id: number; localPlanId: number; municipalityId: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required,
				votes_for, votes_against, votes_abstained, decision_number, outcome)
			select id, municipality_id, date '2026-02-15', 11, array[]::bigint[], 6, 0, 0, 0, 'С-' || id, 'approved'
			from local_plan where id = any (${planIds}::bigint[])
			returning id, local_plan_id, municipality_id`;
		await tx`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, snapshot, content_hash)
			select s.local_plan_id, s.municipality_id, s.id, 'С-' || s.local_plan_id, date '2026-02-15', '{}'::jsonb,
				encode(sha256(convert_to('synthetic ' || s.local_plan_id, 'UTF8')), 'hex')
			from unnest(${sessions.map((s) => Number(s.id))}::bigint[]) as sid
			join kenesh_session s on s.id = sid`;
		return { municipalities: ids.length, plans: planIds.length, activities };
	});
	// the oblast and national figures of the plans just approved, as an approval records them
	await rebuildFigures(sql);
	return seeded;
}

/**
 * A draft plan of `activities` activities in a municipality, in bulk: five sections, each activity
 * with an indicator (a baseline and a target per year, for women and men) and a budget line per
 * year. For the bench's plan sizes.
 */
export async function seedLargePlan(
	sql: Sql,
	options: { municipalityId: number; activities: number; createdBy?: number | null }
): Promise<number> {
	const start = 2026;
	const end = 2028;
	return transaction(sql, async (tx) => {
		const [{ id }] = await tx<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, period_start, period_end, created_by)
			values (${options.municipalityId}, 'gender_plan', ${`План на ${options.activities} мероприятий`}, ${start}, ${end}, ${options.createdBy ?? null})
			returning id`;
		await tx`
			insert into plan_section (local_plan_id, municipality_id, title, position)
			select ${id}, ${options.municipalityId}, 'Бөлүм ' || (s + 1), s
			from generate_series(0, 4) as s`;
		await tx`
			insert into local_plan_envelope (local_plan_id, municipality_id, year, amount)
			select ${id}, ${options.municipalityId}, y, 20000000
			from generate_series(${start}::int, ${end}::int) as y`;
		await tx`
			insert into activity (local_plan_id, municipality_id, section_id, position, title, reason, responsible, partners, target_groups,
				start_year, start_quarter, end_year, end_quarter)
			select ${id}, ${options.municipalityId}, s.id, i / 5,
				'Иш-чара ' || (i + 1) || ': жаш аялдар үчүн кесиптик окутуу жана ишкердикти колдоо боюнча программа',
				'Аялдардын жумушсуздугу эркектердикинен жогору', 'Айыл өкмөтү', 'ЖӨБ, донорлор', 'Жаш аялдар, үй-бүлөлөр',
				${start}, 1, ${end}, 4
			from generate_series(0, ${options.activities - 1}::int) as i
			join plan_section s on s.local_plan_id = ${id} and s.position = i % 5`;
		await tx`
			insert into indicator (activity_id, municipality_id, name, unit, kind, by_sex, position)
			select a.id, a.municipality_id, 'Окуудан өткөн адамдардын саны', 'адам', 'count', true, 0
			from activity a where a.local_plan_id = ${id}`;
		// a baseline (year null) and a target per year, each for women and men
		await tx`
			insert into indicator_value (indicator_id, municipality_id, year, sex, value)
			select i.id, i.municipality_id, y, sex,
				case when y is null then 10 else 20 + y - ${start} end + case sex when 'male' then -5 else 0 end
			from indicator i join activity a on a.id = i.activity_id
			cross join (select null::int as y union all select generate_series(${start}::int, ${end}::int)) as years
			cross join unnest(array['female', 'male']) as sex
			where a.local_plan_id = ${id}`;
		await tx`
			insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, marker, gender_share, justification)
			select a.id, a.municipality_id, y, 15000 + (a.id % 40) * 2500,
				(array['local_budget', 'republican_budget', 'incentive_grant', 'donor', 'unfunded'])[1 + (a.id + y) % 5],
				case when (a.id + y) % 5 = 3 then 'ПРООН' else '' end,
				(a.id + y) % 3, case (a.id + y) % 3 when 2 then 100 when 1 then 50 else 0 end, 'Аялдарга багытталган'
			from activity a cross join generate_series(${start}::int, ${end}::int) as y
			where a.local_plan_id = ${id}`;
		return Number(id);
	});
}
