import type { Sql } from '../db';
import data from './data/territories.json';

export interface TerritorySeed {
	soate: string;
	stat: string | null;
	kind: string;
	parent: string | null;
	name: { ky: string; ru: string; en: string };
}

/** Loads the shipped oblasts, rayons and municipalities; run again, it updates names and adds what is new, never duplicates. */
export async function seedTerritories(
	sql: Sql,
	rows: TerritorySeed[] = data as TerritorySeed[]
): Promise<number> {
	let count = 0;
	for (const t of rows) {
		await sql`
			insert into territory (kind, soate_code, stat_code, parent_id, name_ky, name_ru, name_en)
			values (${t.kind}, ${t.soate}, ${t.stat ?? null},
				(select id from territory where soate_code = ${t.parent}), ${t.name.ky}, ${t.name.ru}, ${t.name.en})
			on conflict (soate_code) do update set
				name_ky = excluded.name_ky, name_ru = excluded.name_ru, name_en = excluded.name_en, stat_code = excluded.stat_code`;
		count++;
	}
	return count;
}
