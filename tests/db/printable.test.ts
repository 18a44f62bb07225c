import { describe, expect, it } from 'vitest';
import * as documents from '../../src/lib/server/documents';
import * as plans from '../../src/lib/server/plans';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const { id: planId } = (
	await sql<
		{ id: number }[]
	>`select id from local_plan where municipality_id = ${akTurpak} order by id limit 1`
)[0]!;

describe('emoji in a plan are announced before the PDF is downloaded', () => {
	it('a plan without emoji needs no notice; one emoji in an activity title asks for it', async () => {
		expect(await documents.hasUnprintableText(sql, planId)).toBe(false);
		const [a] = await sql<
			{ id: number; sectionId: number }[]
		>`select id, section_id from activity where local_plan_id = ${planId} order by id limit 1`;
		await plans.addLocalActivity(sql, staff, planId, {
			sectionId: a!.sectionId,
			title: 'Аялдар күнү 🎉'
		});
		expect(await documents.hasUnprintableText(sql, planId)).toBe(true);
	});
});
