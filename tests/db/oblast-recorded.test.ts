/**
 * The oblast dashboard reads an approved plan's figures as recorded at its approval and at its
 * report's submission (monitoring/figures.ts) instead of summing its rows again: both ways give the
 * same dashboard, to the tyiyn, on the demo's approved Kyshtut plan and its submitted 2025 report.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as monitoring from '../../src/lib/server/monitoring';
import { actorOf, reportsDemoDb } from './helpers';

const { sql, boss } = await reportsDemoDb();
afterAll(() => boss.stop({ graceful: false }));
const national = await actorOf(sql, 'national');

describe('recorded figures in the oblast dashboard', () => {
	it('an approved plan read from its recorded figures shows what its rows sum to', async () => {
		const recorded = await monitoring.dashboard(sql, national, { code: 'KG05' });
		const approved = recorded.rows.filter((r) => r.planState === 'approved');
		expect(approved.length).toBeGreaterThan(0);
		expect(approved.some((r) => r.lastPeriod !== null && r.spent !== null)).toBe(true);
		const { n } = (
			await sql<{ n: number }[]>`
			select count(*)::int as n from monitoring_plan where origin = 'local'`
		)[0]!;
		expect(n).toBeGreaterThan(0);
		// without them, the dashboard sums every plan's rows
		await sql`delete from monitoring_plan where origin = 'local'`;
		const summed = await monitoring.dashboard(sql, national, { code: 'KG05' });
		expect(recorded).toEqual(summed);
	});
});
