import { describe, expect, it } from 'vitest';
import { databaseBefore, oldColumnsIndicator } from './helpers';

const MIGRATION = '0016_drop_indicator_targets.sql';

const { sql, migrateThrough } = await databaseBefore(MIGRATION);

describe('the migration that leaves indicator figures in indicator_value alone', () => {
	it('figures saved in the old columns after 0015 are kept as totals, in drafts and approved plans; the old columns go; the marker rule needs women and men', async () => {
		// what the app wrote after 0015 had copied the figures: the old columns only
		const plan = (state: 'draft' | 'approved') =>
			oldColumnsIndicator(sql, {
				state,
				name: 'Катышкан аялдар',
				baseline: 7,
				targets: [
					[2026, 20],
					[2027, 30.25]
				]
			});
		const draft = await plan('draft');
		const approved = await plan('approved');
		expect(
			await sql`select 1 from indicator_value where indicator_id in (${draft}, ${approved})`
		).toHaveLength(0);

		expect(await migrateThrough()).toContain(MIGRATION.replace('.sql', ''));

		for (const id of [draft, approved]) {
			const values = await sql<{ year: number | null; value: string }[]>`
				select year, value::text as value from indicator_value
				where indicator_id = ${id} and sex = '' and age_band = '' and disability = ''
				order by year nulls first`;
			expect(values).toEqual([
				{ year: null, value: '7.00' },
				{ year: 2026, value: '20.00' },
				{ year: 2027, value: '30.25' }
			]);
		}
		const [old] = await sql<{ table: string | null; column: string | null }[]>`
			select to_regclass('indicator_target')::text as table,
				(select column_name from information_schema.columns where table_name = 'indicator' and column_name = 'baseline') as column`;
		expect(old).toEqual({ table: null, column: null });
		// an approved plan stays frozen
		await expect(
			sql`update indicator_value set value = 1 where indicator_id = ${approved}`
		).rejects.toThrow(/approved/);

		const { municipalityId: mu } = (
			await sql<
				{ municipalityId: number }[]
			>`select municipality_id from indicator where id = ${draft}`
		)[0]!;
		// totals alone do not make an indicator count for gender marker 1 or 2; women's and men's targets do
		const counts = async (id: number) =>
			(await sql<{ c: boolean }[]>`select indicator_counts_for_marker(${id}) as c`)[0]!.c;
		expect(await counts(draft)).toBe(false);
		await sql`insert into indicator_value (indicator_id, municipality_id, year, sex, value) values (${draft}, ${mu}, 2026, 'female', 12)`;
		expect(await counts(draft)).toBe(false);
		await sql`insert into indicator_value (indicator_id, municipality_id, year, sex, value) values (${draft}, ${mu}, 2026, 'male', 8)`;
		expect(await counts(draft)).toBe(true);
		await sql`update indicator set by_sex = false where id = ${draft}`;
		expect(await counts(draft)).toBe(false);
	});
});
