/**
 * Synthetic national data for load and dashboards: municipalities spread over every rayon of the
 * oblasts, each with an approved plan of a given number of activities and one budget line per year,
 * a third of them adapted from national measures, and for most plans a submitted half-year report.
 * Bulk SQL (a few statements with generate_series), so 500 municipalities take seconds; only the
 * approvals and the submitted reports are frozen one by one, through the same snapshot functions as
 * the approval and the submission, so every synthetic plan and report reads as a real one does.
 * Their СОАТЕ codes use the rayon's code with a number 900–999 in the municipality digits, which no
 * real aiyl okmotu of the shipped list uses; running it again adds nothing that already exists.
 */
import type { Sql } from '../db';
import { transaction } from '../db';
import { rebuild as rebuildFigures } from '../monitoring/figures';
import { contentHash } from '../content-hash';
import { planView } from '../plans/view';
import { approvalSnapshot } from '../plans/snapshot';
import { reportSnapshot, type SnapshotPeriod } from '../reports/reports';

export interface NationalSeed {
	municipalities: number;
	activitiesPerPlan: number;
	yearsPerPlan: number;
}

export async function seedNational(
	sql: Sql,
	options: Partial<NationalSeed> = {}
): Promise<{
	municipalities: number;
	plans: number;
	/** the approved plans it made */
	planIds: number[];
	activities: number;
	reports: number;
}> {
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
		if (ids.length === 0)
			return { municipalities: 0, plans: 0, planIds: [], activities: 0, reports: 0 };
		// the rows below are new and consistent by construction: skip the per-row triggers (the check
		// that no approved plan changes, foreign keys) where the role may, which makes it ~10× faster
		const { superuser } = (
			await tx<
				{ superuser: boolean }[]
			>`select rolsuper as superuser from pg_roles where rolname = current_user`
		)[0]!;
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
		// a third of the activities adapt a national measure of a current catalogue version; only the
		// first 70 % of the measures are ever picked, so the rest are adopted by nobody (as in life)
		await tx`
			with ranked as (
				select n.id, coalesce(nullif(n.title_ky, ''), n.title_ru, n.number) as text,
					row_number() over (partition by n.version_id order by n.id) as i,
					count(*) over (partition by n.version_id) as total
				from plan_node n
				join catalogue_version cv on cv.id = n.version_id and cv.is_current
				where n.level = 'measure'
			),
			m as (
				select id, text, row_number() over (order by id) - 1 as k
				from ranked
				where i <= ceil(total * 0.7)
			),
			picked as (
				select a.id, (a.id * 7 + a.municipality_id) % greatest(1, (select count(*) from m)::int) as k
				from activity a
				where a.local_plan_id = any (${planIds}::bigint[])
					and a.id % 3 = 0
			)
			update activity a
			set measure_node_id = m.id, national_text = m.text
			from picked
			join m on m.k = picked.k
			where a.id = picked.id`;
		const { activities } = (
			await tx<{ activities: number }[]>`
			select count(*)::int as activities from activity where local_plan_id = any (${planIds}::bigint[])`
		)[0]!;
		// approved by their kenesh: a session and the approval record, as the approval flow leaves them
		// approved at the session (a report of the year is submitted after it)
		const approvedAt = `${start}-02-15T10:00:00+06:00`;
		await tx`update local_plan set state = 'approved', submitted_at = ${approvedAt}, approved_at = ${approvedAt} where id = any (${planIds}::bigint[])`;
		const sessions = await tx<{ id: number; localPlanId: number; municipalityId: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required,
				votes_for, votes_against, votes_abstained, decision_number, outcome)
			select id, municipality_id, date '2026-02-15', 11, array[]::bigint[], 6, 0, 0, 0, 'С-' || id, 'approved'
			from local_plan where id = any (${planIds}::bigint[])
			returning id, local_plan_id, municipality_id`;
		// each frozen as approval freezes a plan, so its public page and documents read it as a real one
		for (const s of sessions) {
			const snapshot = approvalSnapshot(
				await planView(tx, null, Number(s.localPlanId), { system: true })
			);
			await tx`
				insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, approved_at, snapshot, content_hash)
				values (${s.localPlanId}, ${s.municipalityId}, ${s.id}, ${'С-' + s.localPlanId}, date '2026-02-15', ${approvedAt},
					${tx.json(snapshot as never)}, ${contentHash(snapshot)})`;
		}
		// a kenesh of 11 to 21 deputies, women holding about two seats in five
		await tx`
			insert into deputy (municipality_id, full_name, sex, term_start)
			select m, 'Депутат ' || i, case when (m * 3 + i) % 5 < 2 then 'female' else 'male' end, date '2024-11-24'
			from unnest(${ids}::bigint[]) as m
			cross join generate_series(1, 11 + (m % 6)::int * 2) as i`;
		// four plans in five report on the first half of the first year: status, spending by line and
		// whom it reached; a report in ten comes after its due date
		const reports = await tx<{ id: number }[]>`
			insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
			select id, municipality_id, ${start + 'S1'}, ${start}, make_date(${start}, 1, 1), make_date(${start}, 6, 30),
				make_date(${start}, 7, 15)
			from local_plan
			where id = any (${planIds}::bigint[])
				and id % 5 <> 0
			returning id`;
		const reportIds = reports.map((r) => Number(r.id));
		await tx`
			insert into report_schedule (local_plan_id, municipality_id, year, frequency, due_days)
			select p.id, p.municipality_id, y, 'half_year', 15
			from local_plan p cross join generate_series(${start}::int, ${start + years - 1}::int) as y
			where p.id = any (${planIds}::bigint[])`;
		await tx`
			insert into report_activity (report_id, activity_id, municipality_id, status)
			select r.id, a.id, a.municipality_id,
				(array['not_started', 'in_progress', 'in_progress', 'done'])[1 + a.id % 4]
			from report r
			join activity a on a.local_plan_id = r.local_plan_id
			where r.id = any (${reportIds}::bigint[])`;
		await tx`
			insert into report_spending (report_id, budget_line_id, municipality_id, spent, reached_women, reached_men, reached_girls, reached_boys)
			select r.id, b.id, b.municipality_id, round(b.amount * (b.id % 7) / 10, 2), 5 + b.id % 20, 3 + b.id % 11, b.id % 6, b.id % 5
			from report r
			join activity a on a.local_plan_id = r.local_plan_id
			join budget_line b on b.activity_id = a.id and b.year = r.year
			where r.id = any (${reportIds}::bigint[])
				and b.source <> 'unfunded'
				and a.id % 4 <> 0`;
		// submitted as submission freezes a report: its snapshot and hash of what it says
		const submitted = await tx<(SnapshotPeriod & { localPlanId: number })[]>`
			select id, local_plan_id, period, version, year, to_char(period_start, 'YYYY-MM-DD') as period_start,
				to_char(period_end, 'YYYY-MM-DD') as period_end, to_char(due_date, 'YYYY-MM-DD') as due_date
			from report where id = any (${reportIds}::bigint[])`;
		for (const r of submitted) {
			const snapshot = await reportSnapshot(tx, Number(r.localPlanId), { ...r, id: Number(r.id) });
			await tx`
				update report
				set state = 'submitted',
					submitted_at = make_timestamptz(${start}, 7, case when id % 10 = 0 then 25 else 10 end, 9, 0, 0, 'Asia/Bishkek'),
					content_hash = ${contentHash(snapshot)}, snapshot = ${tx.json(snapshot as never)}
				where id = ${r.id}`;
		}
		return {
			municipalities: ids.length,
			plans: planIds.length,
			planIds,
			activities,
			reports: reportIds.length
		};
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
		const { id } = (
			await tx<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, period_start, period_end, created_by)
			values (${options.municipalityId}, 'gender_plan', ${`План на ${options.activities} мероприятий`}, ${start}, ${end}, ${options.createdBy ?? null})
			returning id`
		)[0]!;
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
