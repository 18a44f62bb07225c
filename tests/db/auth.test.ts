import { describe, expect, it } from 'vitest';
import { connect } from '../../src/lib/server/db';
import {
	createSession,
	generateSessionToken,
	sessionIdOf,
	validateSessionToken,
	SESSION_LIFETIME_MS
} from '../../src/lib/server/auth/session';
import * as throttle from '../../src/lib/server/auth/throttle';
import * as users from '../../src/lib/server/users';
import { DEMO_PASSWORD } from '../../src/lib/server/demo';
import { DomainError } from '../../src/lib/server/errors';
import { demoDb } from './helpers';

const { sql, url } = await demoDb();
const [staff] = await sql<{ id: number }[]>`select id from app_user where username = 'akturpak.staff'`;

async function loginError(input: { username: string; password: string; address: string }): Promise<DomainError | null> {
	try {
		await users.login(sql, input);
		return null;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
}

describe('sessions', () => {
	it('a valid token resolves to its user, and only the token hash is stored', async () => {
		const token = generateSessionToken();
		await createSession(sql, token, staff.id);
		const session = await validateSessionToken(sql, token);
		expect(session?.userId).toBe(staff.id);
		const [row] = await sql`select id from session where id = ${sessionIdOf(token)}`;
		expect(row.id).toMatch(/^[0-9a-f]{64}$/);
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
		await createSession(sql, token, staff.id);
		await sql`update session set expires_at = now() - interval '1 minute' where id = ${sessionIdOf(token)}`;
		expect(await validateSessionToken(sql, token)).toBeNull();
		const [row] = await sql`select 1 from session where id = ${sessionIdOf(token)}`;
		expect(row).toBeUndefined();
	});

	it('a session used after half its life is extended (sliding expiry)', async () => {
		const token = generateSessionToken();
		await createSession(sql, token, staff.id);
		await sql`update session set expires_at = now() + interval '2 days' where id = ${sessionIdOf(token)}`;
		const session = await validateSessionToken(sql, token);
		expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
	});

	it('a disabled user’s session is anonymous', async () => {
		const [u] = await sql<{ id: number }[]>`select id from app_user where username = 'national'`;
		const token = generateSessionToken();
		await createSession(sql, token, u.id);
		await sql`update app_user set is_active = false where id = ${u.id}`;
		expect(await validateSessionToken(sql, token)).toBeNull();
		await sql`update app_user set is_active = true where id = ${u.id}`;
	});
});

describe('login', () => {
	it('the right password signs in, whatever the case of the username', async () => {
		expect(await users.login(sql, { username: ' AkTurpak.Staff ', password: DEMO_PASSWORD, address: '10.0.0.1' })).toBe(staff.id);
	});

	it('a wrong password and an unknown user get the same message', async () => {
		const wrong = await loginError({ username: 'akturpak.deputy', password: 'wrong-password', address: '10.0.0.2' });
		const unknown = await loginError({ username: 'nobody.here', password: 'wrong-password', address: '10.0.0.2' });
		expect(wrong?.code).toBe('error_login_failed');
		expect(unknown?.code).toBe('error_login_failed');
	});

	it('repeated wrong passwords for one account are refused for a while, even with the right password, with the minutes to wait', async () => {
		for (let i = 0; i < throttle.ACCOUNT_LIMIT; i++) {
			const e = await loginError({ username: 'batken.oblast', password: 'guess-' + i, address: `10.1.0.${i}` });
			expect(e?.code).toBe('error_login_failed');
		}
		const blocked = await loginError({ username: 'batken.oblast', password: DEMO_PASSWORD, address: '10.1.0.99' });
		expect(blocked?.code).toBe('error_login_throttled');
		expect(blocked?.status).toBe(429);
		expect(blocked?.params.minutes).toBeGreaterThanOrEqual(1);
		expect(blocked?.params.minutes).toBeLessThanOrEqual(throttle.WINDOW_MINUTES);
		// another account is not affected
		expect(await users.login(sql, { username: 'akturpak.staff', password: DEMO_PASSWORD, address: '10.1.0.99' })).toBe(staff.id);
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
		const [oblast] = await sql<{ id: number }[]>`select id from app_user where username = 'batken.oblast'`;
		expect(await users.login(sql, { username: 'batken.oblast', password: DEMO_PASSWORD, address: '10.1.0.99' })).toBe(oblast.id);
	});

	it('one address trying many accounts is refused too', async () => {
		for (let i = 0; i < throttle.ADDRESS_LIMIT; i++) {
			await loginError({ username: `spray${i}`, password: 'x-wrong', address: '192.0.2.7' });
		}
		const e = await loginError({ username: 'akturpak.staff', password: DEMO_PASSWORD, address: '192.0.2.7' });
		expect(e?.code).toBe('error_login_throttled');
	});
});
