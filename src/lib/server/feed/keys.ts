import type { Sql } from '../db';
import { DomainError } from '../errors';
import { newSecret } from './sign';

const KEY_ID = /^[A-Za-z0-9._-]{1,100}$/;

export interface SenderKey {
	id: number;
	keyId: string;
	label: string;
	createdAt: Date;
	revokedAt: Date | null;
}

export interface Endpoint {
	id: number;
	url: string;
	keyId: string;
	active: boolean;
	createdAt: Date;
}

/** A key another instance signs with when it sends here. The secret is returned this once. */
export async function createSenderKey(
	sql: Sql,
	keyId: string,
	label = '',
	secret = newSecret()
): Promise<{ id: number; keyId: string; secret: string }> {
	if (!KEY_ID.test(keyId)) throw new DomainError('feed_error_key_id', 400, {}, 'keyId');
	const [row] = await sql<{ id: number }[]>`
		insert into feed_sender_key (key_id, secret, label) values (${keyId}, ${secret}, ${label.trim()})
		on conflict (key_id) do nothing returning id`;
	if (!row) throw new DomainError('feed_error_key_taken', 409, {}, 'keyId');
	return { id: row.id, keyId, secret };
}

/** Revokes a key: its next request is refused. An unknown key is not found. */
export async function revokeSenderKey(sql: Sql, id: number): Promise<void> {
	const [row] = await sql`select 1 from feed_sender_key where id = ${id}`;
	if (!row) throw new DomainError('error_not_found', 404);
	await sql`update feed_sender_key set revoked_at = now() where id = ${id} and revoked_at is null`;
}

export async function listSenderKeys(sql: Sql): Promise<SenderKey[]> {
	return sql<SenderKey[]>`
		select id, key_id, label, created_at, revoked_at from feed_sender_key order by revoked_at nulls first, key_id`;
}

/** What is wrong with a receiver's address, key id and secret: a message key per field, empty when nothing. */
export function endpointProblems(input: {
	url: string;
	keyId: string;
	secret: string;
}): Partial<Record<'url' | 'keyId' | 'secret', string>> {
	const problems: Partial<Record<'url' | 'keyId' | 'secret', string>> = {};
	const url = input.url.trim();
	if (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 2000) problems.url = 'feed_error_url';
	if (!KEY_ID.test(input.keyId.trim())) problems.keyId = 'feed_error_key_id';
	if (input.secret.length < 16 || input.secret.length > 200) problems.secret = 'feed_error_secret';
	return problems;
}

/** Where this instance sends its feed: a URL, the key id the receiver gave, and its shared secret. */
export async function addEndpoint(
	sql: Sql,
	input: { url: string; keyId: string; secret: string }
): Promise<number> {
	const [field, code] = Object.entries(endpointProblems(input))[0] ?? [];
	if (field) throw new DomainError(code!, 400, {}, field);
	const url = input.url.trim();
	const row = (
		await sql<{ id: number }[]>`
		insert into feed_endpoint (url, key_id, secret) values (${url}, ${input.keyId.trim()}, ${input.secret})
		returning id`
	)[0]!;
	return row.id;
}

/** An inactive endpoint gets no new deliveries; those already queued still go. An unknown one is not found. */
export async function setEndpointActive(sql: Sql, id: number, active: boolean): Promise<void> {
	const rows = await sql`update feed_endpoint set active = ${active} where id = ${id} returning id`;
	if (!rows.length) throw new DomainError('error_not_found', 404);
}

export async function listEndpoints(sql: Sql): Promise<Endpoint[]> {
	return sql<Endpoint[]>`select id, url, key_id, active, created_at from feed_endpoint order by id`;
}

export interface DeliveryRow {
	id: number;
	kind: string;
	contentHash: string;
	state: string;
	lastError: string | null;
	url: string;
	createdAt: Date;
	deliveredAt: Date | null;
	attempts: number;
}

/** The latest deliveries, dead ones first, with how many attempts each took. */
export async function listDeliveries(sql: Sql, limit = 50): Promise<DeliveryRow[]> {
	return sql<DeliveryRow[]>`
		select d.id, d.kind, d.content_hash, d.state, d.last_error, e.url, d.created_at, d.delivered_at,
			(select count(*)::int from feed_attempt a where a.delivery_id = d.id) as attempts
		from feed_delivery d join feed_endpoint e on e.id = d.endpoint_id
		order by d.state = 'dead' desc, d.id desc
		limit ${limit}`;
}

export interface Attempt {
	deliveryId: number;
	at: Date;
	httpStatus: number | null;
	durationMs: number;
	error: string | null;
}

/** The attempts of the given deliveries, oldest first. */
export async function listAttempts(sql: Sql, deliveryIds: number[]): Promise<Attempt[]> {
	if (!deliveryIds.length) return [];
	return sql<Attempt[]>`
		select delivery_id, at, http_status, duration_ms, error from feed_attempt
		where delivery_id = any(${deliveryIds}::bigint[]) order by delivery_id, at, id`;
}
