/**
 * Plan integrity under concurrency: every call of a race runs on its own connection (separate
 * Postgres.js pools of one connection each), all released at once by a barrier. The tests assert
 * what must hold whatever the interleaving — never how long anything took.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as approval from '../../src/lib/server/approval';
import * as users from '../../src/lib/server/users';
import { connect, type Sql } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import { startBoss } from '../../src/lib/server/jobs';
import { contentHash as hashOf } from '../../src/lib/server/content-hash';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql, url } = await demoDb();
const boss = await startBoss({ databaseUrl: url, sql, work: false });

// ten connections, as many as the app's pool: a race has at most ten calls in the database at once
const pools: Sql[] = Array.from({ length: 10 }, () => connect(url, { max: 1 }));
// one more, for a call that joins a race already under way
const latecomer = connect(url, { max: 1 });
await Promise.all([...pools, latecomer].map((p) => p`select 1`));
afterAll(async () => {
	await Promise.all([...pools, latecomer].map((p) => p.end({ timeout: 5 })));
	await boss.stop({ graceful: false });
});

const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const secretary = await actorOf(sql, 'akturpak.deputy');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
await users.create(sql, admin, {
	username: 'akturpak.deputy2',
	fullName: 'Гүлзат Арзыкулова',
	password: 'long-enough-pass',
	role: { role: 'deputy', territoryId: akTurpak }
});
const deputy2 = await actorOf(sql, 'akturpak.deputy2');
const roster = (
	await sql<
		{ id: number }[]
	>`select id from deputy where municipality_id = ${akTurpak} and active order by id`
).map((d) => d.id);

const session = (
	outcome: 'approved' | 'returned',
	decisionNumber = '21'
): approval.SessionInput => ({
	sessionDate: '2026-03-12',
	presentDeputyIds: roster,
	votesFor: outcome === 'approved' ? roster.length : 0,
	votesAgainst: outcome === 'approved' ? 0 : roster.length,
	votesAbstained: 0,
	decisionNumber,
	outcome
});

/** Starts n calls at once, call i on connection i mod 10, and waits for all of them to settle. */
async function race<T>(
	n: number,
	call: (db: Sql, i: number) => Promise<T>
): Promise<{ ok: T[]; refused: string[] }> {
	let release!: () => void;
	const barrier = new Promise<void>((resolve) => (release = resolve));
	const runs = Array.from({ length: n }, (_, i) =>
		barrier.then(() => call(pools[i % pools.length]!, i))
	);
	release();
	const settled = await Promise.allSettled(runs);
	return {
		ok: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
		// a refusal the user reads is "status code"; anything else (a 500) shows as its message
		refused: settled.flatMap((s) =>
			s.status === 'rejected'
				? [
						isDomainError(s.reason)
							? `${s.reason.status} ${s.reason.code}`
							: `500 ${String(s.reason)}`
					]
				: []
		)
	};
}

let plansMade = 0;
/** A complete draft plan of Ak-Turpak: `activities` activities over two sections, each with a sex-disaggregated indicator and a marker-1 budget line. */
async function draftPlan(
	activities: number
): Promise<{ planId: number; sections: number[]; activityIds: number[]; lineIds: number[] }> {
	const planId = await plans.createPlan(sql, staff, {
		municipalityId: akTurpak,
		kind: 'gender_plan',
		title: `Параллель план ${++plansMade}`,
		periodStart: 2025,
		periodEnd: 2027,
		sections: ['Зомбулуктун алдын алуу', 'Аялдардын катышуусу'],
		envelopes: []
	});
	const sections = (
		await sql<
			{ id: number }[]
		>`select id from plan_section where local_plan_id = ${planId} order by position`
	).map((s) => s.id);
	const activityIds: number[] = [];
	const lineIds: number[] = [];
	for (let i = 0; i < activities; i++) {
		const id = await plans.addLocalActivity(sql, staff, planId, {
			sectionId: sections[i % 2]!,
			title: `Иш-чара ${i + 1}`
		});
		await plans.saveIndicator(sql, staff, id, {
			name: 'Катышкан аялдар',
			unit: 'адам',
			kind: 'count',
			baseline: '0',
			bySex: true,
			byAge: false,
			byDisability: false,
			dataSource: '',
			targets: { 2025: { female: '6', male: '4' } }
		});
		const { id: lineId } = await plans.saveBudgetLine(sql, staff, id, budgetLine('1000'));
		activityIds.push(id);
		lineIds.push(lineId);
	}
	return { planId, sections, activityIds, lineIds };
}

const budgetLine = (amount: string): plans.BudgetLineInput => ({
	year: 2025,
	amount,
	source: 'local_budget',
	donorName: '',
	classificationCode: '',
	marker: 1,
	genderShare: '50',
	justification: '',
	beneficiariesWomen: '',
	beneficiariesMen: '',
	beneficiariesGirls: '',
	beneficiariesBoys: ''
});

const submittedPlan = async (activities = 2) => {
	const plan = await draftPlan(activities);
	expect(await approval.submit(sql, staff, plan.planId)).toEqual({ problems: [] });
	return plan;
};

const same = (n: number, s: string) => Array.from({ length: n }, () => s);

describe('an approved version is exactly what the kenesh approved', () => {
	it('approval and 40 amendment decisions in parallel: the approved snapshot equals the rows field by field', async () => {
		const { planId, activityIds, lineIds } = await submittedPlan(20);
		const amendments: { id: number; accept: boolean }[] = [];
		for (const [i, activityId] of activityIds.entries()) {
			const id = await approval.proposeAmendment(sql, secretary, planId, {
				targetKind: 'activity',
				targetId: activityId,
				proposed: { title: `Түзөтүлгөн иш-чара ${i + 1}` },
				reason: ''
			});
			amendments.push({ id, accept: i % 4 !== 3 });
		}
		for (const [i, lineId] of lineIds.entries()) {
			const id = await approval.proposeAmendment(sql, deputy2, planId, {
				targetKind: 'budget_line',
				targetId: lineId,
				proposed: { amount: String(2000 + i) },
				reason: ''
			});
			amendments.push({ id, accept: i % 4 !== 3 });
		}
		// the approval starts once ten decisions are through, in the middle of the other thirty
		let settled = 0;
		let releaseApproval!: () => void;
		const tenDecided = new Promise<void>((resolve) => (releaseApproval = resolve));
		const { refused } = await race(41, async (db, i) => {
			if (i === 40)
				return tenDecided.then(() =>
					approval.recordSession(latecomer, boss, secretary, planId, session('approved'))
				);
			try {
				return await approval.decideAmendment(db, staff, amendments[i]!.id, {
					accept: amendments[i]!.accept,
					reason: amendments[i]!.accept ? '' : 'Бюджетке батпайт'
				});
			} finally {
				if (++settled === 10) releaseApproval();
			}
		});
		expect((await plans.planRef(sql, planId)).state).toBe('approved');
		// a decision that came too late is refused with a reason, never a crash
		expect(refused.filter((r) => !r.startsWith('409 '))).toEqual([]);
		const { snapshot, contentHash } = (
			await sql<{ snapshot: Record<string, unknown>; contentHash: string }[]>`
			select snapshot, content_hash from plan_approval where local_plan_id = ${planId}`
		)[0]!;
		const rows = await plans.planView(sql, staff, planId);
		const fromRows = JSON.parse(
			JSON.stringify({
				plan: { ...rows.plan, rowVersion: undefined, updatedAt: undefined },
				sections: rows.sections,
				summary: rows.summary,
				planTitles: rows.planTitles
			})
		);
		expect(snapshot).toEqual(fromRows);
		expect(hashOf(fromRows)).toBe(contentHash);
		// every accepted amendment is in the approved version, none refused after it is
		const decided = await sql<
			{ targetKind: string; targetId: number; proposed: Record<string, string>; state: string }[]
		>`
			select target_kind, target_id, proposed, state from amendment where local_plan_id = ${planId}`;
		const approvedActivities = (snapshot as unknown as typeof rows).sections.flatMap(
			(s) => s.activities
		);
		for (const a of decided) {
			const activity = approvedActivities.find((x) =>
				a.targetKind === 'activity'
					? x.id === a.targetId
					: x.budget.some((b) => b.id === a.targetId)
			)!;
			const value =
				a.targetKind === 'activity'
					? activity.title
					: activity.budget.find((b) => b.id === a.targetId)!.amount;
			const proposed = a.targetKind === 'activity' ? a.proposed.title : a.proposed.amount;
			expect({ state: a.state, applied: value === proposed }).toEqual({
				state: a.state,
				applied: a.state === 'accepted'
			});
		}
		expect(decided.filter((a) => a.state !== 'proposed').length).toBeGreaterThanOrEqual(10);
	});
});

describe('state changes happen once', () => {
	it('20 parallel submits: one submitted event, one notification per deputy, 19 refused with 409', async () => {
		const { planId } = await draftPlan(2);
		const { ok, refused } = await race(20, (db) => approval.submit(db, staff, planId));
		expect(ok).toEqual([{ problems: [] }]);
		expect(refused).toEqual(same(19, '409 error_plan_already_submitted'));
		expect(
			await sql`select 1 from plan_event where local_plan_id = ${planId} and kind = 'submitted'`
		).toHaveLength(1);
		const notified = await sql<{ userId: number; n: number }[]>`
			select user_id, count(*)::int as n from notification where local_plan_id = ${planId} and kind = 'plan_submitted' group by user_id order by user_id`;
		expect(notified).toEqual(
			[secretary.id, deputy2.id].sort((a, b) => a - b).map((userId) => ({ userId, n: 1 }))
		);
	});

	it('10 parallel revisions open one draft', async () => {
		const { planId } = await submittedPlan();
		await approval.recordSession(sql, boss, secretary, planId, session('approved'));
		const { ok, refused } = await race(10, (db) => approval.startRevision(db, staff, planId));
		expect(ok).toHaveLength(1);
		expect(refused).toEqual(same(9, '409 error_revision_open'));
		expect(await sql`select id from local_plan where revision_of = ${planId}`).toEqual([
			{ id: ok[0] }
		]);
		expect(
			await sql`select 1 from plan_event where local_plan_id = ${planId} and kind = 'revision_started'`
		).toHaveLength(1);
	});

	it('the database itself keeps a second open revision of a plan out', async () => {
		const { planId } = await submittedPlan();
		await approval.recordSession(sql, boss, secretary, planId, session('approved'));
		await approval.startRevision(sql, staff, planId);
		await expect(sql`
			insert into local_plan (municipality_id, kind, title, period_start, period_end, revision_of)
			values (${akTurpak}, 'gender_plan', 'Экинчи долбоор', 2025, 2027, ${planId})`).rejects.toMatchObject(
			{ code: '23505' }
		);
	});

	it('approve and return together: exactly one session outcome', async () => {
		const { planId } = await submittedPlan();
		const { ok, refused } = await race(10, (db, i) =>
			approval.recordSession(
				db,
				boss,
				secretary,
				planId,
				session(i % 2 ? 'returned' : 'approved', String(30 + i))
			)
		);
		expect(ok).toHaveLength(1);
		expect(refused).toEqual(same(9, '409 error_session_already_recorded'));
		const sessions = await sql<
			{ outcome: string }[]
		>`select outcome from kenesh_session where local_plan_id = ${planId}`;
		expect(sessions).toHaveLength(1);
		const state = (await plans.planRef(sql, planId)).state;
		const approvals = await sql`select 1 from plan_approval where local_plan_id = ${planId}`;
		const events = (
			await sql<
				{ kind: string }[]
			>`select kind from plan_event where local_plan_id = ${planId} and kind <> 'submitted'`
		).map((e) => e.kind);
		if (sessions[0]!.outcome === 'approved')
			expect({ state, approvals: approvals.length, events }).toEqual({
				state: 'approved',
				approvals: 1,
				events: ['approved']
			});
		else
			expect({ state, approvals: approvals.length, events }).toEqual({
				state: 'draft',
				approvals: 0,
				events: ['returned']
			});
	});

	it('20 parallel approvals: one approval, the rest 409', async () => {
		const { planId } = await submittedPlan();
		const { ok, refused } = await race(20, (db) =>
			approval.recordSession(db, boss, secretary, planId, session('approved'))
		);
		expect(ok).toHaveLength(1);
		expect(refused).toEqual(same(19, '409 error_session_already_recorded'));
		expect(await sql`select 1 from kenesh_session where local_plan_id = ${planId}`).toHaveLength(1);
		expect(await sql`select 1 from plan_approval where local_plan_id = ${planId}`).toHaveLength(1);
		expect(
			await sql`select 1 from pgboss.job where name = 'plan.render' and data ->> 'planId' = ${String(planId)}`
		).toHaveLength(1);
	});

	it('an approval colliding with one written past the plan lock is refused with 409, not a 500', async () => {
		const { planId } = await submittedPlan();
		const { id: sessionId } = (
			await sql<{ id: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required,
				votes_for, votes_against, votes_abstained, decision_number, outcome)
			values (${planId}, ${akTurpak}, '2026-03-12', ${roster.length}, ${roster}, 8, ${roster.length}, 0, 0, '20', 'approved')
			returning id`
		)[0]!;
		await sql`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, snapshot, content_hash)
			values (${planId}, ${akTurpak}, ${sessionId}, '20', '2026-03-12', '{}', ${'0'.repeat(64)})`;
		await expect(
			approval.recordSession(sql, boss, secretary, planId, session('approved'))
		).rejects.toMatchObject({ code: 'error_concurrent_change', status: 409 });
		expect(await sql`select 1 from kenesh_session where local_plan_id = ${planId}`).toHaveLength(1);
	});

	it('a budget line added while the plan is being submitted is refused', async () => {
		const { planId, activityIds } = await draftPlan(4);
		const { ok, refused } = await race<unknown>(20, (db, i) =>
			i === 0
				? approval.submit(db, staff, planId)
				: plans.saveBudgetLine(
						db,
						staff,
						activityIds[i % activityIds.length]!,
						budgetLine(String(100 + i))
					)
		);
		expect((await plans.planRef(sql, planId)).state).toBe('submitted');
		expect(refused.filter((r) => r !== '409 error_plan_locked_submitted')).toEqual([]);
		// what was added went in before the submission: the audit numbers its entries in the order they were written
		const { submittedAt } = (
			await sql<{ submittedAt: number }[]>`
			select id as submitted_at from audit_log where entity = 'local_plan' and entity_id = ${String(planId)} and action = 'submit'`
		)[0]!;
		const after = await sql`
			select id from audit_log where entity = 'budget_line' and action = 'create' and id > ${submittedAt}
				and (after ->> 'activityId')::bigint in ${sql(activityIds)}`;
		expect(after).toEqual([]);
		const { n } = (
			await sql<
				{ n: number }[]
			>`select count(*)::int as n from budget_line where activity_id in ${sql(activityIds)}`
		)[0]!;
		expect(n).toBe(activityIds.length + ok.length - 1);
	});
});

describe('ordering and audit under concurrency', () => {
	it('50 parallel moves keep positions a permutation', async () => {
		const { planId, sections, activityIds } = await draftPlan(12);
		const { refused } = await race(50, (db, i) => {
			const activityId = activityIds[(i * 7) % activityIds.length];
			// every fifth move goes to the other section; the others up or down
			if (i % 5 === 4)
				return plans.moveActivity(db, staff, activityId!, { sectionId: sections[i % 2] });
			return plans.moveActivity(db, staff, activityId!, { direction: i % 2 ? 'up' : 'down' });
		});
		expect(refused).toEqual([]);
		const rows = await sql<{ sectionId: number; positions: number[] }[]>`
			select section_id, array_agg(position order by position) as positions
			from activity
			where local_plan_id = ${planId}
			group by section_id`;
		for (const r of rows) expect(r.positions).toEqual(r.positions.map((_, i) => i));
		expect(rows.reduce((n, r) => n + r.positions.length, 0)).toBe(activityIds.length);
	});

	it('a row deleted twice in parallel is audited once', async () => {
		const { planId, activityIds, lineIds } = await draftPlan(12);
		const extraLines: number[] = [];
		for (const activityId of activityIds.slice(0, 6))
			extraLines.push((await plans.saveBudgetLine(sql, staff, activityId, budgetLine('500'))).id);
		const versions = new Map(
			(
				await sql<
					{ id: number; rowVersion: number }[]
				>`select id, row_version from activity where local_plan_id = ${planId}`
			).map((r) => [r.id, r.rowVersion])
		);
		const doomed = activityIds.slice(6);
		const { ok, refused } = await race(24, (db, i) => {
			const k = Math.floor(i / 2);
			if (k < doomed.length)
				return plans.deleteActivity(db, staff, doomed[k]!, {
					rowVersion: versions.get(doomed[k]!)!
				});
			const j = k - doomed.length;
			return plans.deleteBudgetLine(db, staff, activityIds[j]!, extraLines[j]!);
		});
		expect(ok).toHaveLength(12);
		expect(refused).toEqual(same(12, '404 error_not_found'));
		const audited = await sql<{ entity: string; entityId: string; n: number }[]>`
			select entity, entity_id, count(*)::int as n
			from audit_log
			where action = 'delete' and ((entity = 'activity' and entity_id in ${sql(doomed.map(String))}) or (entity = 'budget_line' and entity_id in ${sql(extraLines.map(String))}))
			group by entity, entity_id`;
		expect(audited.map((a) => a.n)).toEqual(same(12, '1').map(Number));
		expect(await sql`select 1 from activity where local_plan_id = ${planId}`).toHaveLength(6);
		void lineIds;
	});
});
