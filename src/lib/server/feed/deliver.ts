import type { Job, PgBoss, SendOptions } from 'pg-boss';
import { transaction, type Sql } from '../db';
import { DomainError } from '../errors';
import { sendInTransaction } from '../jobs';
import { recordDocument } from '../monitoring/figures';
import { buildDocument, documentHash, type FeedDocument } from './document';
import { feedProblems } from './schema';
import { SIGNATURE_HEADER, signatureHeader } from './sign';

/** Tries before a delivery is dead-lettered: the first and RETRY_LIMIT retries, 10 s, 20 s, 40 s … apart (at most an hour). */
export const RETRY_LIMIT = 10;
const REQUEST_TIMEOUT_MS = 20_000;
/** A whole number of seconds (1 to 9999) from the environment, kept within bounds; else the default. */
function secondsFromEnv(
	name: string,
	fallback: number,
	bounds: { min?: number; max?: number } = {}
) {
	const value = process.env[name] ?? '';
	if (!/^[1-9]\d{0,3}$/.test(value)) return fallback;
	return Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? 1, Number(value)));
}

/**
 * The first retry's delay in seconds, doubled for each next one. FEED_RETRY_DELAY_SECONDS shortens
 * it where waiting 10 s is pointless: the end-to-end tests set 1. It is read where a delivery is
 * queued, since pg-boss keeps the delays with the job.
 */
const RETRY_DELAY_SECONDS = secondsFromEnv('FEED_RETRY_DELAY_SECONDS', 10);

/**
 * The longest delay between two retries, in seconds: an hour. FEED_RETRY_DELAY_MAX_SECONDS lowers it
 * where a test brings a receiver back and must not wait for the doubling to reach minutes: the feed
 * end-to-end test sets 16, so a receiver down for up to a minute and a half still gets its
 * deliveries, at most 16 s after it is back.
 */
const RETRY_DELAY_MAX_SECONDS = secondsFromEnv('FEED_RETRY_DELAY_MAX_SECONDS', 3600, { max: 3600 });

/**
 * How long a delivery may stay active before pg-boss counts it failed and retries it: a job
 * process killed mid-delivery leaves its job active. Above the request timeout; FEED_EXPIRE_SECONDS
 * (at least 25) shortens it for the end-to-end tests.
 */
const EXPIRE_SECONDS = secondsFromEnv('FEED_EXPIRE_SECONDS', 60, { min: 25 });

export const DELIVERY_OPTIONS: SendOptions = {
	retryLimit: RETRY_LIMIT,
	retryDelay: RETRY_DELAY_SECONDS,
	retryBackoff: true,
	retryDelayMax: RETRY_DELAY_MAX_SECONDS,
	expireInSeconds: EXPIRE_SECONDS
};

export interface DeliveryJob {
	deliveryId: number;
}

/**
 * Builds the document of an approved plan (or a submitted report), records its monitoring figures
 * and queues one delivery per active endpoint, all in the caller's transaction: the state change,
 * the document, the figures and the deliveries commit together or not at all. Without a queue
 * (some tests) only the figures are recorded.
 */
export async function enqueueFeed(
	tx: Sql,
	boss: PgBoss | undefined,
	ref: { planId: number; reportId?: number }
): Promise<void> {
	const document = await buildDocument(tx, ref);
	const problems = feedProblems(document);
	if (problems.length) throw new Error(`feed: the document is invalid: ${problems.join('; ')}`);
	await recordDocument(tx, document, { origin: 'local' });
	if (!boss) return;
	const hash = documentHash(document);
	// buildDocument read this plan above (it throws when there is none)
	const { municipalityId } = (
		await tx<{ municipalityId: number }[]>`
		select municipality_id from local_plan where id = ${ref.planId}`
	)[0]!;
	const deliveries = await tx<{ id: number }[]>`
		insert into feed_delivery (municipality_id, endpoint_id, content_hash, kind, document)
		select ${municipalityId}, e.id, ${hash}, ${document.kind}, ${tx.json(document as never)}
		from feed_endpoint e where e.active
		on conflict (endpoint_id, content_hash) do nothing
		returning id`;
	for (const d of deliveries)
		await sendInTransaction(boss, tx, 'feed.deliver', { deliveryId: d.id }, DELIVERY_OPTIONS);
}

/** The `feed.deliver` handler: one job per (document, endpoint), so one endpoint's failure never resends to another. */
export async function deliverJobs(sql: Sql, jobs: Job<object>[]): Promise<void> {
	for (const job of jobs) await deliver(sql, (job.data as DeliveryJob).deliveryId, job.retryCount);
}

/**
 * Posts the document, signed, with its content hash as the idempotency key, and logs the attempt.
 * A refusal or a network error throws, so pg-boss retries it with backoff; the last failure marks
 * the delivery dead instead, where the admin sees it and can send it again.
 */
export async function deliver(sql: Sql, deliveryId: number, retryCount: number): Promise<void> {
	const [d] = await sql<
		{
			state: string;
			municipalityId: number;
			contentHash: string;
			document: FeedDocument;
			url: string;
			keyId: string;
			secret: string;
		}[]
	>`
		select d.state, d.municipality_id, d.content_hash, d.document, e.url, e.key_id, e.secret
		from feed_delivery d join feed_endpoint e on e.id = d.endpoint_id
		where d.id = ${deliveryId}`;
	if (!d || d.state !== 'pending') return;
	const body = JSON.stringify(d.document);
	const started = performance.now();
	let status: number | null = null;
	let error: string | null = null;
	try {
		const response = await fetch(d.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': d.contentHash,
				[SIGNATURE_HEADER]: signatureHeader(d.keyId, d.secret, body)
			},
			body,
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
			redirect: 'error'
		});
		status = response.status;
		const text = await response.text();
		if (!response.ok) error = `HTTP ${status}: ${text.slice(0, 500)}`;
	} catch (e) {
		error = (e as Error).message || String(e);
	}
	const durationMs = Math.round(performance.now() - started);
	await sql`
		insert into feed_attempt (delivery_id, municipality_id, http_status, duration_ms, error)
		values (${deliveryId}, ${d.municipalityId}, ${status}, ${durationMs}, ${error})`;
	if (!error) {
		await sql`
			update feed_delivery set state = 'delivered', delivered_at = now(), last_error = null
			where id = ${deliveryId} and state = 'pending'`;
		return;
	}
	const last = retryCount >= RETRY_LIMIT;
	await sql`
		update feed_delivery set last_error = ${error}, state = ${last ? 'dead' : 'pending'}
		where id = ${deliveryId} and state = 'pending'`;
	if (!last) throw new Error(`feed delivery ${deliveryId}: ${error}`);
}

/** "Send again": a dead delivery is pending again and queued afresh. */
export async function sendAgain(sql: Sql, boss: PgBoss, deliveryId: number): Promise<boolean> {
	return transaction(sql, async (tx) => {
		const [d] = await tx<{ state: string }[]>`
			select state from feed_delivery where id = ${deliveryId} for update`;
		if (!d) throw new DomainError('error_not_found', 404);
		if (d.state !== 'dead') return false;
		await tx`update feed_delivery set state = 'pending' where id = ${deliveryId}`;
		await sendInTransaction(boss, tx, 'feed.deliver', { deliveryId }, DELIVERY_OPTIONS);
		return true;
	});
}
