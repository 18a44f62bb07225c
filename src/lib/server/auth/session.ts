import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Sql } from '../db';
import { transaction } from '../db';
import { loadSessionActor, type Actor } from './actor';

/** Sessions the Lucia way: a random token in the cookie, only its SHA-256 in the database, sliding expiry. */

export const SESSION_COOKIE = 'aiyl_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_BEFORE_MS = 15 * DAY_MS;

export interface Session {
	id: string;
	userId: number;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The token's SHA-256 in hex, as the session table keeps it (Node's native hash: a fourth of the pure-JS one's time on every signed-in request). */
export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(sql: Sql, token: string, userId: number): Promise<Session> {
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await sql`insert into session (id, user_id, expires_at) values (${session.id}, ${userId}, ${session.expiresAt})`;
	return session;
}

/** The session a cookie token stands for, extended when half its life is gone; null when unknown, expired or the user is disabled. */
export async function validateSessionToken(sql: Sql, token: string): Promise<Session | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sessionIdOf(token);
	const [row] = await sql<{ id: string; userId: number; expiresAt: Date; isActive: boolean }[]>`
		select s.id, s.user_id, s.expires_at, u.is_active
		from session s join app_user u on u.id = s.user_id
		where s.id = ${id}`;
	if (!row) return null;
	if (!row.isActive || Date.now() >= row.expiresAt.getTime()) {
		await sql`delete from session where id = ${id}`;
		return null;
	}
	const session: Session = { id: row.id, userId: Number(row.userId), expiresAt: row.expiresAt };
	if (Date.now() >= session.expiresAt.getTime() - RENEW_BEFORE_MS) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
		await sql`update session set expires_at = ${session.expiresAt} where id = ${id}`;
	}
	return session;
}

/**
 * `validateSessionToken` and `loadActor` in one query, for every signed-in request: the session, its
 * user as an actor and the unread notification count, and whether the expiry was just extended (then
 * the cookie is written again); null when unknown, expired or the user is disabled.
 */
export async function validateSessionWithActor(
	sql: Sql,
	token: string
): Promise<{
	session: Session;
	actor: Actor;
	unread: number;
	lowVision: boolean;
	renewed: boolean;
} | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sessionIdOf(token);
	const row = await loadSessionActor(sql, id);
	if (!row) return null;
	if (!row.isActive || Date.now() >= row.expiresAt.getTime()) {
		await sql`delete from session where id = ${id}`;
		return null;
	}
	const session: Session = { id: row.sessionId, userId: row.userId, expiresAt: row.expiresAt };
	const renewed = Date.now() >= session.expiresAt.getTime() - RENEW_BEFORE_MS;
	if (renewed) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
		await sql`update session set expires_at = ${session.expiresAt} where id = ${id}`;
	}
	return { session, actor: row.actor, unread: row.unread, lowVision: row.lowVision, renewed };
}

/** Ends the session the browser came with (if any) and starts a new one for the user who just proved who they are. */
export async function rotateSession(
	sql: Sql,
	userId: number,
	previousToken: string | null
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session = await transaction(sql, async (tx) => {
		if (previousToken) await invalidateSession(tx, sessionIdOf(previousToken));
		return createSession(tx, token, userId);
	});
	return { token, session };
}

export async function invalidateSession(sql: Sql, sessionId: string): Promise<void> {
	await sql`delete from session where id = ${sessionId}`;
}

/** Ends every session of a user, e.g. after a password reset. */
export async function invalidateUserSessions(
	sql: Sql,
	userId: number,
	exceptSessionId?: string
): Promise<void> {
	await sql`delete from session where user_id = ${userId} and id <> ${exceptSessionId ?? ''}`;
}

export async function deleteExpiredSessions(sql: Sql): Promise<number> {
	const rows = await sql`delete from session where expires_at < now() returning id`;
	return rows.length;
}

function cookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
}

/** Writes the session cookie; the one place its options live. */
export function setSessionCookie(
	event: { cookies: Cookies; url: URL },
	token: string,
	expiresAt: Date
): void {
	event.cookies.set(SESSION_COOKIE, token, { ...cookieOptions(event.url), expires: expiresAt });
}

/** Drops the session cookie, with the same options it was written with (a browser ignores a mismatched delete). */
export function deleteSessionCookie(event: { cookies: Cookies; url: URL }): void {
	event.cookies.delete(SESSION_COOKIE, cookieOptions(event.url));
}
