import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as territories from '../../src/lib/server/territories';
import { parseCsv } from '../../src/lib/server/csv';
import { seedTerritories } from '../../src/lib/server/territories';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const national = await actorOf(sql, 'national');
const ids = {
	akTurpak: await territoryId(sql, SOATE.akTurpak),
	kyshtut: await territoryId(sql, SOATE.kyshtut),
	karakol: await territoryId(sql, SOATE.karakol),
	batken: await territoryId(sql, SOATE.batkenOblast),
	issykKul: await territoryId(sql, SOATE.issykKulOblast)
};

describe('shipped territories', () => {
	it('hold the 7 oblasts and the 2 cities with the statistical committee codes', async () => {
		const rows = await sql<{ statCode: string; soateCode: string; kind: string }[]>`
			select stat_code, soate_code, kind from territory where parent_id is null order by stat_code`;
		expect(rows.map((r) => r.statCode)).toEqual([
			'KG02',
			'KG03',
			'KG04',
			'KG05',
			'KG06',
			'KG07',
			'KG08',
			'KG11',
			'KG21'
		]);
		for (const r of rows) expect(r.soateCode).toBe('417' + r.statCode.slice(2) + '000000000');
		expect(rows.filter((r) => r.kind === 'oblast')).toHaveLength(7);
	});

	it('hold every rayon (40 in the oblasts) and at least 40 municipalities spread over every oblast', async () => {
		const { rayons } = (
			await sql`select count(*)::int as rayons from territory t join territory p on p.id = t.parent_id where t.kind = 'rayon' and p.kind = 'oblast'`
		)[0]!;
		expect(rayons).toBe(40);
		const perOblast = await sql<{ statCode: string; n: number }[]>`
			select r.stat_code, count(t.id)::int as n from territory r
			left join territory t on territory_region(t.id) = r.id and t.kind in ('municipality', 'town')
			where r.kind = 'oblast' group by r.stat_code`;
		expect(perOblast).toHaveLength(7);
		for (const o of perOblast) expect(o.n, o.statCode).toBeGreaterThanOrEqual(4);
		expect(perOblast.reduce((s, o) => s + o.n, 0)).toBeGreaterThanOrEqual(40);
	});

	it('name the municipalities of the seeds, under the right rayon, in ky and ru', async () => {
		const rows = await sql<
			{ soateCode: string; nameKy: string; nameRu: string; parentRu: string }[]
		>`
			select t.soate_code, t.name_ky, t.name_ru, p.name_ru as parent_ru from territory t join territory p on p.id = t.parent_id
			where t.soate_code in ${sql([SOATE.akTurpak, SOATE.kyshtut, SOATE.kerben, SOATE.karakol, SOATE.naryn])}`;
		const by = Object.fromEntries(rows.map((r) => [r.soateCode, r]));
		expect(by[SOATE.akTurpak]).toMatchObject({ nameRu: 'Ак-Турпак', parentRu: 'Кадамжай' });
		expect(by[SOATE.kyshtut]!.nameRu).toBe('Кыштут');
		expect(by[SOATE.kyshtut]!.parentRu).toBe('Баткен');
		expect(by[SOATE.kerben]).toMatchObject({ nameRu: 'Кербен', parentRu: 'Аксы' });
		expect(by[SOATE.karakol]!.nameRu).toBe('Каракол');
		expect(by[SOATE.naryn]!.nameRu).toBe('Нарын');
	});

	it("Russian rayon names are the rayons' own adjectives (Ысык-Атинский, Панфиловский, Айтматовский), and Jaiyl is spelt Jaiyl", async () => {
		const rows = await sql<{ soateCode: string; nameKy: string; nameRu: string; nameEn: string }[]>`
			select soate_code, name_ky, name_ru, name_en from territory
			where soate_code in ('41708206000000', '41708219000000', '41707215000000', '41708209000000')
			order by soate_code`;
		expect(rows.map((r) => [r.nameKy, r.nameRu, r.nameEn])).toEqual([
			['Айтматов', 'Айтматовский', 'Aitmatov'],
			['Ысык-Ата', 'Ысык-Атинский', 'Ysyk-Ata'],
			['Жайыл', 'Жайыл', 'Jaiyl'],
			['Панфилов', 'Панфиловский', 'Panfilov']
		]);
	});

	it('seeding again changes nothing and duplicates nothing', async () => {
		const [before] = await sql`select count(*)::int as n from territory`;
		await seedTerritories(sql);
		const [after] = await sql`select count(*)::int as n from territory`;
		expect(after!.n).toBe(before!.n);
	});
});

describe('who reads a territory page', () => {
	it('staff and deputies read their own municipality only', async () => {
		await expect(territories.page(sql, staff, ids.akTurpak)).resolves.toMatchObject({
			id: ids.akTurpak
		});
		await expect(territories.page(sql, deputy, ids.akTurpak)).resolves.toMatchObject({
			id: ids.akTurpak
		});
		await expect(territories.page(sql, staff, ids.kyshtut)).rejects.toMatchObject({ status: 403 });
		await expect(territories.page(sql, deputy, ids.karakol)).rejects.toMatchObject({ status: 403 });
	});

	it('an oblast representative reads the municipalities of their oblast, not of another', async () => {
		await expect(territories.page(sql, oblast, ids.kyshtut)).resolves.toMatchObject({
			id: ids.kyshtut
		});
		await expect(territories.page(sql, oblast, ids.batken)).resolves.toMatchObject({
			id: ids.batken
		});
		await expect(territories.page(sql, oblast, ids.karakol)).rejects.toMatchObject({ status: 403 });
		await expect(territories.page(sql, oblast, ids.issykKul)).rejects.toMatchObject({
			status: 403
		});
	});

	it('national and admin read everywhere; nobody without a session does', async () => {
		await expect(territories.page(sql, national, ids.karakol)).resolves.toBeTruthy();
		await expect(territories.page(sql, admin, ids.kyshtut)).resolves.toBeTruthy();
		await expect(territories.page(sql, null, ids.akTurpak)).rejects.toMatchObject({ status: 403 });
	});
});

describe('municipality profile', () => {
	const input = {
		headName: 'Абдыкадыр Момунов',
		keneshChairName: 'Зуура Ташиева',
		address: 'Ак-Турпак айылы',
		phone: '+996 3655 00000',
		email: 'akturpak@example.kg'
	};

	it('a deputy cannot change it, and nothing changes', async () => {
		const tr = (await territories.ref(sql, ids.akTurpak))!;
		await expect(territories.updateProfile(sql, deputy, tr, input)).rejects.toMatchObject({
			status: 403
		});
		await expect(territories.updateProfile(sql, oblast, tr, input)).rejects.toMatchObject({
			status: 403
		});
		await expect(territories.updateProfile(sql, admin, tr, input)).rejects.toMatchObject({
			status: 403
		});
		expect((await territories.getProfile(sql, ids.akTurpak)).headName).toBe('');
		const [row] = await sql`select 1 from municipality_profile`;
		expect(row).toBeUndefined();
	});

	it('staff of another municipality cannot change it', async () => {
		const tr = (await territories.ref(sql, ids.kyshtut))!;
		await expect(territories.updateProfile(sql, staff, tr, input)).rejects.toMatchObject({
			status: 403
		});
	});

	it('its own staff change it, and the change is audited with before and after', async () => {
		const tr = (await territories.ref(sql, ids.akTurpak))!;
		await territories.updateProfile(sql, staff, tr, input);
		expect(await territories.getProfile(sql, ids.akTurpak)).toMatchObject(input);
		const [a] =
			await sql`select user_id, municipality_id, action, before, after from audit_log where entity = 'municipality_profile'`;
		expect(a).toMatchObject({ userId: staff.id, municipalityId: ids.akTurpak, action: 'update' });
		expect(a!.after.headName).toBe(input.headName);
		expect(a!.before.headName).toBe('');
	});

	it('a bad email is refused and the saved profile stays', async () => {
		const tr = (await territories.ref(sql, ids.akTurpak))!;
		await expect(
			territories.updateProfile(sql, staff, tr, {
				...input,
				email: 'not-an-email',
				headName: 'Other'
			})
		).rejects.toMatchObject({ code: 'error_email_format' });
		expect((await territories.getProfile(sql, ids.akTurpak)).headName).toBe(input.headName);
	});
});

describe('CSV import', () => {
	const header = 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en';
	const count = async () => Number((await sql`select count(*)::int as n from territory`)[0]!.n);

	it('a dry run lists every bad row with its line and reason, and writes nothing', async () => {
		const before = await count();
		const csv = [
			header,
			'41705258899000,municipality,41705258000000,Жаңы айыл,Новый айыл,Zhany Aiyl', // good
			'4170525889,municipality,41705258000000,Кыска,Короткий,Short', // bad code
			'41705258804000,municipality,41705258000000,Ак-Турпак,Ак-Турпак,Ak-Turpak', // exists
			'41705258898000,village,41705258000000,Айыл,Село,Village', // bad kind
			'41705258897000,municipality,41799999000000,Жетим,Сирота,Orphan', // unknown parent
			'41705258896000,municipality,41705258000000,,Без имени,', // names missing
			'41702258895000,municipality,41705258000000,Башка,Другой,Other', // code not under parent
			'41705258899000,municipality,41705258000000,Кайра,Повтор,Repeat' // repeated in file
		].join('\n');
		const report = await territories.importCsv(sql, admin, csv, { dryRun: true });
		expect(report.rows).toBe(8);
		expect(report.problems.map((p) => [p.line, p.code])).toEqual([
			[3, 'import_bad_soate'],
			[4, 'import_soate_exists'],
			[5, 'import_bad_kind'],
			[6, 'import_parent_unknown'],
			[7, 'import_name_missing'],
			[8, 'import_soate_not_under_parent'],
			[9, 'import_soate_repeated']
		]);
		expect(await count()).toBe(before);
	});

	it('a real import with one bad row imports nothing', async () => {
		const before = await count();
		const csv = `${header}\n41705258899000,municipality,41705258000000,Жаңы,Новый,New\n41705258898000,municipality,41705258000000,,,`;
		const report = await territories.importCsv(sql, admin, csv, { dryRun: false });
		expect(report.imported).toBe(0);
		expect(report.problems).toHaveLength(1);
		expect(await count()).toBe(before);
	});

	it('an empty file, a file without the columns, and rows in semicolon CSV from Excel', async () => {
		expect((await territories.importCsv(sql, admin, '', { dryRun: true })).problems[0]!.code).toBe(
			'import_empty'
		);
		expect(
			(await territories.importCsv(sql, admin, header, { dryRun: true })).problems[0]!.code
		).toBe('import_empty');
		const noCols = await territories.importCsv(sql, admin, 'code,name\n1,2', { dryRun: true });
		expect(noCols.problems[0]).toMatchObject({ line: 1, code: 'import_missing_columns' });
		const excel =
			'\uFEFF' +
			header.replaceAll(',', ';') +
			'\r\n41705258899000;municipality;41705258000000;"Жаңы; айыл";Новый;New\r\n';
		expect((await territories.importCsv(sql, admin, excel, { dryRun: true })).problems).toEqual([]);
	});

	it('a good file imports every row, a rayon before its municipalities, and is audited', async () => {
		const before = await count();
		const csv = `${header}\n41705299000000,rayon,41705000000000,Жаңы район,Новый район,New Rayon\n41705299801000,municipality,41705299000000,Биринчи,Первый,Birinchi\n41705299802000,town,41705299000000,Шаарча,Городок,Shaarcha`;
		const report = await territories.importCsv(sql, admin, csv, { dryRun: false });
		expect(report).toMatchObject({ imported: 3, problems: [] });
		expect(await count()).toBe(before + 3);
		const [mu] =
			await sql`select p.soate_code as parent from territory t join territory p on p.id = t.parent_id where t.soate_code = '41705299801000'`;
		expect(mu!.parent).toBe('41705299000000');
		const [a] = await sql`select action from audit_log where entity = 'territory'`;
		expect(a!.action).toBe('import');
	});

	it('only admins import', async () => {
		await expect(
			territories.importCsv(
				sql,
				national,
				`${header}\n41705258899000,municipality,41705258000000,A,B,C`,
				{ dryRun: true }
			)
		).rejects.toMatchObject({ status: 403 });
		await expect(
			territories.importCsv(
				sql,
				staff,
				`${header}\n41705258899000,municipality,41705258000000,A,B,C`,
				{ dryRun: false }
			)
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('CSV import on random and hostile input', () => {
	it('never imports part of a file: every row or none, every problem at a line of the file', async () => {
		const header = 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en';
		const count = async () => Number((await sql`select count(*)::int as n from territory`)[0]!.n);
		let next = 800;
		// well-formed municipalities under Kadamjay rayon, each with a fresh code, and hostile rows
		const good = fc
			.constant(null)
			.map(
				() =>
					`41705258${String(next++).padStart(3, '0')}000,municipality,41705258000000,Айыл ${next},Село ${next},Aiyl ${next}`
			);
		const hostile = fc
			.array(
				fc.oneof(
					fc.constantFrom('"', '""', ',', ';', '\r', '41705258804000', 'village', '=1+1', 'Жаңы'),
					fc.string({ maxLength: 8 })
				),
				{ maxLength: 8 }
			)
			.map((cells) => cells.join(','));
		let imported = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.oneof(good, good, hostile), { minLength: 1, maxLength: 6 }),
				fc.constantFrom('\n', '\r\n'),
				async (rows, eol) => {
					const text = [header, ...rows].join(eol);
					const before = await count();
					const report = await territories.importCsv(sql, admin, text, { dryRun: false });
					const lines = text.split(/\r\n|\n|\r/).length;
					for (const p of report.problems)
						expect(p.line >= 1 && p.line <= lines, `${p.code} at ${p.line}`).toBe(true);
					if (report.problems.length) {
						expect(report.imported).toBe(0);
						expect(await count()).toBe(before);
					} else {
						// every row that is not blank (a blank line is no row)
						const filled = parseCsv(text).rows.length - 1;
						expect(report.imported).toBe(filled);
						expect(await count()).toBe(before + filled);
						imported++;
					}
				}
			),
			// one whole good file among the runs every time, not only when the dice allow
			{
				numRuns: 40,
				examples: [
					[['41705258799000,municipality,41705258000000,Айыл 799,Село 799,Aiyl 799'], '\n']
				]
			}
		);
		expect(imported).toBeGreaterThan(0);
	}, 120_000);
});
