import type { Sql } from '../db';

/** Login throttling per account and per address, counted in PostgreSQL so it holds across restarts and app servers. */

export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_MINUTES = 15;

export interface ThrottleState {
	blocked: boolean;
	/** Whole minutes until the next attempt is allowed (at least 1 when blocked). */
	retryAfterMinutes: number;
}

/** Whether a login for this account from this address must be refused now. Failures count since the account's last success. */
export async function check(sql: Sql, username: string, address: string): Promise<ThrottleState> {
	const [row] = await sql<{ accountUntil: Date | null; addressUntil: Date | null }[]>`
		with account_failures as (
			select at from login_attempt
			where username = ${username} and not succeeded
				and at > now() - make_interval(mins => ${WINDOW_MINUTES})
				and at > coalesce((select max(at) from login_attempt where username = ${username} and succeeded), '-infinity')
			order by at desc limit ${ACCOUNT_LIMIT}
		), address_failures as (
			select at from login_attempt
			where address = ${address} and not succeeded
				and at > now() - make_interval(mins => ${WINDOW_MINUTES})
			order by at desc limit ${ADDRESS_LIMIT}
		)
		select
			case when (select count(*) from account_failures) >= ${ACCOUNT_LIMIT}
				then (select min(at) from account_failures) + make_interval(mins => ${WINDOW_MINUTES}) end as account_until,
			case when (select count(*) from address_failures) >= ${ADDRESS_LIMIT}
				then (select min(at) from address_failures) + make_interval(mins => ${WINDOW_MINUTES}) end as address_until`;
	const until = [row.accountUntil, row.addressUntil]
		.filter((d): d is Date => d !== null)
		.map((d) => d.getTime());
	if (until.length === 0) return { blocked: false, retryAfterMinutes: 0 };
	const ms = Math.max(...until) - Date.now();
	if (ms <= 0) return { blocked: false, retryAfterMinutes: 0 };
	return { blocked: true, retryAfterMinutes: Math.max(1, Math.ceil(ms / 60_000)) };
}

export async function record(sql: Sql, username: string, address: string, succeeded: boolean): Promise<void> {
	await sql`insert into login_attempt (username, address, succeeded) values (${username}, ${address}, ${succeeded})`;
}

export async function deleteOldAttempts(sql: Sql): Promise<number> {
	const rows = await sql`delete from login_attempt where at < now() - interval '30 days' returning id`;
	return rows.length;
}
