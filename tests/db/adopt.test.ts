import { describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import { DomainError } from '../../src/lib/server/errors';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

/**
 * The picker's one-step adoption: each ticked measure with its section, a first budget line and,
 * for a gender marker, a first indicator by sex — all written together, or nothing.
 */
const { sql } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const akTurpak = await territoryId(sql, SOATE.akTurpak);

const planId = await plans.createPlan(sql, staff, {
	municipalityId: akTurpak,
	kind: 'gender_plan',
	title: 'Бир кадамда кабыл алуу',
	periodStart: 2026,
	periodEnd: 2028,
	sections: ['Биринчи', 'Экинчи'],
	envelopes: []
});
const [s1, s2] = (
	await sql<
		{ id: number }[]
	>`select id from plan_section where local_plan_id = ${planId} order by position`
).map((r) => r.id);
const measures = (
	await sql<{ id: number }[]>`
		select n.id
		from plan_node n
		join catalogue_version v on v.id = n.version_id and v.is_current
		where n.level = 'measure'
		order by n.id
		limit 4`
).map((r) => r.id);
const [m1, m2, m3, m4] = measures as [number, number, number, number];

const line = (over: Partial<NonNullable<plans.FirstLine['line']>> = {}) => ({
	year: 2026,
	amount: '50 000',
	source: 'local_budget',
	donorName: '',
	marker: 0,
	genderShare: '',
	justification: '',
	...over
});

const counts = async () => {
	const [r] = await sql<{ activities: number; lines: number; indicators: number }[]>`
		select
			(select count(*)::int from activity where local_plan_id = ${planId}) as activities,
			(select count(*)::int from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId}) as lines,
			(select count(*)::int from indicator i join activity a on a.id = i.activity_id where a.local_plan_id = ${planId}) as indicators`;
	return r;
};

describe('adopting a measure with its first budget line', () => {
	it('a ticked measure gets its own section, its budget line and, for marker 1, an indicator by sex that counts for the marker', async () => {
		const result = await plans.adoptAndBudget(sql, staff, planId, {
			sectionId: s1!,
			measureNodeIds: [m1, m2],
			first: {
				[m1]: { line: line() },
				[m2]: {
					sectionId: s2,
					line: line({ year: 2027, amount: '12 500,50', marker: 1, genderShare: '40' }),
					indicator: { name: 'Катышкан аялдар жана эркектер', women: '30', men: '20' }
				}
			}
		});
		expect(result.added).toHaveLength(2);
		expect(result.lines).toBe(2);
		expect(result.indicators).toBe(1);
		const a2 = result.byMeasure[m2]!;
		const [act] = await sql`select section_id from activity where id = ${a2}`;
		expect(act!.sectionId).toBe(s2);
		const [a1] = await sql`select section_id from activity where id = ${result.byMeasure[m1]!}`;
		expect(a1!.sectionId).toBe(s1);
		const [b] =
			await sql`select year, amount::text as amount, marker, gender_share::text as share from budget_line where activity_id = ${a2}`;
		expect(b).toMatchObject({ year: 2027, amount: '12500.50', marker: 1 });
		expect(Number(b!.share)).toBe(40);
		const [ind] = await sql`
			select i.name, i.by_sex, indicator_counts_for_marker(i.id) as counts
			from indicator i where i.activity_id = ${a2}`;
		expect(ind).toMatchObject({ name: 'Катышкан аялдар жана эркектер', bySex: true, counts: true });
		const figures = await sql`
			select year, sex, value::text as value from indicator_value v
			join indicator i on i.id = v.indicator_id
			where i.activity_id = ${a2} and v.year is not null and v.sex is not null
			order by sex`;
		expect(figures.map((f) => [f.year, f.sex, Number(f.value)])).toEqual([
			[2027, 'female', 30],
			[2027, 'male', 20]
		]);
	});

	it('one bad line adopts nothing: the refusal names that measure’s field', async () => {
		const before = await counts();
		const refused = await plans
			.adoptAndBudget(sql, staff, planId, {
				sectionId: s1!,
				measureNodeIds: [m3, m4],
				first: { [m3]: { line: line() }, [m4]: { line: line({ amount: '12,345' }) } }
			})
			.catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.field).toBe(`amount_${m4}`);
		expect(await counts()).toEqual(before);
	});

	it('a marker above 0 without an indicator by sex is refused at that measure’s marker, and nothing is written', async () => {
		const before = await counts();
		const refused = await plans
			.adoptAndBudget(sql, staff, planId, {
				sectionId: s1!,
				measureNodeIds: [m3],
				first: { [m3]: { line: line({ marker: 1, genderShare: '30' }) } }
			})
			.catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.code).toBe('error_marker_needs_sex_indicator');
		expect(refused.field).toBe(`marker_${m3}`);
		const womenOnly = await plans
			.adoptAndBudget(sql, staff, planId, {
				sectionId: s1!,
				measureNodeIds: [m3],
				first: {
					[m3]: {
						line: line({ marker: 1, genderShare: '30' }),
						indicator: { name: 'Аялдар', women: '10', men: '' }
					}
				}
			})
			.catch((e) => e);
		expect(womenOnly).toBeInstanceOf(DomainError);
		expect(womenOnly.field).toMatch(new RegExp(`_${m3}$`));
		expect(await counts()).toEqual(before);
	});

	it('only the plan’s own staff adopt, and a section of another plan is refused', async () => {
		await expect(
			plans.adoptAndBudget(sql, deputy, planId, {
				sectionId: s1!,
				measureNodeIds: [m3],
				first: { [m3]: { line: line() } }
			})
		).rejects.toMatchObject({ status: 403 });
		const [other] = await sql<
			{ id: number }[]
		>`select s.id from plan_section s where s.local_plan_id <> ${planId} limit 1`;
		await expect(
			plans.adoptAndBudget(sql, staff, planId, {
				sectionId: s1!,
				measureNodeIds: [m3],
				first: { [m3]: { sectionId: other!.id } }
			})
		).rejects.toMatchObject({ code: 'error_section_unknown' });
	});
});
