import { describe, expect, it } from 'vitest';
import { databaseBefore } from './helpers';

const MIGRATION = '0017_add_russian_wordings.sql';

// later migrations stay out, so the test reads the database as this one leaves it
const { sql, migrateThrough } = await databaseBefore(MIGRATION);

const KY = 'Кризистик бөлмө ачуу';
const RU = 'Открыть кризисную комнату';
const RU_ONLY = 'Провести гендерный анализ местного бюджета';

describe('the Russian-wording migration', () => {
	it('the migration keeps every existing title: as Kyrgyz, or as Russian where it is the measure’s Russian text; approved plans untouched', async () => {
		const [oblast] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, name_ky, name_ru, name_en)
			values ('oblast', '41799000000000', 'Сынак', 'Тест', 'Test') returning id`;
		const [mu] = await sql<{ id: number }[]>`
			insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
			values ('municipality', '41799999999000', ${oblast!.id}, 'Сынак', 'Тест', 'Test') returning id`;
		const [np] = await sql<
			{ id: number }[]
		>`insert into national_plan (key, kind) values ('test-plan', 'gender_nap') returning id`;
		const [v] = await sql<{ id: number }[]>`
			insert into catalogue_version (plan_id, number, title_ky, period_start, period_end, status, content_hash)
			values (${np!.id}, 1, 'Сынак планы', 2025, 2027, 'adopted', ${'0'.repeat(64)}) returning id`;
		const [chapter] = await sql<{ id: number }[]>`
			insert into plan_node (version_id, stable_id, level, position, title_ky) values (${v!.id}, 'c1', 'chapter', 0, 'Бап') returning id`;
		const node = async (stableId: string, ky: string, ru: string | null) =>
			(
				await sql<{ id: number }[]>`
					insert into plan_node (version_id, stable_id, parent_id, level, position, title_ky, title_ru)
					values (${v!.id}, ${stableId}, ${chapter!.id}, 'measure', 1, ${ky}, ${ru}) returning id`
			)[0]!.id;
		const both = await node('m1', KY, RU);
		const ruOnly = await node('m2', '', RU_ONLY);

		const plan = async (state: string) => {
			const [p] = await sql<{ id: number }[]>`
				insert into local_plan (municipality_id, kind, title, period_start, period_end)
				values (${mu!.id}, 'gender_plan', 'Сынак айылынын планы', 2026, 2027) returning id`;
			const [s] = await sql<{ id: number }[]>`
				insert into plan_section (local_plan_id, municipality_id, title, position) values (${p!.id}, ${mu!.id}, 'Коргоо', 0) returning id`;
			const activity = async (title: string, measure: number | null, nationalText: string | null) =>
				(
					await sql<{ id: number }[]>`
						insert into activity (local_plan_id, municipality_id, section_id, position, measure_node_id, national_text, title)
						values (${p!.id}, ${mu!.id}, ${s!.id}, 0, ${measure}, ${nationalText}, ${title}) returning id`
				)[0]!.id;
			const ids = {
				unchanged: await activity(KY, both, KY),
				pastedRussian: await activity(RU + ' ', both, KY),
				adapted: await activity('Ак-Турпакта кризистик бөлмө ачуу', both, KY),
				local: await activity('Көчө жарыктары', null, null),
				russianOnlyMeasure: await activity(RU_ONLY, ruOnly, '')
			};
			if (state !== 'draft') await sql`update local_plan set state = ${state} where id = ${p!.id}`;
			return { planId: p!.id, sectionId: s!.id, ids };
		};
		const draft = await plan('draft');
		const submitted = await plan('submitted');
		const approved = await plan('approved');
		const titlesBefore = await sql<
			{ id: number; title: string }[]
		>`select id, title from activity order by id`;

		expect(await migrateThrough()).toEqual([MIGRATION.replace('.sql', '')]);

		const row = async (id: number) =>
			(
				await sql<
					{ title: string; titleRu: string; nationalTextRu: string | null }[]
				>`select title, title_ru, national_text_ru from activity where id = ${id}`
			)[0];
		for (const p of [draft, submitted]) {
			expect(await row(p.ids.unchanged)).toEqual({ title: KY, titleRu: RU, nationalTextRu: RU });
			expect(await row(p.ids.pastedRussian)).toEqual({
				title: KY,
				titleRu: RU,
				nationalTextRu: RU
			});
			expect(await row(p.ids.adapted)).toEqual({
				title: 'Ак-Турпакта кризистик бөлмө ачуу',
				titleRu: '',
				nationalTextRu: RU
			});
			expect(await row(p.ids.local)).toEqual({
				title: 'Көчө жарыктары',
				titleRu: '',
				nationalTextRu: null
			});
			expect(await row(p.ids.russianOnlyMeasure)).toEqual({
				title: '',
				titleRu: RU_ONLY,
				nationalTextRu: RU_ONLY
			});
		}
		// an approved plan is frozen: its rows keep what they had, the new columns stay empty
		for (const id of Object.values(approved.ids)) {
			const r = (await row(id))!;
			expect(r.titleRu).toBe('');
			expect(r.nationalTextRu).toBeNull();
		}
		// every title that was there is still there, as the Kyrgyz or the Russian wording
		for (const { id, title } of titlesBefore) {
			const r = (await row(id))!;
			expect([r.title.trim(), r.titleRu.trim()]).toContain(title.trim());
		}
		const plansAfter = await sql<
			{ title: string; titleRu: string }[]
		>`select title, title_ru from local_plan`;
		expect(plansAfter).toEqual(Array(3).fill({ title: 'Сынак айылынын планы', titleRu: '' }));
		const sectionsAfter = await sql<
			{ title: string; titleRu: string }[]
		>`select title, title_ru from plan_section`;
		expect(sectionsAfter).toEqual(Array(3).fill({ title: 'Коргоо', titleRu: '' }));
		await expect(
			sql`update activity set title_ru = 'x' where id = ${approved.ids.local}`
		).rejects.toThrow(/approved/);
	});
});
