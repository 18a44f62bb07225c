import { describe, expect, it } from 'vitest';
import { seedNational } from '../../src/lib/server/demo/national';
import * as documents from '../../src/lib/server/documents';
import * as reports from '../../src/lib/server/reports';
import { contentHash } from '../../src/lib/server/content-hash';
import { demoDb } from './helpers';

const { sql } = await demoDb();

// the national generator's plans and reports are what the bench and the dashboards are tried on: a
// synthetic approved plan must read as a real one, on its public page and in its documents
describe('the national generator', () => {
	it('freezes each plan and report as approval and submission do: public pages read them, hashes vouch for them', async () => {
		const seeded = await seedNational(sql, { municipalities: 12, activitiesPerPlan: 4 });
		expect(seeded.plans).toBe(12);
		const synthetic = await sql<{ localPlanId: number; snapshot: unknown; contentHash: string }[]>`
			select local_plan_id, snapshot, content_hash from plan_approval
			where local_plan_id = any (${seeded.planIds}::bigint[])`;
		expect(synthetic).toHaveLength(12);
		for (const a of synthetic) {
			expect(a.contentHash).toBe(contentHash(a.snapshot));
			const { plan, view } = await documents.publicPlan(sql, Number(a.localPlanId));
			expect(plan.id).toBe(Number(a.localPlanId));
			expect(view.sections.flatMap((s) => s.activities)).toHaveLength(4);
			expect(view.summary.activities).toBe(4);
		}
		const submitted = await sql<
			{ id: number; localPlanId: number; snapshot: unknown; contentHash: string }[]
		>`select id, local_plan_id, snapshot, content_hash from report
			where state = 'submitted' and local_plan_id = any (${seeded.planIds}::bigint[])`;
		expect(submitted.length).toBeGreaterThan(0);
		for (const r of submitted) {
			expect(r.contentHash).toBe(contentHash(r.snapshot));
			const report = await reports.publicReport(sql, Number(r.localPlanId), Number(r.id));
			expect(report.content.sections.flatMap((s) => s.activities)).toHaveLength(4);
		}
	});
});
