import type { Sql } from '../db';
import { transaction } from '../db';
import { DomainError } from '../errors';

/**
 * Password-guess throttling per account and per address, counted in PostgreSQL so it holds across
 * restarts and app servers. Login and password change share the same counters.
 */

export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MINUTES = 15;

// Advisory-lock classes (the first key of the two-key form), so these locks meet no other lock in the database.
const ACCOUNT_LOCK = 7301;
const ADDRESS_LOCK = 7302;

export interface ThrottleState {
	blocked: boolean;
	/** Which limit refuses: the account's (an admin can lift it) or the address's. */
	limit: 'account' | 'address' | null;
	/** Whole minutes until the next attempt is allowed (at least 1 when blocked). */
	retryAfterMinutes: number;
}

export interface ThrottleKey {
	username: string;
	address: string;
}

/** When the account's and the address's locks end (null: not locked, or already over). */
async function lockEnds(
	sql: Sql,
	username: string,
	address: string
): Promise<{ account: Date | null; address: Date | null }> {
	const row = (
		await sql<{ accountUntil: Date | null; addressUntil: Date | null }[]>`
		with account_failures as (
			select at
			from login_attempt
			where username = ${username}
				and not succeeded
				and cleared_at is null
				and at > clock_timestamp() - make_interval(mins => ${WINDOW_MINUTES})
				and at > coalesce(
					(select max(at) from login_attempt where username = ${username} and succeeded),
					'-infinity')
			order by at desc
			limit ${ACCOUNT_LIMIT}
		), address_failures as (
			select at
			from login_attempt
			where address = ${address}
				and not succeeded
				and at > clock_timestamp() - make_interval(mins => ${WINDOW_MINUTES})
			order by at desc
			limit ${ADDRESS_LIMIT}
		)
		select
			case when (select count(*) from account_failures) >= ${ACCOUNT_LIMIT}
				then (select min(at) from account_failures) + make_interval(mins => ${WINDOW_MINUTES})
			end as account_until,
			case when (select count(*) from address_failures) >= ${ADDRESS_LIMIT}
				then (select min(at) from address_failures) + make_interval(mins => ${WINDOW_MINUTES})
			end as address_until`
	)[0]!;
	const now = Date.now();
	const future = (d: Date | null) => (d && d.getTime() > now ? d : null);
	return { account: future(row.accountUntil), address: future(row.addressUntil) };
}

/**
 * Whether a password attempt for this account from this address must be refused now. Account
 * failures count since the account's last success and leave out those an admin cleared.
 */
export async function check(sql: Sql, username: string, address: string): Promise<ThrottleState> {
	const ends = await lockEnds(sql, username, address);
	if (!ends.account && !ends.address) return { blocked: false, limit: null, retryAfterMinutes: 0 };
	const ms = Math.max(ends.account?.getTime() ?? 0, ends.address?.getTime() ?? 0) - Date.now();
	// an admin cannot lift the address limit, so that is the one to name when both hold
	const limit = ends.address ? 'address' : 'account';
	return { blocked: true, limit, retryAfterMinutes: Math.max(1, Math.ceil(ms / 60_000)) };
}

/** Records an attempt at the time it was judged (not when its transaction began, which may be before a queue). */
export async function record(
	sql: Sql,
	username: string,
	address: string,
	succeeded: boolean
): Promise<void> {
	await sql`
		insert into login_attempt (username, address, succeeded, at)
		values (${username}, ${address}, ${succeeded}, clock_timestamp())`;
}

/** The refusal to show for a blocked attempt, in the user's words. */
export function refusal(state: ThrottleState): DomainError {
	const code = state.limit === 'address' ? 'error_login_throttled' : 'error_login_locked';
	return new DomainError(code, 429, { minutes: state.retryAfterMinutes });
}

export type Guarded<T> = { ok: true; value: T } | { ok: false; blocked: ThrottleState | null };

/**
 * Checks the limits, verifies the password and records the attempt as one step. The account's and
 * the address's advisory locks are held in one transaction (always account first, so two attempts
 * never wait on each other in a circle), so parallel guesses queue and each one counts the ones
 * before it. `verify` returns a value on success and null on a wrong password; it runs inside the
 * transaction, so what it writes commits with the recorded success.
 */
export async function guarded<T>(
	sql: Sql,
	key: ThrottleKey,
	verify: (tx: Sql) => Promise<T | null>
): Promise<Guarded<T>> {
	return transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(${ACCOUNT_LOCK}::int, hashtext(${key.username}))`;
		await tx`select pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${key.address}))`;
		const state = await check(tx, key.username, key.address);
		if (state.blocked) return { ok: false as const, blocked: state };
		const value = await verify(tx);
		await record(tx, key.username, key.address, value !== null);
		return value === null ? { ok: false as const, blocked: null } : { ok: true as const, value };
	});
}

/** Until when failed attempts lock the account itself (the address limits aside), or null. */
export async function accountLockedUntil(sql: Sql, username: string): Promise<Date | null> {
	return (await lockEnds(sql, username, '')).account;
}

/** Lets the account try again at once: its failures so far no longer count against it (they still count against their addresses). */
export async function clearAccount(sql: Sql, username: string): Promise<number> {
	const rows = await sql`
		update login_attempt
		set cleared_at = now()
		where username = ${username}
			and not succeeded
			and cleared_at is null
		returning id`;
	return rows.length;
}

export async function deleteOldAttempts(sql: Sql): Promise<number> {
	const rows =
		await sql`delete from login_attempt where at < now() - interval '30 days' returning id`;
	return rows.length;
}
