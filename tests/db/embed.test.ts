import { afterAll, describe, expect, it } from 'vitest';
import * as approval from '../../src/lib/server/approval';
import { embedView } from '../../src/lib/server/embed';
import { startBoss } from '../../src/lib/server/jobs';
import { seedDemo } from '../../src/lib/server/demo';
import { loadSessionActor } from '../../src/lib/server/auth/actor';
import { createSession, sessionIdOf } from '../../src/lib/server/auth/session';
import { actorOf, freshDb, SOATE, territoryId } from './helpers';

const { sql, url } = await freshDb();
const boss = await startBoss({ databaseUrl: url, sql, work: false });
afterAll(() => boss.stop({ graceful: false }));
// with the queue, the demo includes Kyshtut's approved plan and its submitted 2025 report
await seedDemo(sql, { boss });

const notFound = (p: Promise<unknown>) =>
	expect(p).rejects.toMatchObject({ code: 'error_not_found', status: 404 });

describe('the embeddable view of a municipality', () => {
	it('shows the approved plan in brief and its latest submitted report', async () => {
		const view = await embedView(sql, SOATE.kyshtut);
		expect(view.municipality).toMatchObject({ nameKy: 'Кыштут', soateCode: SOATE.kyshtut });
		expect(view.plan).toMatchObject({ periodStart: 2025, periodEnd: 2027, activities: 5 });
		expect(view.plan!.decisionNumber).toBeTruthy();
		expect(view.plan!.total).toBe('1060000.00');
		expect(view.plan!.sections.map((s) => s.activities)).toEqual([2, 3]);
		expect(view.latestReport).toMatchObject({ period: '2025', planId: view.plan!.id });
	});

	it('a municipality without an approved plan has an empty view; anything but a municipality’s code is not found', async () => {
		expect(await embedView(sql, SOATE.akTurpak)).toMatchObject({
			municipality: { nameKy: 'Ак-Турпак' },
			plan: null,
			latestReport: null
		});
		for (const code of [
			SOATE.batkenOblast,
			SOATE.kadamjayRayon,
			'00000000000000',
			'x',
			'1'.repeat(40)
		])
			await notFound(embedView(sql, code));
	});

	it('once a revision is approved it is the plan shown, with the latest report of the version before', async () => {
		const staff = await actorOf(sql, 'kyshtut.staff');
		const secretary = await actorOf(sql, 'kyshtut.deputy');
		const before = await embedView(sql, SOATE.kyshtut);
		const revisionId = await approval.startRevision(sql, staff, before.plan!.id);
		expect(await approval.submit(sql, staff, revisionId)).toEqual({ problems: [] });
		// a revision before its kenesh changes nothing the public sees
		expect((await embedView(sql, SOATE.kyshtut)).plan!.id).toBe(before.plan!.id);
		const roster = await sql<{ id: number }[]>`
			select id from deputy
			where municipality_id = ${await territoryId(sql, SOATE.kyshtut)} and active`;
		await approval.recordSession(sql, boss, secretary, revisionId, {
			sessionDate: '2026-03-12',
			presentDeputyIds: roster.map((d) => d.id),
			votesFor: roster.length,
			votesAgainst: 0,
			votesAbstained: 0,
			decisionNumber: '21',
			outcome: 'approved'
		});
		const after = await embedView(sql, SOATE.kyshtut);
		expect(after.plan).toMatchObject({ id: revisionId, decisionNumber: '21' });
		expect(after.latestReport).toMatchObject({ period: '2025', planId: before.plan!.id });
	});
});

describe('the low-vision mode', () => {
	it('the account’s choice is read with the session', async () => {
		const user = await actorOf(sql, 'akturpak.staff');
		const token = 'a'.repeat(32);
		await createSession(sql, token, user.id);
		expect((await loadSessionActor(sql, sessionIdOf(token)))!.lowVision).toBe(false);
		await sql`update app_user set low_vision = true where id = ${user.id}`;
		expect((await loadSessionActor(sql, sessionIdOf(token)))!.lowVision).toBe(true);
	});
});
