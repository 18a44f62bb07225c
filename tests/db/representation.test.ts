import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as representation from '../../src/lib/server/representation';
import * as kenesh from '../../src/lib/server/kenesh';
import * as users from '../../src/lib/server/users';
import { Forbidden } from '../../src/lib/server/errors';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();

const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const national = await actorOf(sql, 'national');
const kyshtutStaff = await actorOf(sql, 'kyshtut.staff');
const akTurpak = await representation.scopeOf(sql, await territoryId(sql, SOATE.akTurpak));
const kyshtut = await representation.scopeOf(sql, await territoryId(sql, SOATE.kyshtut));
const karakol = await representation.scopeOf(sql, await territoryId(sql, SOATE.karakol));
await users.create(sql, admin, {
	username: 'karakol.staff',
	fullName: 'Каракол',
	password: 'long-enough-pass',
	role: { role: 'staff', territoryId: karakol.municipalityId }
});
await users.create(sql, admin, {
	username: 'issykkul.oblast',
	fullName: 'Ысык-Көл',
	password: 'long-enough-pass',
	role: { role: 'oblast', territoryId: await territoryId(sql, SOATE.issykKulOblast) }
});
const karakolStaff = await actorOf(sql, 'karakol.staff');
const issykKulOblast = await actorOf(sql, 'issykkul.oblast');

const body = (over: Partial<representation.BodyInput> = {}): representation.BodyInput => ({
	kind: 'kenesh_commission',
	nameKy: 'Комиссия',
	nameRu: 'Комиссия',
	women: 3,
	men: 7,
	headSex: '',
	deputySex: '',
	...over
});
const named = async (scope: representation.RepresentationScope, nameKy: string) =>
	(await representation.list(sql, admin, scope)).find((b) => b.nameKy === nameKy)!;
const clean = async () => {
	await sql`delete from representation_import`;
	await sql`delete from representation_body`;
	await sql`delete from deputy`;
};

describe('the demo registry', () => {
	it('seeds bodies for Ak-Turpak and Kyshtut, some of which break the rule', async () => {
		const bodies = await representation.list(sql, staff, akTurpak);
		expect(bodies[0]).toMatchObject({ kind: 'kenesh', women: 6, men: 9, meets: true });
		expect(bodies.filter((b) => !b.meets).length).toBeGreaterThanOrEqual(2);
		expect(bodies.filter((b) => b.meets).length).toBeGreaterThanOrEqual(2);
		const kyshtutKenesh = (await representation.list(sql, admin, kyshtut))[0]!;
		expect(kyshtutKenesh).toMatchObject({ kind: 'kenesh', meets: false });
		expect(kyshtutKenesh.breaches).toEqual([{ reason: 'same_sex_leaders', sex: 'male' }]);
		// running the seed again adds nothing
		expect(await representation.seedRepresentation(sql)).toEqual({ bodies: 0 });
	});
});

describe('the 30% rule', () => {
	it('299 women of 1000 (29.9%) fails, 300 (30%) passes, 700 (70%) passes, 701 (70.1%) fails', async () => {
		await clean();
		for (const [nameKy, women] of [
			['299', 299],
			['300', 300],
			['700', 700],
			['701', 701]
		] as const)
			await representation.create(sql, staff, akTurpak, body({ nameKy, women, men: 1000 - women }));
		expect(await named(akTurpak, '299')).toMatchObject({
			meets: false,
			womenShare: '29.9',
			breaches: [{ reason: 'women_below', share: '29.9' }]
		});
		expect(await named(akTurpak, '300')).toMatchObject({ meets: true, breaches: [] });
		expect(await named(akTurpak, '700')).toMatchObject({ meets: true, breaches: [] });
		expect(await named(akTurpak, '701')).toMatchObject({
			meets: false,
			womenShare: '70.1',
			breaches: [{ reason: 'men_below', share: '29.9' }]
		});
	});

	it('3 of 10 passes: the bound is exact, not a rounded share', async () => {
		await representation.create(
			sql,
			staff,
			akTurpak,
			body({ nameKy: '3 of 10', women: 3, men: 7 })
		);
		await representation.create(sql, staff, akTurpak, body({ nameKy: '2 of 7', women: 2, men: 5 }));
		expect((await named(akTurpak, '3 of 10')).meets).toBe(true);
		// 28.6%
		expect((await named(akTurpak, '2 of 7')).meets).toBe(false);
	});

	it('a head and a deputy head who are both women fail it, even with a balanced body', async () => {
		await representation.create(
			sql,
			staff,
			akTurpak,
			body({ nameKy: 'Two women lead', women: 5, men: 5, headSex: 'female', deputySex: 'female' })
		);
		await representation.create(
			sql,
			staff,
			akTurpak,
			body({ nameKy: 'Mixed lead', women: 5, men: 5, headSex: 'female', deputySex: 'male' })
		);
		await representation.create(
			sql,
			staff,
			akTurpak,
			body({ nameKy: 'Head only', women: 5, men: 5, headSex: 'female' })
		);
		expect(await named(akTurpak, 'Two women lead')).toMatchObject({
			meets: false,
			breaches: [{ reason: 'same_sex_leaders', sex: 'female' }]
		});
		expect((await named(akTurpak, 'Mixed lead')).meets).toBe(true);
		expect((await named(akTurpak, 'Head only')).meets).toBe(true);
	});

	it('the database and the page agree on every body', async () => {
		for (const b of await representation.list(sql, admin, akTurpak))
			expect(b.meets).toBe(b.breaches.length === 0);
	});

	it('refuses counts that are not whole numbers, a body without members, positions nobody can hold and a name taken twice', async () => {
		const refused = (input: representation.BodyInput) =>
			representation.create(sql, staff, akTurpak, input).then(
				() => null,
				(e) => e.code
			);
		expect(await refused(body({ nameKy: 'x', women: '2.5' }))).toBe('representation_error_count');
		expect(await refused(body({ nameKy: 'x', women: -1 }))).toBe('representation_error_count');
		expect(await refused(body({ nameKy: 'x', women: 0, men: 0 }))).toBe(
			'representation_error_no_members'
		);
		expect(
			await refused(body({ nameKy: 'x', women: 1, men: 5, headSex: 'female', deputySex: 'female' }))
		).toBe('representation_error_positions');
		expect(await refused(body({ nameKy: 'x', kind: 'kenesh' }))).toBe('representation_error_kind');
		expect(await refused(body({ nameKy: '3 OF 10' }))).toBe('representation_error_duplicate');
	});
});

describe('the kenesh row', () => {
	it('follows the roster: active deputies counted, a removed one no longer', async () => {
		await clean();
		const rosterScope = await kenesh.rosterScope(sql, kyshtut.municipalityId);
		const kyshtutBodies = () => representation.list(sql, admin, kyshtut);
		expect((await kyshtutBodies()).find((b) => b.kind === 'kenesh')).toBeUndefined();
		const ids: number[] = [];
		for (const [fullName, sex] of [
			['Айгүл', 'female'],
			['Бермет', 'female'],
			['Асан', 'male'],
			['Үсөн', 'male'],
			['Эрлан', 'male']
		])
			ids.push(
				await kenesh.addDeputy(sql, kyshtutStaff, rosterScope, { fullName: fullName!, sex: sex! })
			);
		expect((await kyshtutBodies())[0]).toMatchObject({
			kind: 'kenesh',
			fromRoster: true,
			women: 2,
			men: 3,
			womenShare: '40.0',
			meets: true
		});
		await kenesh.removeDeputy(sql, kyshtutStaff, rosterScope, ids[0]!);
		// 1 woman of 4: 25%
		expect((await kyshtutBodies())[0]).toMatchObject({
			women: 1,
			men: 3,
			meets: false,
			breaches: [{ reason: 'women_below', share: '25.0' }]
		});
	});

	it('takes its chair and deputy chair as entered (the roster records no chair), and holds them to the roster', async () => {
		await kenesh.addDeputy(
			sql,
			kyshtutStaff,
			await kenesh.rosterScope(sql, kyshtut.municipalityId),
			{
				fullName: 'Динара',
				sex: 'female'
			}
		);
		await representation.setKeneshPositions(sql, kyshtutStaff, kyshtut, {
			headSex: 'male',
			deputySex: 'male'
		});
		const k = (await representation.list(sql, admin, kyshtut))[0]!;
		expect(k).toMatchObject({
			kind: 'kenesh',
			women: 2,
			men: 3,
			headSex: 'male',
			deputySex: 'male'
		});
		expect(k.breaches).toEqual([{ reason: 'same_sex_leaders', sex: 'male' }]);
		await expect(
			representation.setKeneshPositions(sql, kyshtutStaff, kyshtut, {
				headSex: 'female',
				deputySex: 'female'
			})
		).resolves.toBeUndefined();
		// Karakol's roster is empty: no woman there to chair its kenesh
		await expect(
			representation.setKeneshPositions(sql, karakolStaff, karakol, {
				headSex: 'female',
				deputySex: ''
			})
		).rejects.toMatchObject({ code: 'representation_error_kenesh_positions' });
		// the counts stay the roster's: the kenesh row is never entered
		const [row] = await sql`select women, men from representation_body where kind = 'kenesh'`;
		expect(row).toEqual({ women: null, men: null });
	});
});

describe('aggregated by oblast and for the country', () => {
	it('counts bodies, those meeting the rule and the women’s share, hand-computed on a small set', async () => {
		await clean();
		// Batken (KG05): Ak-Turpak 3/7 meets, 1/4 fails; Kyshtut 6/4 led by two women fails, its kenesh 2/1 meets
		await representation.create(sql, staff, akTurpak, body({ nameKy: 'A', women: 3, men: 7 }));
		await representation.create(
			sql,
			staff,
			akTurpak,
			body({ kind: 'aiyl_okmotu', nameKy: 'B', women: 1, men: 4 })
		);
		await representation.create(
			sql,
			kyshtutStaff,
			kyshtut,
			body({
				kind: 'school_board',
				nameKy: 'C',
				women: 6,
				men: 4,
				headSex: 'female',
				deputySex: 'female'
			})
		);
		const rosterScope = await kenesh.rosterScope(sql, kyshtut.municipalityId);
		for (const [fullName, sex] of [
			['Айгүл', 'female'],
			['Бермет', 'female'],
			['Асан', 'male']
		])
			await kenesh.addDeputy(sql, kyshtutStaff, rosterScope, { fullName: fullName!, sex: sex! });
		// Issyk-Kul (KG02): Karakol 5/5 meets
		await representation.create(
			sql,
			karakolStaff,
			karakol,
			body({ kind: 'public_council', nameKy: 'D', women: 5, men: 5 })
		);

		const s = await representation.summary(sql);
		const batken = s.oblasts.find((o) => o.statCode === 'KG05')!;
		const issykKul = s.oblasts.find((o) => o.statCode === 'KG02')!;
		// 3+1+6+2 = 12 women, 7+4+4+1 = 16 men: 12/28 = 42.857…%
		expect(batken.total).toEqual({ bodies: 4, meeting: 2, women: 12, men: 16, womenShare: '42.9' });
		expect(batken.byKind.kenesh_commission).toEqual({
			bodies: 1,
			meeting: 1,
			women: 3,
			men: 7,
			womenShare: '30.0'
		});
		expect(batken.byKind.aiyl_okmotu).toEqual({
			bodies: 1,
			meeting: 0,
			women: 1,
			men: 4,
			womenShare: '20.0'
		});
		expect(batken.byKind.school_board).toMatchObject({ bodies: 1, meeting: 0, womenShare: '60.0' });
		expect(batken.byKind.kenesh).toMatchObject({ bodies: 1, meeting: 1, womenShare: '66.7' });
		expect(batken.byKind.public_council).toEqual({
			bodies: 0,
			meeting: 0,
			women: 0,
			men: 0,
			womenShare: null
		});
		expect(issykKul.total).toEqual({ bodies: 1, meeting: 1, women: 5, men: 5, womenShare: '50.0' });
		// the country: 17 women, 21 men: 44.736…%
		expect(s.national.total).toEqual({
			bodies: 5,
			meeting: 3,
			women: 17,
			men: 21,
			womenShare: '44.7'
		});
		expect(s.national.byKind.public_council).toMatchObject({ bodies: 1, meeting: 1 });
		// every other oblast is there with zeros
		expect(s.oblasts.find((o) => o.statCode === 'KG08')!.total.bodies).toBe(0);
		// one oblast alone: the same figures, and the country's beside them
		const one = await representation.summary(sql, { regionId: batken.id });
		expect(one.oblasts).toHaveLength(1);
		expect(one.oblasts[0]!.total).toEqual(batken.total);
		expect(one.national.total).toEqual(s.national.total);
	});
});

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('bodies');
	ws.addRow([...representation.COLUMNS]);
	for (const r of rows) ws.addRow(r);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX import', () => {
	it('a file with one bad row imports nothing and says which row and why', async () => {
		await clean();
		await representation.create(sql, staff, akTurpak, body({ nameKy: 'A', women: 3, men: 7 }));
		const bytes = await workbook([
			['kenesh_commission', 'A', 'А', 4, 6, 'male', 'female'],
			['school_board', 'Мектеп кеңеши', 'Совет школы', 'беш', 4, '', ''],
			['aiyl_okmotu', 'Аппарат', 'Аппарат', 5, 7, 'эркек', 'аял']
		]);
		const result = await representation.check(sql, staff, akTurpak, bytes);
		expect(result.importId).toBeNull();
		expect(result.problems).toEqual([
			{
				line: 3,
				code: 'representation_error_count',
				params: { max: representation.COUNT_MAX, column: 'women', value: 'беш' }
			}
		]);
		const bodies = await sql`select name_ky, women from representation_body order by name_ky`;
		expect(bodies).toEqual([{ nameKy: 'A', women: 3 }]);
		expect(await sql`select 1 from representation_import`).toHaveLength(0);
	});

	it('a good file: the dry run says what would change and changes nothing; the import loads it all once', async () => {
		const bytes = await workbook([
			['kenesh_commission', 'A', 'А', 4, 6, 'male', 'female'],
			['School_Board', 'Мектеп кеңеши', 'Совет школы', 5, 4, 'аял', ''],
			['aiyl_okmotu', 'Аппарат', 'Аппарат', 5, 7, 'эркек', 'аял']
		]);
		const dry = await representation.check(sql, staff, akTurpak, bytes);
		expect(dry.problems).toEqual([]);
		expect(dry.changes.map((c) => [c.line, c.action])).toEqual([
			[2, 'update'],
			[3, 'create'],
			[4, 'create']
		]);
		expect(dry.changes[0]!.before).toMatchObject({ women: 3, men: 7 });
		expect(await sql`select 1 from representation_body`).toHaveLength(1);
		// someone else's staff cannot load it
		await expect(
			representation.apply(sql, kyshtutStaff, akTurpak, dry.importId!)
		).rejects.toBeInstanceOf(Forbidden);
		expect(await representation.apply(sql, staff, akTurpak, dry.importId!)).toEqual({
			created: 2,
			updated: 1,
			unchanged: 0
		});
		expect(await named(akTurpak, 'Мектеп кеңеши')).toMatchObject({
			kind: 'school_board',
			women: 5,
			headSex: 'female'
		});
		expect(await named(akTurpak, 'A')).toMatchObject({
			women: 4,
			headSex: 'male',
			deputySex: 'female'
		});
		await expect(representation.apply(sql, staff, akTurpak, dry.importId!)).rejects.toMatchObject({
			code: 'representation_import_gone'
		});
	});

	it('refuses a file that is not XLSX, one without the template’s header and one naming a body twice', async () => {
		const notXlsx = await representation.check(
			sql,
			staff,
			akTurpak,
			new TextEncoder().encode('a,b\n1,2')
		);
		expect(notXlsx.problems[0]!.code).toBe('import_not_xlsx');
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('x').addRow(['name', 'women']);
		const header = await representation.check(
			sql,
			staff,
			akTurpak,
			new Uint8Array(await wb.xlsx.writeBuffer())
		);
		expect(header.problems[0]!.code).toBe('representation_import_header');
		const twice = await representation.check(
			sql,
			staff,
			akTurpak,
			await workbook([
				['aiyl_okmotu', 'Аппарат', 'Аппарат', 5, 7, '', ''],
				['aiyl_okmotu', 'аппарат', 'Аппарат', 5, 7, '', '']
			])
		);
		expect(twice.problems).toEqual([
			{ line: 3, code: 'representation_import_twice', params: { first: 2 } }
		]);
	});

	it('the template reads back as a file with its two example rows', async () => {
		const template = await representation.template((key) => key);
		const dry = await representation.check(sql, staff, akTurpak, new Uint8Array(template));
		expect(dry.problems).toEqual([]);
		expect(dry.changes).toHaveLength(2);
	});
});

describe('permissions, server-side', () => {
	it('staff of another municipality can neither read nor change the registry', async () => {
		await expect(representation.list(sql, kyshtutStaff, akTurpak)).rejects.toBeInstanceOf(
			Forbidden
		);
		await expect(
			representation.create(sql, kyshtutStaff, akTurpak, body({ nameKy: 'intruder' }))
		).rejects.toBeInstanceOf(Forbidden);
		const [a] = await sql<{ id: number }[]>`select id from representation_body where name_ky = 'A'`;
		await expect(
			representation.update(sql, kyshtutStaff, akTurpak, a!.id, body({ nameKy: 'A', women: 9 }))
		).rejects.toBeInstanceOf(Forbidden);
		await expect(representation.remove(sql, kyshtutStaff, akTurpak, a!.id)).rejects.toBeInstanceOf(
			Forbidden
		);
		// a body of Ak-Turpak is not found through Kyshtut's registry
		await expect(
			representation.update(sql, kyshtutStaff, kyshtut, a!.id, body({ nameKy: 'A' }))
		).rejects.toMatchObject({ status: 404 });
		await expect(
			representation.check(sql, kyshtutStaff, akTurpak, await workbook([]))
		).rejects.toBeInstanceOf(Forbidden);
	});

	it('deputies, the oblast and national read it but change nothing; another oblast does not read it', async () => {
		for (const reader of [deputy, oblast, national, admin])
			expect((await representation.list(sql, reader, akTurpak)).length).toBeGreaterThan(0);
		await expect(representation.list(sql, issykKulOblast, akTurpak)).rejects.toBeInstanceOf(
			Forbidden
		);
		for (const reader of [deputy, oblast, national]) {
			await expect(
				representation.create(sql, reader, akTurpak, body({ nameKy: 'by a reader' }))
			).rejects.toBeInstanceOf(Forbidden);
			await expect(
				representation.setKeneshPositions(sql, reader, akTurpak, {
					headSex: 'male',
					deputySex: 'female'
				})
			).rejects.toBeInstanceOf(Forbidden);
		}
		const [a] = await sql<{ id: number }[]>`select id from representation_body where name_ky = 'A'`;
		await expect(representation.remove(sql, deputy, akTurpak, a!.id)).rejects.toBeInstanceOf(
			Forbidden
		);
		expect(await sql`select 1 from representation_body where name_ky = 'by a reader'`).toHaveLength(
			0
		);
	});
});
