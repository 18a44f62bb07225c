import { afterAll, describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as approval from '../../src/lib/server/approval';
import * as documents from '../../src/lib/server/documents';
import { startBoss } from '../../src/lib/server/jobs';
import { seedDemo } from '../../src/lib/server/demo';
import { actorOf, freshDb, territoryId } from './helpers';

const { sql, url } = await freshDb();
const boss = await startBoss({ databaseUrl: url, sql, work: false });
afterAll(() => boss.stop({ graceful: false }));
// with the queue, the demo includes Kyshtut's approved plan and the one before the kenesh
await seedDemo(sql, { boss });

const staff = await actorOf(sql, 'kyshtut.staff');
const secretary = await actorOf(sql, 'kyshtut.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const municipalityId = await territoryId(sql, '41705214835000');
const { id: approvedId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${municipalityId} and state = 'approved' order by id limit 1`
)[0]!;
const scope = async () => {
	const ref = await plans.planRef(sql, approvedId);
	return { municipalityId: ref.municipalityId, regionId: ref.regionId };
};

async function approveRevision(): Promise<number> {
	const revisionId = await approval.startRevision(sql, staff, approvedId);
	expect(await approval.submit(sql, staff, revisionId)).toEqual({ problems: [] });
	const roster = await sql<
		{ id: number }[]
	>`select id from deputy where municipality_id = ${municipalityId} and active`;
	await approval.recordSession(sql, boss, secretary, revisionId, {
		sessionDate: '2026-03-12',
		presentDeputyIds: roster.map((d) => d.id),
		votesFor: roster.length,
		votesAgainst: 0,
		votesAbstained: 0,
		decisionNumber: '21',
		outcome: 'approved'
	});
	return revisionId;
}

describe('plan lists say where each plan stands', () => {
	it('each plan in the list carries its state, version, decision and what the viewer can do next', async () => {
		const list = await plans.listForMunicipality(sql, staff, await scope());
		const approved = list.find((p) => p.id === approvedId)!;
		expect(approved).toMatchObject({
			state: 'approved',
			version: 1,
			supersededBy: null,
			next: 'revise'
		});
		expect(approved.decisionNumber).toBeTruthy();
		// staff answer the kenesh's comments and amendments on a submitted plan
		expect(list.find((p) => p.state === 'submitted')?.next).toBe('review');
		const forDeputy = await plans.listForMunicipality(sql, secretary, await scope());
		expect(forDeputy.find((p) => p.state === 'submitted')?.next).toBe('review');
		expect(forDeputy.find((p) => p.id === approvedId)?.next).toBe('read');
	});

	it('when a revision is approved, the version it revised is superseded by that decision everywhere', async () => {
		const revisionId = await approveRevision();
		const list = await plans.listForMunicipality(sql, oblast, await scope());
		const original = list.find((p) => p.id === approvedId)!;
		const revision = list.find((p) => p.id === revisionId)!;
		expect(revision).toMatchObject({
			state: 'approved',
			version: 2,
			revisionOf: approvedId,
			supersededBy: null
		});
		expect(original.supersededBy).toEqual({
			id: revisionId,
			decisionNumber: '21',
			decisionDate: '2026-03-12'
		});
		// the newest version comes first
		expect(list.findIndex((p) => p.id === revisionId)).toBeLessThan(
			list.findIndex((p) => p.id === approvedId)
		);
		// a superseded version cannot be revised again
		expect(
			(await plans.listForMunicipality(sql, staff, await scope())).find((p) => p.id === approvedId)
				?.next
		).toBe('read');

		const info = await approval.approvalInfo(sql, staff, approvedId);
		expect(info.supersededBy).toEqual({
			id: revisionId,
			decisionNumber: '21',
			decisionDate: '2026-03-12'
		});

		const pub = await documents.publicPlans(sql);
		const pubOriginal = pub.find((p) => p.id === approvedId)!;
		const pubRevision = pub.find((p) => p.id === revisionId)!;
		expect(pubOriginal.supersededBy).toBe(revisionId);
		expect(pubRevision.supersedes).toBe(approvedId);
		expect(pubRevision.supersededBy).toBeNull();
		expect(pub.findIndex((p) => p.id === revisionId)).toBeLessThan(
			pub.findIndex((p) => p.id === approvedId)
		);
		expect(documents.publicPlanJson(pubOriginal)).toMatchObject({
			supersededBy: revisionId,
			supersedes: null
		});
	});

	it('a municipality without access is refused', async () => {
		const other = await territoryId(sql, '41705258804000');
		await expect(
			plans.listForMunicipality(sql, staff, {
				municipalityId: other,
				regionId: (await scope()).regionId
			})
		).rejects.toMatchObject({ status: 403 });
	});
});
