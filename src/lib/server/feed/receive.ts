import { transaction, type Sql } from '../db';
import { recordDocument } from '../monitoring/figures';
import { documentHash, type FeedDocument } from './document';
import { feedProblems } from './schema';
import { parseSignatureHeader, verifySignature } from './sign';

/** An import summary in DHIS2's manner. */
export interface ImportSummary {
	status: 'OK' | 'ERROR';
	imported: number;
	updated: number;
	ignored: number;
	conflicts: { object: string; value: string }[];
	/** The content hash of the document, its identity on both sides. */
	reference?: string;
}

export interface Received {
	httpStatus: 200 | 400 | 401;
	summary: ImportSummary;
}

const refused = (httpStatus: 400 | 401, object: string, value: string): Received => ({
	httpStatus,
	summary: { status: 'ERROR', imported: 0, updated: 0, ignored: 1, conflicts: [{ object, value }] }
});

// one answer for every authentication failure, so a caller learns nothing about which keys exist
const unauthenticated = () =>
	refused(401, 'signature', 'missing, unknown or revoked key, bad signature or stale timestamp');

/**
 * `POST /api/v1/feed`: checks the sender's key and signature over the raw body, validates the
 * document against `feed-v1.schema.json` and stores it once per (sender, content hash); a second
 * delivery of the same document is ignored. A dry run answers the same summary and stores nothing.
 */
export async function receiveFeed(
	sql: Sql,
	input: { body: string; signature: string | null; dryRun?: boolean; now?: number }
): Promise<Received> {
	const parsed = parseSignatureHeader(input.signature);
	if (!parsed) return unauthenticated();
	const [key] = await sql<{ id: number; secret: string }[]>`
		select id, secret from feed_sender_key where key_id = ${parsed.keyId} and revoked_at is null`;
	if (!key || !verifySignature(key.secret, parsed, input.body, input.now)) return unauthenticated();
	let document: unknown;
	try {
		document = JSON.parse(input.body);
	} catch {
		return refused(400, 'document', 'the body is not JSON');
	}
	const problems = feedProblems(document);
	if (problems.length)
		return {
			httpStatus: 400,
			summary: {
				status: 'ERROR',
				imported: 0,
				updated: 0,
				ignored: 1,
				conflicts: problems.map((value) => ({ object: 'document', value }))
			}
		};
	const doc = document as FeedDocument;
	const hash = documentHash(doc);
	const ok = (imported: number): Received => ({
		httpStatus: 200,
		summary: {
			status: 'OK',
			imported,
			updated: 0,
			ignored: 1 - imported,
			conflicts: [],
			reference: hash
		}
	});
	if (input.dryRun) {
		const [seen] = await sql`
			select 1 from feed_received where sender_key_id = ${key.id} and content_hash = ${hash}`;
		return ok(seen ? 0 : 1);
	}
	// stored once, and counted in the oblast and national figures in the same transaction
	const imported = await transaction(sql, async (tx) => {
		const [stored] = await tx<{ id: number }[]>`
			insert into feed_received (sender_key_id, content_hash, instance, municipality_soate, oblast_code,
				kind, plan_id, period, document)
			values (${key.id}, ${hash}, ${doc.instance}, ${doc.municipality.soate}, ${doc.municipality.oblastCode},
				${doc.kind}, ${doc.plan.id}, ${doc.report?.period ?? null}, ${tx.json(doc as never)})
			on conflict (sender_key_id, content_hash) do nothing
			returning id`;
		if (stored) await recordDocument(tx, doc, { origin: 'feed', receivedId: stored.id });
		return stored ? 1 : 0;
	});
	return ok(imported);
}
