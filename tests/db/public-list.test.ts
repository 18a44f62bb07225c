/**
 * The public list of approved plans (/public) at national scale: a page of current versions at a
 * time, an oblast's alone when one is chosen, each with the versions it replaced; drafts never.
 */
import { describe, expect, it } from 'vitest';
import * as documents from '../../src/lib/server/documents';
import { demoDb } from './helpers';

const { sql } = await demoDb();
await sql`delete from local_plan`;

const oblastOf = async (code: string) =>
	(
		await sql<{ id: number }[]>`
			select m.id::int
			from territory m
			join territory o on o.id = m.region_id
			where o.stat_code = ${code}
				and m.kind = 'municipality'
			order by m.soate_code`
	).map((r) => r.id);
const batken = await oblastOf('KG05');
const chui = await oblastOf('KG08');
const issykKul = await oblastOf('KG02');

/** A plan in a state; an approved one with its decision of a given date. */
async function plan(
	municipalityId: number,
	state: string,
	date = '2025-03-01',
	revisionOf?: number
) {
	const { id } = (
		await sql<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, title_ru, period_start, period_end, state, revision_of)
			values (${municipalityId}, 'gender_plan', ${`План ${municipalityId}`}, '', 2025, 2027, ${state},
				${revisionOf ?? null})
			returning id::int`
	)[0]!;
	if (state !== 'approved') return id;
	const { session } = (
		await sql<{ session: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids,
				quorum_required, votes_for, votes_against, votes_abstained, decision_number, outcome)
			values (${id}, ${municipalityId}, ${date}, 5, array[]::bigint[], 3, 0, 0, 0, ${String(id)}, 'approved')
			returning id::int as session`
	)[0]!;
	await sql`
		insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date,
			snapshot, content_hash)
		values (${id}, ${municipalityId}, ${session}, ${String(id)}, ${date}, '{}', ${'c'.repeat(64)})`;
	return id;
}

// 60 approved plans in Chui's few municipalities, 7 in Batken; a draft and a submitted plan in Batken
const chuiPlans: number[] = [];
for (let i = 0; i < 60; i++)
	chuiPlans.push(
		await plan(
			chui[i % chui.length]!,
			'approved',
			`2025-01-${String((i % 28) + 1).padStart(2, '0')}`
		)
	);
const batkenPlans: number[] = [];
for (let i = 0; i < 7; i++) batkenPlans.push(await plan(batken[i % 6]!, 'approved', '2026-02-01'));
const draft = await plan(batken[0]!, 'draft');
const submitted = await plan(batken[1]!, 'submitted');
// a Batken plan revised twice: the list shows the last version with the two before it
const first = await plan(batken[6]!, 'approved', '2024-05-01');
const second = await plan(batken[6]!, 'approved', '2025-05-01', first);
const third = await plan(batken[6]!, 'approved', '2026-05-01', second);
const allCurrent = chuiPlans.length + batkenPlans.length + 1;

describe('the public list of approved plans', () => {
	it('shows a page of current versions at a time, newest decision first, and says how many there are', async () => {
		const one = await documents.publicPlanPage(sql);
		expect(one.total).toBe(allCurrent);
		expect(one.pages).toBe(Math.ceil(allCurrent / documents.PUBLIC_PAGE_SIZE));
		expect(one.current).toHaveLength(documents.PUBLIC_PAGE_SIZE);
		const dates = one.current.map((p) => p.decisionDate);
		expect(dates).toEqual([...dates].sort().reverse());
		expect(one.current[0]!.id).toBe(third);

		const two = await documents.publicPlanPage(sql, { page: 2 });
		expect(two.current).toHaveLength(allCurrent - documents.PUBLIC_PAGE_SIZE);
		const listed = [...one.current, ...two.current].map((p) => p.id);
		expect(new Set(listed).size).toBe(allCurrent);
		expect(listed).not.toContain(draft);
		expect(listed).not.toContain(submitted);
		expect(listed).not.toContain(first);
		expect(listed).not.toContain(second);
	});

	it('lists the versions a current plan replaced beside it, and only those of its page', async () => {
		const one = await documents.publicPlanPage(sql);
		expect(one.earlier.map((p) => p.id).sort()).toEqual([first, second].sort());
		expect(one.current.find((p) => p.id === third)!.supersedes).toBe(second);
		expect(one.earlier.find((p) => p.id === second)!.supersedes).toBe(first);
		expect((await documents.publicPlanPage(sql, { page: 2 })).earlier).toEqual([]);
	});

	it('lists one oblast alone when it is chosen', async () => {
		const list = await documents.publicPlanPage(sql, { oblast: 'KG05' });
		expect(list.total).toBe(batkenPlans.length + 1);
		expect(list.pages).toBe(1);
		expect(list.current.map((p) => p.id).sort()).toEqual([...batkenPlans, third].sort());
		expect(list.current.every((p) => p.oblast.statCode === 'KG05')).toBe(true);
		const none = await documents.publicPlanPage(sql, { oblast: 'KG02' });
		expect(none).toMatchObject({ current: [], earlier: [], total: 0, pages: 1 });
	});

	it('a page past the last is empty but still counts the list', async () => {
		const past = await documents.publicPlanPage(sql, { page: 9 });
		expect(past).toMatchObject({ current: [], total: allCurrent, page: 9 });
	});

	it('a municipality’s page gets its own approved plans, every version', async () => {
		const own = await documents.publicPlans(sql, { municipalityId: batken[6]! });
		expect(own.map((p) => p.id)).toEqual([third, second, first]);
		expect(await documents.publicPlans(sql, { municipalityId: issykKul[0]! })).toEqual([]);
	});
});
