import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/lib/server/db';
import * as plans from '../../src/lib/server/plans';
import { seedLargePlan, seedNational } from '../../src/lib/server/demo/national';
import { actorOf, demoDb, SOATE, territoryId } from './helpers';

const { sql, url } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);

/** A second pool on the same database that counts the queries it sends. */
let sent = 0;
const counted = connect(url, { max: 1, debug: () => sent++ });
afterAll(() => counted.end({ timeout: 5 }));
// the pool's first connection reads the database's types once: not a query of the code under test
await counted`select 1`;
async function queriesOf(fn: () => Promise<unknown>): Promise<number> {
	sent = 0;
	await fn();
	return sent;
}

/** The oblast and rayon of every territory, found by walking up the parents as the old function did. */
async function walkedUp() {
	return sql<
		{
			id: number;
			regionId: number;
			rayonId: number | null;
			storedRegion: number;
			storedRayon: number | null;
		}[]
	>`
		with recursive up as (
			select id as start, id, parent_id, kind from territory
			union all
			select up.start, p.id, p.parent_id, p.kind from territory p join up on p.id = up.parent_id
		)
		select t.id, t.region_id as stored_region, t.rayon_id as stored_rayon,
			(select u.id from up u where u.start = t.id and u.parent_id is null) as region_id,
			(select u.id from up u where u.start = t.id and u.kind = 'rayon') as rayon_id
		from territory t`;
}

describe('the plan view', () => {
	it('sends the same few queries for a plan of 5 activities and of 400', async () => {
		const small = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 5 });
		const large = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 400 });
		const forSmall = await queriesOf(() => plans.planView(counted, staff, small));
		const forLarge = await queriesOf(() => plans.planView(counted, staff, large));
		expect(forLarge).toBe(forSmall);
		expect(forLarge).toBeLessThanOrEqual(5);
		const view = await plans.planView(counted, staff, large);
		expect(view.summary.activities).toBe(400);
		expect(
			view.sections
				.flatMap((s) => s.activities)
				.every((a) => a.indicators.length === 1 && a.budget.length === 3)
		).toBe(true);
	});

	it('for one activity reads that activity alone, with the same few queries', async () => {
		const large = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 50 });
		const [a] = await sql<
			{ id: number; sectionId: number }[]
		>`select id, section_id from activity where local_plan_id = ${large} order by id desc limit 1`;
		const n = await queriesOf(() => plans.planView(counted, staff, large, { activityId: a!.id }));
		expect(n).toBeLessThanOrEqual(5);
		const view = await plans.planView(counted, staff, large, { activityId: a!.id });
		expect(view.sections.map((s) => s.id)).toEqual([a!.sectionId]);
		expect(view.sections[0]!.activities.map((x) => x.id)).toEqual([a!.id]);
		expect(view.sections[0]!.activities[0]!.budget).toHaveLength(3);
	});

	it('the plan page’s reading sends the same three queries for 5 activities and 400, and outlines the plan as the full view does', async () => {
		const small = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 5 });
		const large = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 400 });
		const forSmall = await queriesOf(() => plans.planPage(counted, staff, small));
		const forLarge = await queriesOf(() => plans.planPage(counted, staff, large));
		expect(forLarge).toBe(forSmall);
		expect(forLarge).toBeLessThanOrEqual(3);
		// a catalogue measure among them: its provenance and pillars reach the page and the summary
		const [measure] = await sql<{ activityId: number }[]>`
			select a.id as activity_id from activity a where a.measure_node_id is not null limit 1`;
		const withMeasure = measure
			? (
					await sql<{ localPlanId: number }[]>`
						select local_plan_id from activity where id = ${measure.activityId}`
				)[0]!.localPlanId
			: null;
		for (const id of [large, ...(withMeasure ? [withMeasure] : [])]) {
			const view = await plans.planView(sql, staff, id);
			const page = await plans.planPage(sql, staff, id);
			const a = view.sections.find((s) => s.activities.length)!.activities[0]!;
			const comments = [
				{ targetKind: 'activity', targetId: a.id },
				...a.budget.map((b) => ({ targetKind: 'budget_line', targetId: b.id }))
			];
			expect(plans.planOutline(page, comments)).toEqual(plans.planOutline(view, comments));
			expect(page.ref).toEqual(view.ref);
		}
	});

	it('outlines the plan page with each activity’s yearly totals, markers and comment count', async () => {
		const id = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 3 });
		await sql`update activity set title_ru = 'Профессиональное обучение' where local_plan_id = ${id}`;
		await sql`update plan_section set title_ru = 'Раздел' where local_plan_id = ${id}`;
		const view = await plans.planView(sql, staff, id);
		const a = view.sections[0]!.activities[0]!;
		const outline = plans.planOutline(view, [
			{ targetKind: 'activity', targetId: a.id },
			{ targetKind: 'budget_line', targetId: a.budget[0]!.id },
			{ targetKind: 'plan', targetId: id }
		]);
		const o = outline.sections[0]!.activities[0]!;
		expect(o.comments).toBe(2);
		expect(o.indicators).toBe(1);
		expect(Object.keys(o.yearTotals)).toEqual(['2026', '2027', '2028']);
		expect(o.yearTotals[2026]).toBe(a.budget.find((b) => b.year === 2026)!.amount);
		expect(o.markers).toEqual([...new Set(a.budget.map((b) => b.marker))].sort());
		expect(o).not.toHaveProperty('budget');
		// the wording in the page's language only; the section's retitle form sends its rowVersion
		expect(o.wording).toEqual({ text: a.title, lang: 'ky', fallback: false });
		expect(plans.planOutline(view, [], 'ru').sections[0]!.activities[0]!.wording).toEqual({
			text: 'Профессиональное обучение',
			lang: 'ru',
			fallback: false
		});
		expect(o).not.toHaveProperty('titleRu');
		expect(outline.sections[0]).toMatchObject({
			titleRu: 'Раздел',
			rowVersion: view.sections[0]!.rowVersion
		});
	});
});

describe('the plan page’s review panel, comments and amendments', () => {
	it('read in one query each when given the plan the page already read', async () => {
		const national = await actorOf(sql, 'national');
		// an approved plan (with its kenesh session, decision and approval) when the demo has one
		const [approved] = await sql<{ id: number }[]>`
			select id from local_plan order by state = 'approved' desc, id limit 1`;
		const page = await plans.planPage(sql, national, approved!.id);
		const { approvalInfo, comments, amendments } = await import('../../src/lib/server/approval');
		const given = { plan: page.ref };
		expect(await queriesOf(() => approvalInfo(counted, national, approved!.id, given))).toBe(1);
		expect(await queriesOf(() => comments(counted, national, approved!.id, given))).toBe(1);
		expect(await queriesOf(() => amendments(counted, national, approved!.id, given))).toBe(1);
		const info = await approvalInfo(sql, national, approved!.id, given);
		expect(info).toEqual(await approvalInfo(sql, national, approved!.id));
		if (info.state === 'approved') {
			expect(info.approval?.approvedAt).toBeInstanceOf(Date);
			expect(info.approval?.decisionNumber).toBeTruthy();
		}
		for (const s of info.sessions) expect(typeof s.present).toBe('number');
		expect(info.isSecretary).toBe(false);
		// someone who may not read the plan is refused even with the plan in hand
		const other = await actorOf(sql, 'batken.oblast');
		if (!plans.can(other, 'read', page.ref))
			await expect(approvalInfo(sql, other, approved!.id, given)).rejects.toThrow();
	});

	it('the hearings beside the plan: one query when it has none, the same hearings given the plan as without it', async () => {
		const { besidePlan } = await import('../../src/lib/server/hearings');
		const none = await seedLargePlan(sql, { municipalityId: akTurpak, activities: 2 });
		const page = await plans.planPage(sql, staff, none);
		expect(await queriesOf(() => besidePlan(counted, staff, none, { plan: page.ref }))).toBe(1);
		expect(await besidePlan(sql, staff, none, { plan: page.ref })).toEqual([]);
		// a plan with hearings, when the demo has one: its record, counts and proposals as before
		const [heard] = await sql<{ planId: number }[]>`
			select local_plan_id as plan_id from hearing order by id limit 1`;
		if (heard) {
			const national = await actorOf(sql, 'national');
			const ref = (await plans.planPage(sql, national, heard.planId)).ref;
			const given = await besidePlan(sql, national, heard.planId, { plan: ref });
			expect(given.length).toBeGreaterThan(0);
			expect(given).toEqual(await besidePlan(sql, national, heard.planId));
		}
		// someone who may not read the plan is refused even with the plan in hand
		const other = await actorOf(sql, 'kyshtut.staff');
		expect(plans.can(other, 'read', page.ref)).toBe(false);
		await expect(besidePlan(sql, other, none, { plan: page.ref })).rejects.toThrow();
	});
});

describe('territories store their region and rayon', () => {
	it('as walking up the parents finds them, for the shipped list and 500 synthetic municipalities', async () => {
		const seeded = await seedNational(sql, { municipalities: 500, activitiesPerPlan: 3 });
		expect(seeded.municipalities).toBe(500);
		for (const r of await walkedUp()) {
			expect(r.storedRegion, `territory ${r.id}`).toBe(r.regionId);
			expect(r.storedRayon, `territory ${r.id}`).toBe(r.rayonId);
		}
	});

	it('a rayon moved to another oblast takes its municipalities along', async () => {
		const rayon = await territoryId(sql, SOATE.kadamjayRayon);
		const issykKul = await territoryId(sql, SOATE.issykKulOblast);
		const batken = await territoryId(sql, SOATE.batkenOblast);
		await sql`update territory set parent_id = ${issykKul} where id = ${rayon}`;
		const [moved] = await sql<
			{ regionId: number; rayonId: number }[]
		>`select region_id, rayon_id from territory where id = ${akTurpak}`;
		expect(moved).toEqual({ regionId: issykKul, rayonId: rayon });
		const [ref] = [
			await plans.planRef(
				sql,
				(
					await sql<
						{ id: number }[]
					>`select id from local_plan where municipality_id = ${akTurpak} limit 1`
				)[0]!.id
			)
		];
		expect(ref.regionId).toBe(issykKul);
		await sql`update territory set parent_id = ${batken} where id = ${rayon}`;
		for (const r of await walkedUp()) expect(r.storedRegion, `territory ${r.id}`).toBe(r.regionId);
	});
});

describe('a signed-in request', () => {
	it('reads its session, actor and unread count in one query, the same actor as loadActor gives', async () => {
		const { createSession, generateSessionToken, validateSessionWithActor } =
			await import('../../src/lib/server/auth/session');
		const { loadActor } = await import('../../src/lib/server/auth/actor');
		const oblast = await actorOf(sql, 'batken.oblast');
		// a deputy (the secretary flag), two roles without a territory, no role yet
		const deputy = await actorOf(sql, 'akturpak.deputy');
		const [both, newcomer] = await sql<{ id: number }[]>`
			insert into app_user (username, full_name, password_hash, locale)
			values ('perf.both', 'Both', 'x', 'ru'), ('perf.newcomer', 'Newcomer', 'x', 'ru') returning id`;
		await sql`insert into membership (user_id, role) values (${both!.id}, 'national'), (${both!.id}, 'admin')`;
		for (const user of [staff, oblast, deputy, both!, newcomer!]) {
			const token = generateSessionToken();
			await createSession(sql, token, user.id);
			const n = await queriesOf(() => validateSessionWithActor(counted, token));
			expect(n).toBe(1);
			const found = await validateSessionWithActor(counted, token);
			expect(found?.actor).toEqual(await loadActor(sql, user.id));
			expect(found?.unread).toBe(0);
		}
		expect((await loadActor(sql, both!.id))?.memberships.map((m) => m.role)).toEqual([
			'admin',
			'national'
		]);
		expect((await loadActor(sql, newcomer!.id))?.memberships).toEqual([]);
		expect(deputy.memberships.some((m) => m.isSecretary)).toBe(true);
		// the oblast's KG code, which its home links the dashboard and the downloads by, comes along
		expect(oblast.memberships[0]?.territoryStatCode).toBe('KG05');
		expect(await validateSessionWithActor(counted, generateSessionToken())).toBeNull();
	});

	it('extends a session past half its life and says so (the cookie is then written again), not a fresh one', async () => {
		const {
			createSession,
			generateSessionToken,
			sessionIdOf,
			validateSessionWithActor,
			SESSION_LIFETIME_MS
		} = await import('../../src/lib/server/auth/session');
		const token = generateSessionToken();
		await createSession(sql, token, staff.id);
		expect((await validateSessionWithActor(sql, token))?.renewed).toBe(false);
		await sql`update session set expires_at = now() + interval '2 days' where id = ${sessionIdOf(token)}`;
		const found = await validateSessionWithActor(sql, token);
		expect(found?.renewed).toBe(true);
		expect(found!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME_MS - 60_000
		);
		await sql`update session set expires_at = now() - interval '1 minute' where id = ${sessionIdOf(token)}`;
		expect(await validateSessionWithActor(sql, token)).toBeNull();
	});
});
