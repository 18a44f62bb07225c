/**
 * The low-vision mode (large text, high contrast; DESIGN.md's accessibility, as the ministry's own
 * site offers): remembered by the browser in a cookie, and for a signed-in user on the account too,
 * so it follows them to another browser.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Sql } from './db';

export const LOW_VISION_COOKIE = 'low_vision';
const YEAR_S = 365 * 24 * 3600;

/** The browser's own choice wins (it is the latest one made here); without one, the account's. */
export function lowVisionOf(cookie: string | undefined, account: boolean | null): boolean {
	if (cookie === '1') return true;
	if (cookie === '0') return false;
	return account ?? false;
}

/** Turns the mode on or off for this browser and, when someone is signed in, for their account. */
export async function setLowVision(
	sql: Sql,
	cookies: Cookies,
	userId: number | null,
	on: boolean
): Promise<void> {
	// no script reads it: the server sets the class on <html>
	cookies.set(LOW_VISION_COOKIE, on ? '1' : '0', {
		path: '/',
		maxAge: YEAR_S,
		httpOnly: true,
		sameSite: 'lax'
	});
	if (userId !== null)
		await sql`update app_user set low_vision = ${on}, updated_at = now() where id = ${userId}`;
}

/** Where to return after the switch: a path of this site, never another one (`//evil`, `https:`). */
export function returnPath(value: unknown): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
	if (value.includes('\\')) return '/';
	return value;
}
