import type { Sql } from '../db';
import { verifyPassword, hashPassword } from '../auth/password';
import * as throttle from '../auth/throttle';
import { DomainError } from '../errors';

// Verifying against a fixed hash when the user does not exist keeps the response time the same, so names cannot be probed.
let dummyHash: Promise<string> | null = null;

/** Checks credentials with per-account and per-address throttling; returns the user id or throws the reason to show. */
export async function login(sql: Sql, input: { username: string; password: string; address: string }): Promise<number> {
	const username = input.username.trim().toLowerCase();
	if (!username || !input.password) throw new DomainError('error_login_required');
	const state = await throttle.check(sql, username, input.address);
	if (state.blocked) throw new DomainError('error_login_throttled', 429, { minutes: state.retryAfterMinutes });
	const [user] = await sql<{ id: number; passwordHash: string; isActive: boolean }[]>`
		select id, password_hash, is_active from app_user where username = ${username}`;
	dummyHash ??= hashPassword('not-a-real-password-but-long-enough');
	const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	const succeeded = !!user && ok && user.isActive;
	await throttle.record(sql, username, input.address, succeeded);
	if (!succeeded) throw new DomainError('error_login_failed');
	return user.id;
}
