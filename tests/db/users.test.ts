import { describe, expect, it } from 'vitest';
import * as users from '../../src/lib/server/users';
import * as kenesh from '../../src/lib/server/kenesh';
import { loadActor } from '../../src/lib/server/auth/actor';
import {
	generateSessionToken,
	createSession,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { DEMO_PASSWORD } from '../../src/lib/server/demo';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const batken = await territoryId(sql, SOATE.batkenOblast);

const count = async () => Number((await sql`select count(*)::int as n from app_user`)[0]!.n);

describe('accounts', () => {
	it('an admin creates a user bound to a municipality, and the creation is audited', async () => {
		const id = await users.create(sql, admin, {
			username: 'Kyshtut.Specialist',
			fullName: 'Бермет Асанова',
			password: 'long-enough-pass',
			role: { role: 'staff', territoryId: akTurpak }
		});
		const [u] =
			await sql`select username, must_change_password, password_hash from app_user where id = ${id}`;
		expect(u!.username).toBe('kyshtut.specialist');
		expect(u!.mustChangePassword).toBe(true);
		expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
		const [a] =
			await sql`select action from audit_log where entity = 'user' and entity_id = ${String(id)}`;
		expect(a!.action).toBe('create');
	});

	it('staff and deputies cannot create users, and nothing changes', async () => {
		const before = await count();
		for (const actor of [staff, deputy, null]) {
			await expect(
				users.create(sql, actor, {
					username: 'intruder',
					fullName: 'X',
					password: 'long-enough-pass',
					role: { role: 'admin', territoryId: null }
				})
			).rejects.toMatchObject({ status: 403 });
		}
		expect(await count()).toBe(before);
	});

	it('a role must be bound to the right kind of territory', async () => {
		const base = { fullName: 'Test', password: 'long-enough-pass' };
		await expect(
			users.create(sql, admin, {
				...base,
				username: 'role.one',
				role: { role: 'staff', territoryId: batken }
			})
		).rejects.toMatchObject({ code: 'error_role_wrong_territory' });
		await expect(
			users.create(sql, admin, {
				...base,
				username: 'role.two',
				role: { role: 'oblast', territoryId: akTurpak }
			})
		).rejects.toMatchObject({ code: 'error_role_wrong_territory' });
		await expect(
			users.create(sql, admin, {
				...base,
				username: 'role.three',
				role: { role: 'staff', territoryId: null }
			})
		).rejects.toMatchObject({ code: 'error_role_needs_territory' });
		await expect(
			users.create(sql, admin, {
				...base,
				username: 'role.four',
				role: { role: 'national', territoryId: akTurpak }
			})
		).rejects.toMatchObject({ code: 'error_role_no_territory' });
		const [none] =
			await sql`select 1 from app_user where username in ('role.one', 'role.two', 'role.three', 'role.four')`;
		expect(none).toBeUndefined();
	});

	it('bad usernames, short passwords and taken names are refused with their reason', async () => {
		const role = { role: 'national' as const, territoryId: null };
		await expect(
			users.create(sql, admin, {
				username: 'а б',
				fullName: 'X',
				password: 'long-enough-pass',
				role
			})
		).rejects.toMatchObject({ code: 'error_username_format' });
		await expect(
			users.create(sql, admin, { username: 'shorty', fullName: 'X', password: 'short', role })
		).rejects.toMatchObject({ code: 'error_password_too_short' });
		await expect(
			users.create(sql, admin, {
				username: 'ADMIN',
				fullName: 'X',
				password: 'long-enough-pass',
				role
			})
		).rejects.toMatchObject({ code: 'error_username_taken' });
		await expect(
			users.create(sql, admin, {
				username: 'noname',
				fullName: '  ',
				password: 'long-enough-pass',
				role
			})
		).rejects.toMatchObject({ code: 'error_full_name_required' });
	});

	it('an admin resets a password: the old one stops working and every session of the user ends', async () => {
		const [u] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'akturpak.deputy'`;
		const token = generateSessionToken();
		await createSession(sql, token, u!.id);
		await users.resetPassword(sql, admin, u!.id, 'brand-new-password');
		expect(await validateSessionToken(sql, token)).toBeNull();
		await expect(
			users.login(sql, { username: 'akturpak.deputy', password: DEMO_PASSWORD, address: '1.1.1.1' })
		).rejects.toMatchObject({ code: 'error_login_failed' });
		expect(
			await users.login(sql, {
				username: 'akturpak.deputy',
				password: 'brand-new-password',
				address: '1.1.1.1'
			})
		).toBe(u!.id);
	});

	it('a staff member cannot reset another user’s password', async () => {
		const [u] = await sql<
			{ id: number; passwordHash: string }[]
		>`select id, password_hash from app_user where username = 'national'`;
		await expect(
			users.resetPassword(sql, staff, u!.id, 'brand-new-password')
		).rejects.toMatchObject({ status: 403 });
		const [after] = await sql`select password_hash from app_user where id = ${u!.id}`;
		expect(after!.passwordHash).toBe(u!.passwordHash);
	});

	it('a user changes their own password only with the current one', async () => {
		await expect(
			users.changeOwnPassword(sql, staff, {
				current: 'wrong',
				next: 'another-long-one',
				confirm: 'another-long-one',
				address: '1.1.1.2'
			})
		).rejects.toMatchObject({ code: 'error_current_password_wrong' });
		await expect(
			users.changeOwnPassword(sql, staff, {
				current: DEMO_PASSWORD,
				next: 'another-long-one',
				confirm: 'different-long-one',
				address: '1.1.1.2'
			})
		).rejects.toMatchObject({ code: 'error_password_mismatch' });
		await users.changeOwnPassword(sql, staff, {
			current: DEMO_PASSWORD,
			next: 'another-long-one',
			confirm: 'another-long-one',
			address: '1.1.1.2'
		});
		expect(
			await users.login(sql, {
				username: 'akturpak.staff',
				password: 'another-long-one',
				address: '1.1.1.2'
			})
		).toBe(staff.id);
	});

	it('an admin sets roles; an admin cannot drop their own admin role', async () => {
		const [u] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'kyshtut.specialist'`;
		await users.setRoles(sql, admin, u!.id, [{ role: 'oblast', territoryId: batken }]);
		const roles = await sql`select role, territory_id from membership where user_id = ${u!.id}`;
		expect(roles).toEqual([{ role: 'oblast', territoryId: batken }]);
		await expect(
			users.setRoles(sql, admin, admin.id, [{ role: 'national', territoryId: null }])
		).rejects.toMatchObject({ code: 'error_cannot_drop_own_admin' });
		await expect(
			users.setRoles(sql, deputy, u!.id, [{ role: 'admin', territoryId: null }])
		).rejects.toMatchObject({ status: 403 });
		const after = await sql`select role from membership where user_id = ${u!.id}`;
		expect(after).toEqual([{ role: 'oblast' }]);
	});

	it('a deactivated user cannot sign in', async () => {
		const [u] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'kyshtut.specialist'`;
		await users.resetPassword(sql, admin, u!.id, 'known-password-1');
		await users.setActive(sql, admin, u!.id, false);
		await expect(
			users.login(sql, {
				username: 'kyshtut.specialist',
				password: 'known-password-1',
				address: '1.1.1.3'
			})
		).rejects.toMatchObject({ code: 'error_login_failed' });
	});
});

describe('the kenesh secretary', () => {
	it("an account is the kenesh secretary exactly when the roster marks its deputy entry so, for the admin's list as for the account itself", async () => {
		const rolesOf = async (username: string) =>
			(await users.list(sql, admin)).find((u) => u.username === username)!.roles;
		// the demo roster marks Ak-Turpak's deputy login as its secretary
		expect(await rolesOf('akturpak.deputy')).toMatchObject([
			{ role: 'deputy', territoryId: akTurpak, isSecretary: true }
		]);
		expect((await loadActor(sql, deputy.id))!.memberships[0]!.isSecretary).toBe(true);
		// re-saving the account's role leaves the roster's mark where it is
		await users.setRoles(sql, admin, deputy.id, [{ role: 'deputy', territoryId: akTurpak }]);
		expect(await rolesOf('akturpak.deputy')).toMatchObject([{ isSecretary: true }]);

		// staff move the mark to another deputy on the roster: the account is no longer the secretary
		const scope = await kenesh.rosterScope(sql, akTurpak);
		const other = (await kenesh.listDeputies(sql, staff, scope)).find((d) => !d.isSecretary)!;
		await kenesh.updateDeputy(sql, staff, scope, other.id, {
			fullName: other.fullName,
			sex: other.sex,
			termStart: other.termStart,
			termEnd: other.termEnd,
			isSecretary: true,
			username: other.username ?? ''
		});
		expect(await rolesOf('akturpak.deputy')).toMatchObject([{ isSecretary: false }]);
		expect((await loadActor(sql, deputy.id))!.memberships[0]!.isSecretary).toBe(false);
	});
});
