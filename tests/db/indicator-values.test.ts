import { describe, expect, it } from 'vitest';
import { databaseBefore, oldColumnsIndicator } from './helpers';

const MIGRATION = '0015_create_indicator_values.sql';

const { sql, migrateThrough } = await databaseBefore(MIGRATION);

describe('the disaggregated-target migration keeps every existing value', () => {
	it('every baseline and yearly target becomes a total; approved plans are not touched; children indicators read as girls and boys', async () => {
		const plan = (state: 'draft' | 'approved') =>
			oldColumnsIndicator(sql, {
				state,
				name: 'Катышкан кыз балдар',
				baseline: 12.5,
				targets: [
					[2026, 20],
					[2027, 30.25]
				]
			});
		const draft = await plan('draft');
		const approved = await plan('approved');

		expect(await migrateThrough()).toEqual([MIGRATION.replace('.sql', '')]);

		for (const id of [draft, approved]) {
			const values = await sql<{ year: number | null; value: string }[]>`
				select year, value::text as value from indicator_value
				where indicator_id = ${id} and sex = '' and age_band = '' and disability = ''
				order by year nulls first`;
			expect(values).toEqual([
				{ year: null, value: '12.50' },
				{ year: 2026, value: '20.00' },
				{ year: 2027, value: '30.25' }
			]);
		}
		const population = await sql<{ id: number; population: string }[]>`
			select id, population from indicator where id in (${draft}, ${approved}) order by id`;
		expect(population).toEqual([
			{ id: draft, population: 'children' },
			{ id: approved, population: 'adults' }
		]);
		// and an approved plan's values stay frozen
		await expect(
			sql`update indicator_value set value = 1 where indicator_id = ${approved}`
		).rejects.toThrow(/approved/);
	});
});
