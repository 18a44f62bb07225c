import type { Sql } from '../db';
import { verifyPassword, hashPassword } from '../auth/password';
import { rotateSession, type Session } from '../auth/session';
import * as throttle from '../auth/throttle';
import { DomainError } from '../errors';

// Verifying against a fixed hash when the user does not exist keeps the response time the same, so names cannot be probed.
let dummyHash: Promise<string> | null = null;

export interface LoginInput {
	username: string;
	password: string;
	address: string;
}

/** Checks credentials with per-account and per-address throttling; returns the user id or throws the reason to show. */
export async function login(sql: Sql, input: LoginInput): Promise<number> {
	const username = input.username.trim().toLowerCase();
	if (!username || !input.password) throw new DomainError('error_login_required');
	dummyHash ??= hashPassword('not-a-real-password-but-long-enough');
	const fallbackHash = await dummyHash;
	const result = await throttle.guarded(sql, { username, address: input.address }, async (tx) => {
		const [user] = await tx<{ id: number; passwordHash: string; isActive: boolean }[]>`
			select id, password_hash, is_active
			from app_user
			where username = ${username}`;
		const ok = await verifyPassword(user?.passwordHash ?? fallbackHash, input.password);
		return user && ok && user.isActive ? user.id : null;
	});
	if (result.ok) return result.value;
	if (result.blocked) throw throttle.refusal(result.blocked);
	throw new DomainError('error_login_failed');
}

/**
 * Signs in: checks the credentials, ends the session the browser came with (if any, whoever's it
 * was) and starts a new one, so a session token planted before login is worth nothing after it.
 */
export async function signIn(
	sql: Sql,
	input: LoginInput & { previousToken?: string | null }
): Promise<{ userId: number; token: string; session: Session }> {
	const userId = await login(sql, input);
	const { token, session } = await rotateSession(sql, userId, input.previousToken ?? null);
	return { userId, token, session };
}
