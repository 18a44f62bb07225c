import { describe, expect, it } from 'vitest';
import { databaseBefore } from './helpers';

const MIGRATION = '0021_drop_indicator_targets.sql';

const { sql, migrateThrough } = await databaseBefore(MIGRATION);

describe('the migration that leaves indicator figures in indicator_value alone', () => {
	it('figures saved in the old columns after 0015 are kept as totals, in drafts and approved plans; the old columns go; the marker rule needs women and men', async () => {
		const [oblast] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, name_ky, name_ru, name_en)
			values ('oblast', '41799000000000', 'Сынак', 'Тест', 'Test') returning id`;
		const [mu] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
			values ('municipality', '41799999999000', ${oblast.id}, 'Сынак', 'Тест', 'Test') returning id`;
		// what the app wrote after 0015 had copied the figures: the old columns only
		const plan = async (state: string) => {
			const [p] = await sql<{ id: number }[]>`
				insert into local_plan (municipality_id, kind, title, period_start, period_end)
				values (${mu.id}, 'gender_plan', 'План', 2026, 2028) returning id`;
			const [s] = await sql<{ id: number }[]>`
				insert into plan_section (local_plan_id, municipality_id, title, position) values (${p.id}, ${mu.id}, 'Бөлүм', 0) returning id`;
			const [a] = await sql<{ id: number }[]>`
				insert into activity (local_plan_id, municipality_id, section_id, position, title)
				values (${p.id}, ${mu.id}, ${s.id}, 0, 'Иш-чара') returning id`;
			const [i] = await sql<{ id: number }[]>`
				insert into indicator (activity_id, municipality_id, name, unit, kind, baseline, by_sex)
				values (${a.id}, ${mu.id}, 'Катышкан аялдар', 'адам', 'count', 7, true) returning id`;
			await sql`insert into indicator_target (indicator_id, municipality_id, year, value)
				values (${i.id}, ${mu.id}, 2026, 20), (${i.id}, ${mu.id}, 2027, 30.25)`;
			if (state === 'approved') await sql`update local_plan set state = 'approved' where id = ${p.id}`;
			return i.id;
		};
		const draft = await plan('draft');
		const approved = await plan('approved');
		expect(await sql`select 1 from indicator_value where indicator_id in (${draft}, ${approved})`).toHaveLength(0);

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
		await expect(sql`update indicator_value set value = 1 where indicator_id = ${approved}`).rejects.toThrow(/approved/);

		// totals alone do not make an indicator count for gender marker 1 or 2; women's and men's targets do
		const counts = async (id: number) => (await sql<{ c: boolean }[]>`select indicator_counts_for_marker(${id}) as c`)[0].c;
		expect(await counts(draft)).toBe(false);
		await sql`insert into indicator_value (indicator_id, municipality_id, year, sex, value) values (${draft}, ${mu.id}, 2026, 'female', 12)`;
		expect(await counts(draft)).toBe(false);
		await sql`insert into indicator_value (indicator_id, municipality_id, year, sex, value) values (${draft}, ${mu.id}, 2026, 'male', 8)`;
		expect(await counts(draft)).toBe(true);
		await sql`update indicator set by_sex = false where id = ${draft}`;
		expect(await counts(draft)).toBe(false);
	});
});
