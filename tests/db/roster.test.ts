import { describe, expect, it } from 'vitest';
import * as kenesh from '../../src/lib/server/kenesh';
import * as users from '../../src/lib/server/users';
import type { Actor } from '../../src/lib/server/auth/actor';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
// seedDemo may seed the demo rosters; these rules are checked on rosters the tests build themselves
await sql`delete from deputy`;

const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const national = await actorOf(sql, 'national');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const issykKul = await territoryId(sql, SOATE.issykKulOblast);
// the demo may already hold some of these accounts (kyshtut.staff, kyshtut.deputy); create the missing ones
const ensure = async (username: string, role: 'staff' | 'deputy' | 'oblast', territory: number) => {
	const [exists] = await sql`select 1 from app_user where username = ${username}`;
	if (!exists)
		await users.create(sql, admin, {
			username,
			fullName: username,
			password: 'long-enough-pass',
			role: { role, territoryId: territory }
		});
	return actorOf(sql, username);
};
const kyshtutStaff = await ensure('kyshtut.staff', 'staff', kyshtut);
const issykKulOblast = await ensure('issykkul.oblast', 'oblast', issykKul);
await ensure('akturpak.deputy2', 'deputy', akTurpak);
await ensure('kyshtut.deputy', 'deputy', kyshtut);

const scope = await kenesh.rosterScope(sql, akTurpak);
const kyshtutScope = await kenesh.rosterScope(sql, kyshtut);

const input = (over: Partial<kenesh.DeputyInput> = {}): kenesh.DeputyInput => ({
	fullName: 'Бүбүсара Эргешова',
	sex: 'female',
	termStart: '2024-12-01',
	termEnd: '2028-11-30',
	isSecretary: false,
	username: '',
	...over
});
const roster = (s = scope) => kenesh.listDeputies(sql, admin, s, { includeRemoved: true });
const auditOf = async (id: number) =>
	sql<{ action: string; municipalityId: number; userId: number | null }[]>`
		select action, municipality_id, user_id from audit_log where entity = 'deputy' and entity_id = ${String(id)} order by id`;
const secretaries = async (municipalityId: number) =>
	(await kenesh.activeDeputies(sql, municipalityId))
		.filter((d) => d.isSecretary)
		.map((d) => d.fullName);

describe('keeping the roster', () => {
	it('staff add a deputy, change and remove them; the entry stays for the history and every change is audited', async () => {
		const id = await kenesh.addDeputy(
			sql,
			staff,
			scope,
			input({ fullName: '  Гүлзат   Арзыкулова ' })
		);
		expect(await kenesh.listDeputies(sql, staff, scope)).toEqual([
			{
				id,
				fullName: 'Гүлзат Арзыкулова',
				sex: 'female',
				termStart: '2024-12-01',
				termEnd: '2028-11-30',
				isSecretary: false,
				userId: null,
				username: null,
				active: true
			}
		]);
		await kenesh.updateDeputy(
			sql,
			staff,
			scope,
			id,
			input({ fullName: 'Гүлзат Арзыкулова', termStart: '', termEnd: '2027-06-30' })
		);
		expect((await kenesh.listDeputies(sql, deputy, scope))[0]).toMatchObject({
			termStart: null,
			termEnd: '2027-06-30'
		});
		await kenesh.removeDeputy(sql, staff, scope, id);
		expect(await kenesh.listDeputies(sql, staff, scope)).toEqual([]);
		expect(await roster()).toMatchObject([{ id, fullName: 'Гүлзат Арзыкулова', active: false }]);
		expect(await auditOf(id)).toEqual([
			{ action: 'create', municipalityId: akTurpak, userId: staff.id },
			{ action: 'update', municipalityId: akTurpak, userId: staff.id },
			{ action: 'remove', municipalityId: akTurpak, userId: staff.id }
		]);
		await expect(kenesh.removeDeputy(sql, staff, scope, id)).rejects.toMatchObject({ status: 404 });
		await expect(kenesh.updateDeputy(sql, staff, scope, id, input())).rejects.toMatchObject({
			status: 404
		});
	});

	it('a name, the sex and a real term are required; the end of the term is not before its start', async () => {
		await expect(
			kenesh.addDeputy(sql, staff, scope, input({ fullName: '   ' }))
		).rejects.toMatchObject({ code: 'error_deputy_name_required' });
		await expect(
			kenesh.addDeputy(sql, staff, scope, input({ fullName: 'Ы'.repeat(201) }))
		).rejects.toMatchObject({ code: 'error_field_too_long' });
		await expect(kenesh.addDeputy(sql, staff, scope, input({ sex: '' }))).rejects.toMatchObject({
			code: 'error_deputy_sex'
		});
		await expect(kenesh.addDeputy(sql, staff, scope, input({ sex: 'аял' }))).rejects.toMatchObject({
			code: 'error_deputy_sex'
		});
		await expect(
			kenesh.addDeputy(sql, staff, scope, input({ termStart: '2028-12-01', termEnd: '2024-12-01' }))
		).rejects.toMatchObject({ code: 'error_deputy_term' });
		for (const bad of ['2025-02-30', '01.12.2024', '20245-01-01', '1900-01-01']) {
			await expect(
				kenesh.addDeputy(sql, staff, scope, input({ termStart: bad })),
				bad
			).rejects.toMatchObject({ code: 'error_deputy_term' });
		}
		expect((await kenesh.seatShare(sql, scope)).seats).toBe(0);
	});
});

describe('women’s share of kenesh seats (SDG 5.5.1b)', () => {
	it('is computed from the active roster: 3 women of 7 seats is 42.9%, after one woman leaves 2 of 6 is 33.3%', async () => {
		expect(await kenesh.seatShare(sql, scope)).toEqual({
			seats: 0,
			women: 0,
			men: 0,
			womenShare: '0.0'
		});
		const seven: [string, kenesh.Sex][] = [
			['Мээрим Жапарова', 'female'],
			['Чолпон Ташиева', 'female'],
			['Айнура Сыдыкова', 'female'],
			['Бакыт Осмонов', 'male'],
			['Талантбек Жумабаев', 'male'],
			['Өмүрбек Токтогулов', 'male'],
			['Мирлан Бөрүбаев', 'male']
		];
		const ids: number[] = [];
		for (const [fullName, sex] of seven)
			ids.push(await kenesh.addDeputy(sql, staff, scope, input({ fullName, sex })));
		expect(await kenesh.seatShare(sql, scope)).toEqual({
			seats: 7,
			women: 3,
			men: 4,
			womenShare: '42.9'
		});
		await kenesh.removeDeputy(sql, staff, scope, ids[1]!);
		expect(await kenesh.seatShare(sql, scope)).toEqual({
			seats: 6,
			women: 2,
			men: 4,
			womenShare: '33.3'
		});
		// another municipality's roster is not counted
		expect(await kenesh.seatShare(sql, kyshtutScope)).toEqual({
			seats: 0,
			women: 0,
			men: 0,
			womenShare: '0.0'
		});
	});

	it('rounds half up to one decimal', () => {
		expect(kenesh.womenShareOf(1, 16)).toBe('6.3');
		expect(kenesh.womenShareOf(1, 8)).toBe('12.5');
		expect(kenesh.womenShareOf(2, 3)).toBe('66.7');
		expect(kenesh.womenShareOf(21, 21)).toBe('100.0');
		expect(kenesh.womenShareOf(0, 0)).toBe('0.0');
	});
});

describe('the kenesh secretary', () => {
	it('only one active deputy is the secretary: naming another takes the flag from the first in the same step', async () => {
		const first = await kenesh.addDeputy(
			sql,
			staff,
			scope,
			input({ fullName: 'Нурлан Мамытов', sex: 'male', isSecretary: true })
		);
		expect(await secretaries(akTurpak)).toEqual(['Нурлан Мамытов']);
		const second = await kenesh.addDeputy(
			sql,
			staff,
			scope,
			input({ fullName: 'Нургүл Абдыраимова', isSecretary: true })
		);
		expect(await secretaries(akTurpak)).toEqual(['Нургүл Абдыраимова']);
		expect((await auditOf(first)).map((a) => a.action)).toEqual(['create', 'update']);
		await kenesh.updateDeputy(
			sql,
			staff,
			scope,
			first,
			input({ fullName: 'Нурлан Мамытов', sex: 'male', isSecretary: true })
		);
		expect(await secretaries(akTurpak)).toEqual(['Нурлан Мамытов']);
		expect((await roster()).find((d) => d.id === second)?.isSecretary).toBe(false);
		// Kyshtut's secretary is not Ak-Turpak's business
		await kenesh.addDeputy(
			sql,
			kyshtutStaff,
			kyshtutScope,
			input({ fullName: 'Жаңылай Турдубаева', isSecretary: true })
		);
		expect(await secretaries(akTurpak)).toEqual(['Нурлан Мамытов']);
		expect(await secretaries(kyshtut)).toEqual(['Жаңылай Турдубаева']);
	});
});

describe('linking a login to a seat', () => {
	it('only a user holding the deputy role of that municipality can be linked, to one active entry at a time', async () => {
		const [mamytov] = (await kenesh.listDeputies(sql, staff, scope)).filter(
			(d) => d.fullName === 'Нурлан Мамытов'
		);
		const other = (await kenesh.listDeputies(sql, staff, scope)).find(
			(d) => d.fullName === 'Бакыт Осмонов'
		)!;
		const edit = (id: number, over: Partial<kenesh.DeputyInput>) =>
			kenesh.updateDeputy(
				sql,
				staff,
				scope,
				id,
				input({
					fullName: id === mamytov!.id ? 'Нурлан Мамытов' : 'Бакыт Осмонов',
					sex: 'male',
					isSecretary: id === mamytov!.id,
					...over
				})
			);
		await expect(edit(mamytov!.id, { username: 'nobody.here' })).rejects.toMatchObject({
			code: 'error_deputy_user_unknown',
			params: { username: 'nobody.here' }
		});
		await expect(edit(mamytov!.id, { username: 'akturpak.staff' })).rejects.toMatchObject({
			code: 'error_deputy_user_not_deputy'
		});
		await expect(edit(mamytov!.id, { username: 'kyshtut.deputy' })).rejects.toMatchObject({
			code: 'error_deputy_user_not_deputy'
		});
		await expect(edit(mamytov!.id, { username: 'batken.oblast' })).rejects.toMatchObject({
			code: 'error_deputy_user_not_deputy'
		});
		expect((await roster()).filter((d) => d.userId !== null)).toEqual([]);

		await edit(mamytov!.id, { username: ' AkTurpak.Deputy ' });
		expect(await kenesh.deputyOfUser(sql, deputy.id)).toEqual({
			deputyId: mamytov!.id,
			municipalityId: akTurpak,
			isSecretary: true
		});
		expect(
			(await kenesh.listDeputies(sql, staff, scope)).find((d) => d.id === mamytov!.id)
		).toMatchObject({ userId: deputy.id, username: 'akturpak.deputy' });
		await expect(edit(other.id, { username: 'akturpak.deputy' })).rejects.toMatchObject({
			code: 'error_deputy_user_taken'
		});
		await expect(
			kenesh.addDeputy(sql, staff, scope, input({ username: 'akturpak.deputy' }))
		).rejects.toMatchObject({ code: 'error_deputy_user_taken' });
		expect(await kenesh.linkableLogins(sql, staff, scope)).toEqual([
			{ username: 'akturpak.deputy2', fullName: 'akturpak.deputy2' }
		]);

		// once the seat is left, the login can sit on another entry; the removed one keeps nothing linked
		await kenesh.removeDeputy(sql, staff, scope, mamytov!.id);
		expect(await kenesh.deputyOfUser(sql, deputy.id)).toBeNull();
		await edit(other.id, { username: 'akturpak.deputy' });
		expect(await kenesh.deputyOfUser(sql, deputy.id)).toEqual({
			deputyId: other.id,
			municipalityId: akTurpak,
			isSecretary: false
		});
		expect((await roster()).find((d) => d.id === mamytov!.id)).toMatchObject({
			active: false,
			userId: null
		});
		// an empty username unlinks
		await edit(other.id, { username: '' });
		expect(await kenesh.deputyOfUser(sql, deputy.id)).toBeNull();
	});
});

describe('who may read and keep the roster', () => {
	it('a deputy, the oblast representative and staff of another municipality cannot change it, and nothing changes', async () => {
		const target = (await kenesh.listDeputies(sql, staff, scope))[0]!;
		const before = await roster();
		const { n: audits } = (
			await sql`select count(*)::int as n from audit_log where entity = 'deputy'`
		)[0]!;
		for (const who of [deputy, oblast, kyshtutStaff, national, admin] as Actor[]) {
			expect(kenesh.can(who, 'manage', scope), who.username).toBe(false);
			await expect(
				kenesh.addDeputy(sql, who, scope, input({ fullName: 'Бөтөн Адам' })),
				who.username
			).rejects.toMatchObject({ status: 403 });
			await expect(
				kenesh.updateDeputy(sql, who, scope, target.id, input({ fullName: 'Бөтөн Адам' })),
				who.username
			).rejects.toMatchObject({ status: 403 });
			await expect(
				kenesh.removeDeputy(sql, who, scope, target.id),
				who.username
			).rejects.toMatchObject({ status: 403 });
		}
		await expect(kenesh.addDeputy(sql, null, scope, input())).rejects.toMatchObject({
			status: 403
		});
		// staff of Kyshtut naming an Ak-Turpak entry under their own municipality find nothing
		await expect(
			kenesh.updateDeputy(
				sql,
				kyshtutStaff,
				kyshtutScope,
				target.id,
				input({ fullName: 'Бөтөн Адам' })
			)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			kenesh.removeDeputy(sql, kyshtutStaff, kyshtutScope, target.id)
		).rejects.toMatchObject({ status: 404 });
		expect(await roster()).toEqual(before);
		expect(
			(await sql`select count(*)::int as n from audit_log where entity = 'deputy'`)[0]!.n
		).toBe(audits);
	});

	it('staff and deputies of the municipality, its oblast, national and admin read it; another oblast and another municipality do not', async () => {
		for (const who of [staff, deputy, oblast, national, admin]) {
			await expect(kenesh.listDeputies(sql, who, scope), who.username).resolves.not.toHaveLength(0);
		}
		for (const who of [issykKulOblast, kyshtutStaff, null]) {
			expect(kenesh.can(who, 'read', scope)).toBe(false);
			await expect(kenesh.listDeputies(sql, who, scope)).rejects.toMatchObject({ status: 403 });
		}
		await expect(kenesh.linkableLogins(sql, deputy, scope)).rejects.toMatchObject({ status: 403 });
	});

	it('a roster belongs to a municipality or town only', async () => {
		await expect(kenesh.rosterScope(sql, issykKul)).rejects.toMatchObject({ status: 404 });
		await expect(
			kenesh.rosterScope(sql, await territoryId(sql, SOATE.kadamjayRayon))
		).rejects.toMatchObject({ status: 404 });
		expect(scope).toEqual({
			municipalityId: akTurpak,
			regionId: await territoryId(sql, SOATE.batkenOblast)
		});
	});
});

describe('demo rosters', () => {
	it('seedRosters fills Ak-Turpak and Kyshtut once, links the demo deputies to their secretaries, and adds nothing when run again', async () => {
		await sql`delete from deputy`;
		expect(await kenesh.seedRosters(sql)).toEqual({ municipalities: 2, deputies: 26 });
		expect(await kenesh.seatShare(sql, scope)).toEqual({
			seats: 15,
			women: 6,
			men: 9,
			womenShare: '40.0'
		});
		expect(await kenesh.seatShare(sql, kyshtutScope)).toEqual({
			seats: 11,
			women: 5,
			men: 6,
			womenShare: '45.5'
		});
		expect(await secretaries(akTurpak)).toEqual(['Нурлан Мамытов']);
		expect(await secretaries(kyshtut)).toEqual(['Таалайбек Жумабаев']);
		const mamytov = (await kenesh.activeDeputies(sql, akTurpak)).find(
			(d) => d.userId === deputy.id
		);
		expect(mamytov).toMatchObject({ fullName: 'Нурлан Мамытов', isSecretary: true });
		const kyshtutDeputy = await actorOf(sql, 'kyshtut.deputy');
		expect(await kenesh.deputyOfUser(sql, kyshtutDeputy.id)).toMatchObject({
			municipalityId: kyshtut,
			isSecretary: true
		});
		for (const d of await roster())
			expect([d.termStart, d.termEnd]).toEqual(['2024-12-01', '2028-11-30']);

		expect(await kenesh.seedRosters(sql)).toEqual({ municipalities: 0, deputies: 0 });
		expect((await sql`select count(*)::int as n from deputy`)[0]!.n).toBe(26);
	});
});
