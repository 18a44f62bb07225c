import { describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db';
import {
	createSession,
	generateSessionToken,
	sessionIdOf,
	validateSessionToken,
	SESSION_LIFETIME_MS
} from '../../src/lib/server/auth/session';
import { loadActor } from '../../src/lib/server/auth/actor';
import { passwordGate } from '../../src/lib/server/auth/password-gate';
import * as throttle from '../../src/lib/server/auth/throttle';
import * as users from '../../src/lib/server/users';
import { DEMO_PASSWORD } from '../../src/lib/server/demo';
import { DomainError } from '../../src/lib/server/errors';
import { actorOf, demoDb } from './helpers';

const { sql, url } = await demoDb();
const [staff] = await sql<
	{ id: number }[]
>`select id from app_user where username = 'akturpak.staff'`;
const admin = await actorOf(sql, 'admin');

async function loginError(
	input: { username: string; password: string; address: string },
	on: Sql = sql
): Promise<DomainError | null> {
	try {
		await users.login(on, input);
		return null;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
}

/** An account of its own for one test, so no other test's attempts count against it. */
async function newAccount(username: string, password = 'the-right-password-1'): Promise<number> {
	return users.create(
		sql,
		null,
		{
			username,
			fullName: username,
			password,
			role: { role: 'national', territoryId: null },
			mustChangePassword: false
		},
		{ system: true }
	);
}

/**
 * Runs the calls truly at once: over several connection pools (as several app servers would),
 * every connection opened beforehand, then all calls released together by one barrier.
 */
async function atOnce<T>(calls: ((on: Sql) => Promise<T>)[], pools = 5, perPool = 5): Promise<T[]> {
	const handles = Array.from({ length: pools }, () => connect(url, { max: perPool }));
	try {
		for (const h of handles) {
			// perPool transactions that wait for each other can only run on perPool distinct connections
			let arrived = 0;
			let allIn!: () => void;
			const everyone = new Promise<void>((r) => (allIn = r));
			await Promise.all(
				Array.from({ length: perPool }, () =>
					(h as unknown as { begin: (f: () => Promise<void>) => Promise<void> }).begin(async () => {
						if (++arrived === perPool) allIn();
						await everyone;
					})
				)
			);
		}
		let go!: () => void;
		const barrier = new Promise<void>((r) => (go = r));
		const running = calls.map(async (call, i) => {
			await barrier;
			return call(handles[i % pools]!);
		});
		go();
		return await Promise.all(running);
	} finally {
		await Promise.all(handles.map((h) => h.end({ timeout: 5 })));
	}
}

describe('sessions', () => {
	it('a valid token resolves to its user, and only the token hash is stored', async () => {
		const token = generateSessionToken();
		await createSession(sql, token, staff!.id);
		const session = await validateSessionToken(sql, token);
		expect(session?.userId).toBe(staff!.id);
		const [row] = await sql`select id from session where id = ${sessionIdOf(token)}`;
		expect(row!.id).toMatch(/^[0-9a-f]{64}$/);
		const [plain] = await sql`select 1 from session where id = ${token}`;
		expect(plain).toBeUndefined();
	});

	it('a forged token is anonymous', async () => {
		expect(await validateSessionToken(sql, generateSessionToken())).toBeNull();
		expect(await validateSessionToken(sql, 'not-even-the-right-shape')).toBeNull();
		expect(await validateSessionToken(sql, "' or 1=1 --")).toBeNull();
	});

	it('an expired session is anonymous and is deleted', async () => {
		const token = generateSessionToken();
		await createSession(sql, token, staff!.id);
		await sql`update session set expires_at = now() - interval '1 minute' where id = ${sessionIdOf(token)}`;
		expect(await validateSessionToken(sql, token)).toBeNull();
		const [row] = await sql`select 1 from session where id = ${sessionIdOf(token)}`;
		expect(row).toBeUndefined();
	});

	it('a session used after half its life is extended (sliding expiry)', async () => {
		const token = generateSessionToken();
		await createSession(sql, token, staff!.id);
		await sql`update session set expires_at = now() + interval '2 days' where id = ${sessionIdOf(token)}`;
		const session = await validateSessionToken(sql, token);
		expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
	});

	it('a disabled user’s session is anonymous', async () => {
		const [u] = await sql<{ id: number }[]>`select id from app_user where username = 'national'`;
		const token = generateSessionToken();
		await createSession(sql, token, u!.id);
		await sql`update app_user set is_active = false where id = ${u!.id}`;
		expect(await validateSessionToken(sql, token)).toBeNull();
		await sql`update app_user set is_active = true where id = ${u!.id}`;
	});
});

describe('login', () => {
	it('the right password signs in, whatever the case of the username', async () => {
		expect(
			await users.login(sql, {
				username: ' AkTurpak.Staff ',
				password: DEMO_PASSWORD,
				address: '10.0.0.1'
			})
		).toBe(staff!.id);
	});

	it('a wrong password and an unknown user get the same message', async () => {
		const wrong = await loginError({
			username: 'akturpak.deputy',
			password: 'wrong-password',
			address: '10.0.0.2'
		});
		const unknown = await loginError({
			username: 'nobody.here',
			password: 'wrong-password',
			address: '10.0.0.2'
		});
		expect(wrong?.code).toBe('error_login_failed');
		expect(unknown?.code).toBe('error_login_failed');
	});

	it('repeated wrong passwords for one account are refused for a while, even with the right password, with the minutes to wait', async () => {
		for (let i = 0; i < throttle.ACCOUNT_LIMIT; i++) {
			const e = await loginError({
				username: 'batken.oblast',
				password: 'guess-' + i,
				address: `10.1.0.${i}`
			});
			expect(e?.code).toBe('error_login_failed');
		}
		const blocked = await loginError({
			username: 'batken.oblast',
			password: DEMO_PASSWORD,
			address: '10.1.0.99'
		});
		expect(blocked?.code).toBe('error_login_locked');
		expect(blocked?.status).toBe(429);
		expect(blocked?.params.minutes).toBeGreaterThanOrEqual(1);
		expect(blocked?.params.minutes).toBeLessThanOrEqual(throttle.WINDOW_MINUTES);
		// another account is not affected
		expect(
			await users.login(sql, {
				username: 'akturpak.staff',
				password: DEMO_PASSWORD,
				address: '10.1.0.99'
			})
		).toBe(staff!.id);
	});

	it('the lock is kept in PostgreSQL: a new connection pool (another app server, a restart) sees it', async () => {
		const other = connect(url, { max: 1 });
		try {
			const state = await throttle.check(other, 'batken.oblast', '10.9.9.9');
			expect(state.blocked).toBe(true);
		} finally {
			await other.end();
		}
	});

	it('the lock ends when the window has passed', async () => {
		await sql`update login_attempt set at = at - make_interval(mins => ${throttle.WINDOW_MINUTES + 1}) where username = 'batken.oblast'`;
		const [oblast] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'batken.oblast'`;
		expect(
			await users.login(sql, {
				username: 'batken.oblast',
				password: DEMO_PASSWORD,
				address: '10.1.0.99'
			})
		).toBe(oblast!.id);
	});

	it('one address trying many accounts is refused too', async () => {
		for (let i = 0; i < throttle.ADDRESS_LIMIT; i++) {
			await loginError({ username: `spray${i}`, password: 'x-wrong', address: '192.0.2.7' });
		}
		const e = await loginError({
			username: 'akturpak.staff',
			password: DEMO_PASSWORD,
			address: '192.0.2.7'
		});
		expect(e?.code).toBe('error_login_throttled');
	});
});

describe('throttling holds under parallel requests', () => {
	it('50 parallel guesses for one account are all throttled after 5 failures: the right password is refused once locked', async () => {
		const id = await newAccount('parallel.account');
		const results = await atOnce(
			Array.from(
				{ length: 50 },
				(_, i) => (on: Sql) =>
					loginError(
						{ username: 'parallel.account', password: `guess-${i}`, address: '198.51.100.1' },
						on
					)
			)
		);
		const codes = results.map((e) => e?.code);
		expect(codes.filter((c) => c === 'error_login_failed')).toHaveLength(throttle.ACCOUNT_LIMIT);
		expect(codes.filter((c) => c === 'error_login_locked')).toHaveLength(
			50 - throttle.ACCOUNT_LIMIT
		);
		const { count } = (
			await sql<{ count: number }[]>`
			select count(*)::int as count from login_attempt where username = 'parallel.account'`
		)[0]!;
		expect(count).toBe(throttle.ACCOUNT_LIMIT);
		const right = await loginError({
			username: 'parallel.account',
			password: 'the-right-password-1',
			address: '203.0.113.50'
		});
		expect(right?.code).toBe('error_login_locked');
		expect(right?.params.minutes).toBeGreaterThanOrEqual(1);
		// an admin's unlock is the way back
		await users.unlock(sql, admin, id);
		expect(
			await users.login(sql, {
				username: 'parallel.account',
				password: 'the-right-password-1',
				address: '203.0.113.50'
			})
		).toBe(id);
	});

	it('50 parallel guesses from one address at different accounts are all throttled after 20 failures: the right password is refused from there', async () => {
		await newAccount('parallel.address');
		const results = await atOnce(
			Array.from(
				{ length: 50 },
				(_, i) => (on: Sql) =>
					loginError(
						{ username: `spray.parallel${i}`, password: 'x-wrong', address: '198.51.100.2' },
						on
					)
			)
		);
		const codes = results.map((e) => e?.code);
		expect(codes.filter((c) => c === 'error_login_failed')).toHaveLength(throttle.ADDRESS_LIMIT);
		expect(codes.filter((c) => c === 'error_login_throttled')).toHaveLength(
			50 - throttle.ADDRESS_LIMIT
		);
		const right = await loginError({
			username: 'parallel.address',
			password: 'the-right-password-1',
			address: '198.51.100.2'
		});
		expect(right?.code).toBe('error_login_throttled');
		// the account itself is not locked: its owner signs in from elsewhere
		expect(
			await loginError({
				username: 'parallel.address',
				password: 'the-right-password-1',
				address: '203.0.113.51'
			})
		).toBeNull();
	});

	it('a guess counts from when it is judged: a success judged first does not excuse guesses whose transactions began earlier', async () => {
		const id = await newAccount('judged.late');
		const key = { username: 'judged.late', address: '198.51.100.6' };
		const pool = connect(url, { max: throttle.ACCOUNT_LIMIT });
		try {
			let began = 0;
			let allBegan!: () => void;
			const everyoneBegan = new Promise<void>((r) => (allBegan = r));
			let release!: () => void;
			const released = new Promise<void>((r) => (release = r));
			const begin = (pool as unknown as { begin: <T>(f: (tx: Sql) => Promise<T>) => Promise<T> })
				.begin;
			const guesses = Array.from({ length: throttle.ACCOUNT_LIMIT }, () =>
				begin(async (tx) => {
					await tx`select 1`;
					if (++began === throttle.ACCOUNT_LIMIT) allBegan();
					await released;
					return throttle.guarded(tx, key, async () => null);
				})
			);
			await everyoneBegan;
			// the owner signs in after those transactions began, before they are judged
			expect(
				await users.login(sql, {
					username: 'judged.late',
					password: 'the-right-password-1',
					address: '203.0.113.60'
				})
			).toBe(id);
			release();
			expect((await Promise.all(guesses)).every((g) => !g.ok && g.blocked === null)).toBe(true);
		} finally {
			await pool.end({ timeout: 5 });
		}
		const e = await loginError({
			username: 'judged.late',
			password: 'the-right-password-1',
			address: '203.0.113.60'
		});
		expect(e?.code).toBe('error_login_locked');
	});

	it('password change is throttled like login: after 5 wrong current passwords, even the right one is refused and the password stays', async () => {
		const id = await newAccount('change.throttled');
		const actor = (await loadActor(sql, id))!;
		const change = (current: string, on: Sql = sql) =>
			users
				.changeOwnPassword(on, actor, {
					current,
					next: 'a-new-password-2',
					confirm: 'a-new-password-2',
					address: '198.51.100.3'
				})
				.then(
					() => null,
					(e: DomainError) => e
				);
		const results = await atOnce(
			Array.from({ length: 20 }, (_, i) => (on: Sql) => change(`wrong-${i}`, on))
		);
		const codes = results.map((e) => e?.code);
		expect(codes.filter((c) => c === 'error_current_password_wrong')).toHaveLength(
			throttle.ACCOUNT_LIMIT
		);
		expect(codes.filter((c) => c === 'error_login_locked')).toHaveLength(
			20 - throttle.ACCOUNT_LIMIT
		);
		const right = await change('the-right-password-1');
		expect(right?.code).toBe('error_login_locked');
		expect(right?.status).toBe(429);
		// the same counter: login is locked too, and the old password is still the password
		const login = await loginError({
			username: 'change.throttled',
			password: 'the-right-password-1',
			address: '203.0.113.52'
		});
		expect(login?.code).toBe('error_login_locked');
		await users.unlock(sql, admin, id);
		expect(
			await users.login(sql, {
				username: 'change.throttled',
				password: 'the-right-password-1',
				address: '203.0.113.52'
			})
		).toBe(id);
	});
});

describe('a lockout has a way back', () => {
	it('an admin unlock lets the owner in again; the message says an admin can unlock', async () => {
		const id = await newAccount('locked.owner');
		for (let i = 0; i < throttle.ACCOUNT_LIMIT; i++) {
			await loginError({
				username: 'locked.owner',
				password: `attacker-${i}`,
				address: '198.51.100.4'
			});
		}
		const locked = await loginError({
			username: 'locked.owner',
			password: 'the-right-password-1',
			address: '203.0.113.53'
		});
		expect(locked?.code).toBe('error_login_locked');
		expect((await users.get(sql, admin, id)).lockedUntil).not.toBeNull();

		const deputy = await actorOf(sql, 'akturpak.deputy');
		await expect(users.unlock(sql, deputy, id)).rejects.toMatchObject({ status: 403 });
		await users.unlock(sql, admin, id);
		expect((await users.get(sql, admin, id)).lockedUntil).toBeNull();
		expect(
			await users.login(sql, {
				username: 'locked.owner',
				password: 'the-right-password-1',
				address: '203.0.113.53'
			})
		).toBe(id);
		const [entry] =
			await sql`select user_id, action from audit_log where entity = 'user' and entity_id = ${String(id)} and action = 'unlock'`;
		expect(entry!.userId).toBe(admin.id);
	});

	it('an unlock does not lift the limit of the address the guesses came from', async () => {
		await newAccount('unlock.address');
		// the account locked, and the address at its limit with guesses at other accounts too
		for (let i = 0; i < throttle.ADDRESS_LIMIT; i++) {
			const username = i < throttle.ACCOUNT_LIMIT ? 'unlock.address' : `unlock.other${i}`;
			expect(
				(await loginError({ username, password: `attacker-${i}`, address: '198.51.100.5' }))?.code
			).toBe('error_login_failed');
		}
		const [u] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'unlock.address'`;
		await users.unlock(sql, admin, u!.id);
		const e = await loginError({
			username: 'unlock.address',
			password: 'the-right-password-1',
			address: '198.51.100.5'
		});
		expect(e?.code).toBe('error_login_throttled');
		expect(
			await loginError({
				username: 'unlock.address',
				password: 'the-right-password-1',
				address: '203.0.113.54'
			})
		).toBeNull();
	});
});

describe('after an admin reset', () => {
	it('a password reset by an admin must be changed before anything else', async () => {
		const id = await newAccount('reset.user', 'own-password-1');
		await users.resetPassword(sql, admin, id, 'admin-gave-this-1');
		const userId = await users.login(sql, {
			username: 'reset.user',
			password: 'admin-gave-this-1',
			address: '203.0.113.55'
		});
		const actor = (await loadActor(sql, userId))!;
		expect(passwordGate(actor, { method: 'GET', routeId: '/plans/[id]' })).toBe('redirect');
		expect(passwordGate(actor, { method: 'GET', routeId: '/' })).toBe('redirect');
		expect(passwordGate(actor, { method: 'GET', routeId: null })).toBe('redirect');
		expect(passwordGate(actor, { method: 'POST', routeId: '/plans/[id]' })).toBe('refuse');
		expect(passwordGate(actor, { method: 'GET', routeId: '/api/v1/plans' })).toBe('refuse');
		expect(passwordGate(actor, { method: 'GET', routeId: '/account/password' })).toBe('pass');
		expect(passwordGate(actor, { method: 'POST', routeId: '/account/password' })).toBe('pass');
		expect(passwordGate(actor, { method: 'POST', routeId: '/logout' })).toBe('pass');

		await users.changeOwnPassword(sql, actor, {
			current: 'admin-gave-this-1',
			next: 'own-password-2',
			confirm: 'own-password-2',
			address: '203.0.113.55'
		});
		const after = (await loadActor(sql, userId))!;
		expect(after.mustChangePassword).toBe(false);
		expect(passwordGate(after, { method: 'GET', routeId: '/plans/[id]' })).toBe('pass');
		expect(passwordGate(after, { method: 'POST', routeId: '/plans/[id]' })).toBe('pass');
	});
});

describe('session rotation', () => {
	it('logging in again rotates the session: the token the browser came with ends, a new one starts', async () => {
		const before = generateSessionToken();
		await createSession(sql, before, staff!.id);
		const { token, session, userId } = await users.signIn(sql, {
			username: 'akturpak.staff',
			password: DEMO_PASSWORD,
			address: '203.0.113.56',
			previousToken: before
		});
		expect(userId).toBe(staff!.id);
		expect(token).not.toBe(before);
		expect(await validateSessionToken(sql, before)).toBeNull();
		expect((await validateSessionToken(sql, token))?.id).toBe(session.id);
	});

	it('a token planted before login, even another user’s, is worth nothing after it', async () => {
		const [national] = await sql<
			{ id: number }[]
		>`select id from app_user where username = 'national'`;
		const planted = generateSessionToken();
		await createSession(sql, planted, national!.id);
		await users.signIn(sql, {
			username: 'akturpak.staff',
			password: DEMO_PASSWORD,
			address: '203.0.113.56',
			previousToken: planted
		});
		expect(await validateSessionToken(sql, planted)).toBeNull();
	});

	it('a failed login leaves the session the browser came with alone', async () => {
		const kept = generateSessionToken();
		await createSession(sql, kept, staff!.id);
		await expect(
			users.signIn(sql, {
				username: 'akturpak.staff',
				password: 'wrong-password',
				address: '203.0.113.57',
				previousToken: kept
			})
		).rejects.toMatchObject({ code: 'error_login_failed' });
		expect(await validateSessionToken(sql, kept)).not.toBeNull();
	});
});
