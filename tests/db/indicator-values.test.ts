import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src/lib/server/db';
import { migrate, migrationsDir } from '../../src/lib/server/db/migrate';
import { withDatabase } from '../../src/cli/embedded';

const MIGRATION = '0015_create_indicator_values.sql';

/** A database migrated up to, but not including, one migration; then that migration alone. */
async function databaseBefore(file: string) {
	const serverUrl = inject('serverUrl');
	const name = `aiyl_m_${randomBytes(5).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = withDatabase(serverUrl, name);
	const earlier = mkdtempSync(join(tmpdir(), 'aiyl-migrations-'));
	for (const f of readdirSync(migrationsDir()).filter((f) => f < file))
		cpSync(join(migrationsDir(), f), join(earlier, f));
	const previous = process.env.MIGRATIONS_DIR;
	process.env.MIGRATIONS_DIR = earlier;
	await migrate(url, { quiet: true });
	if (previous === undefined) delete process.env.MIGRATIONS_DIR;
	else process.env.MIGRATIONS_DIR = previous;
	const sql = connect(url, { max: 2 });
	afterAll(async () => {
		await sql.end({ timeout: 5 });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
		rmSync(earlier, { recursive: true, force: true });
	});
	return { sql, url };
}

const { sql, url } = await databaseBefore(MIGRATION);

describe('the disaggregated-target migration keeps every existing value', () => {
	it('every baseline and yearly target becomes a total; approved plans are not touched; children indicators read as girls and boys', async () => {
		const [oblast] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, name_ky, name_ru, name_en)
			values ('oblast', '41799000000000', 'Сынак', 'Тест', 'Test') returning id`;
		const [mu] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
			values ('municipality', '41799999999000', ${oblast.id}, 'Сынак', 'Тест', 'Test') returning id`;
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
				values (${a.id}, ${mu.id}, 'Катышкан кыз балдар', 'балдар', 'count', 12.5, true) returning id`;
			await sql`insert into indicator_target (indicator_id, municipality_id, year, value)
				values (${i.id}, ${mu.id}, 2026, 20), (${i.id}, ${mu.id}, 2027, 30.25)`;
			if (state === 'approved')
				await sql`update local_plan set state = 'approved' where id = ${p.id}`;
			return i.id;
		};
		const draft = await plan('draft');
		const approved = await plan('approved');

		expect(await migrate(url, { quiet: true })).toEqual([MIGRATION.replace('.sql', '')]);

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
