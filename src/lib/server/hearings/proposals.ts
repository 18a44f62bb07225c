import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db';
import { transaction } from '../db';
import { DomainError } from '../errors';
import { hearingRef } from './hearings';
import {
	LIMITS,
	MIN_FILL_SECONDS,
	PROPOSAL_LIMIT,
	PROPOSAL_WINDOW_MINUTES
} from '../../hearings/vocabulary';

// Advisory-lock class of the proposal rate limit (the login throttle uses 7301–7302).
const PROPOSAL_LOCK = 7311;
/** A form older than this is refused (the page is reloaded for a new one). */
const TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Rate-limit rows are deleted after a day: the address hash is kept no longer. */
const THROTTLE_KEEP_HOURS = 24;

async function secret(sql: Sql): Promise<string> {
	// the one row migration 0032 inserts
	const row = (await sql<{ secret: string }[]>`select secret from hearing_form_key`)[0]!;
	return row.secret;
}

const sign = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/**
 * The signed token the public form carries: when it was shown and for which hearing. Sending it
 * sooner than MIN_FILL_SECONDS after, or with another hearing's token, is refused; no script and
 * no third party is needed.
 */
export async function formToken(sql: Sql, hearingId: number, now = Date.now()): Promise<string> {
	return `${now}.${sign(await secret(sql), `${hearingId}.${now}`)}`;
}

function tokenAge(key: string, hearingId: number, token: string, now: number): number | null {
	const m = /^(\d{13})\.([0-9a-f]{64})$/.exec(token);
	if (!m) return null;
	const expected = Buffer.from(sign(key, `${hearingId}.${m[1]}`), 'hex');
	if (!timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'))) return null;
	return now - Number(m[1]);
}

export interface ProposalInput {
	authorName: string;
	body: string;
	/** the form's token (`formToken`) */
	token: string;
	/** the field people never see; whatever fills it is a bot */
	honeypot: string;
	/** the sender's address, for the rate limit (kept only as a keyed hash, for a day) */
	address: string;
}

/**
 * Takes a written proposal from anyone during the hearing's proposal period. It is stored as
 * pending: nothing is shown publicly before staff publish it. At most PROPOSAL_LIMIT proposals per
 * address in PROPOSAL_WINDOW_MINUTES: the address's advisory lock is held while counting and
 * writing, so parallel sends queue and each counts the ones before it.
 */
export async function propose(
	sql: Sql,
	hearingId: number,
	input: ProposalInput,
	now = Date.now()
): Promise<number> {
	const body = input.body.trim();
	const authorName = input.authorName.trim();
	if (!body) throw new DomainError('form_required', 400, {}, 'body');
	if (body.length > LIMITS.body)
		throw new DomainError('form_too_long', 400, { max: LIMITS.body, count: body.length }, 'body');
	if (authorName.length > LIMITS.authorName)
		throw new DomainError(
			'form_too_long',
			400,
			{ max: LIMITS.authorName, count: authorName.length },
			'authorName'
		);
	const key = await secret(sql);
	if (input.honeypot !== '') throw new DomainError('hearing_error_spam', 400);
	const age = tokenAge(key, hearingId, input.token, now);
	if (age === null || age > TOKEN_MAX_AGE_MS) throw new DomainError('hearing_error_token', 400);
	if (age < MIN_FILL_SECONDS * 1000)
		throw new DomainError('hearing_error_too_fast', 400, { seconds: MIN_FILL_SECONDS });
	const addressHash = sign(key, `address.${input.address}`);
	return transaction(sql, async (tx) => {
		const hearing = await hearingRef(tx, hearingId);
		if (!hearing.open) throw new DomainError('hearing_error_closed', 409);
		await tx`select pg_advisory_xact_lock(${PROPOSAL_LOCK}::int, hashtext(${addressHash}))`;
		const { sent } = (
			await tx<{ sent: number }[]>`
			select count(*)::int as sent
			from hearing_throttle
			where address_hash = ${addressHash}
				and at > clock_timestamp() - make_interval(mins => ${PROPOSAL_WINDOW_MINUTES})`
		)[0]!;
		if (sent >= PROPOSAL_LIMIT)
			throw new DomainError('hearing_error_rate', 429, { minutes: PROPOSAL_WINDOW_MINUTES });
		await tx`
			delete from hearing_throttle
			where at < clock_timestamp() - make_interval(hours => ${THROTTLE_KEEP_HOURS})`;
		await tx`insert into hearing_throttle (address_hash) values (${addressHash})`;
		const row = (
			await tx<{ id: number }[]>`
			insert into hearing_proposal (hearing_id, municipality_id, author_name, body)
			values (${hearingId}, ${hearing.municipalityId}, ${authorName || null}, ${body})
			returning id`
		)[0]!;
		return Number(row.id);
	});
}

/** Deletes rate-limit rows older than a day (the daily cleanup; a new proposal deletes them too). */
export async function deleteOldThrottle(sql: Sql): Promise<number> {
	const rows = await sql`
		delete from hearing_throttle
		where at < now() - make_interval(hours => ${THROTTLE_KEEP_HOURS})
		returning 1`;
	return rows.length;
}
