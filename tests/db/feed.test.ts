import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import * as feed from '../../src/lib/server/feed';
import { startBoss } from '../../src/lib/server/jobs';
import { seedDemo } from '../../src/lib/server/demo';
import * as reports from '../../src/lib/server/reports';
import { actorOf, freshDb } from './helpers';

const { sql, url } = await freshDb();
const boss = await startBoss({ databaseUrl: url, sql, work: false });
afterAll(() => boss.stop({ graceful: false }));
// the demo: Kyshtut's plan approved (its feed queued), its 2025 report submitted
await seedDemo(sql, { boss });

const { planId } = (
	await sql<{ planId: number }[]>`
	select local_plan_id as plan_id from plan_approval order by local_plan_id limit 1`
)[0]!;
const { reportId } = (
	await sql<{ reportId: number }[]>`
	select id as report_id from report where state = 'submitted' and local_plan_id = ${planId} limit 1`
)[0]!;
const planDoc = await feed.buildDocument(sql, { planId });
const reportDoc = await feed.buildDocument(sql, { planId, reportId });
// every document this suite sends or accepts is checked against the schema where it is made
const documents: unknown[] = [planDoc, reportDoc];

const sender = await feed.createSenderKey(sql, 'kyshtut-test', 'Kyshtut');
const received = async () => (await sql`select id from feed_received`).length;
const post = (
	document: unknown,
	o: { keyId?: string; secret?: string; now?: number; tamper?: boolean; dryRun?: boolean } = {}
) => {
	const body = typeof document === 'string' ? document : JSON.stringify(document);
	if (typeof document !== 'string') documents.push(document);
	const header = feed.signatureHeader(
		o.keyId ?? sender.keyId,
		o.secret ?? sender.secret,
		body,
		o.now ?? Date.now()
	);
	return feed.receiveFeed(sql, {
		body: o.tamper ? body.replace('"plan"', '"plan" ') : body,
		signature: header,
		dryRun: o.dryRun
	});
};

describe('the feed document', () => {
	it('the JSON Schema is itself valid', () => {
		const ajv = new Ajv({ strict: true });
		expect(ajv.validateSchema(feed.FEED_V1_SCHEMA)).toBe(true);
	});

	it('an approved plan carries its municipality, decision, national measures, budget and the kenesh seat share', () => {
		expect(feed.feedProblems(planDoc)).toEqual([]);
		expect(planDoc).toMatchObject({
			format: 'aiyl-plan/feed@1',
			kind: 'plan',
			municipality: { soate: expect.stringMatching(/^417\d{11}$/) },
			plan: { id: planId, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }
		});
		expect(planDoc.municipality.oblastCode).toMatch(/^KG\d{2}$/);
		expect(planDoc.plan.decision.number.length).toBeGreaterThan(0);
		expect(planDoc.activities.some((a) => a.measure?.planKey && a.measure.catalogueVersion)).toBe(
			true
		);
		expect(planDoc.activities.flatMap((a) => a.budgetLines).length).toBeGreaterThan(0);
		expect(planDoc.kenesh.seats).toBeGreaterThan(0);
		expect(planDoc.kenesh.women).toBeLessThanOrEqual(planDoc.kenesh.seats);
		expect(planDoc.report).toBeUndefined();
	});

	it('a submitted report adds its status, spending and the actuals by breakdown', () => {
		expect(feed.feedProblems(reportDoc)).toEqual([]);
		expect(reportDoc.kind).toBe('report');
		expect(reportDoc.report).toMatchObject({ id: reportId, period: '2025', status: 'submitted' });
		// the demo report spent money, including 25 000 the plan did not foresee
		expect(Number(reportDoc.report!.spent)).toBeGreaterThanOrEqual(25000);
		expect(reportDoc.activities.every((a) => a.status)).toBe(true);
		expect(
			reportDoc.activities.flatMap((a) => a.indicators.flatMap((i) => i.actuals ?? [])).length
		).toBeGreaterThan(0);
		expect(feed.documentHash(reportDoc)).not.toBe(feed.documentHash(planDoc));
	});
});

describe('receiving', () => {
	it('stores a signed document once; a second delivery is ignored, never a second row', async () => {
		const first = await post(planDoc);
		expect(first).toEqual({
			httpStatus: 200,
			summary: {
				status: 'OK',
				imported: 1,
				updated: 0,
				ignored: 0,
				conflicts: [],
				reference: feed.documentHash(planDoc)
			}
		});
		const again = await post(planDoc);
		expect(again.summary).toMatchObject({ status: 'OK', imported: 0, ignored: 1 });
		const rows = await sql`select municipality_soate, kind, plan_id, period from feed_received`;
		expect(rows).toEqual([
			{ municipalitySoate: planDoc.municipality.soate, kind: 'plan', planId, period: null }
		]);
	});

	it('a dry run validates and answers the summary but stores nothing', async () => {
		const before = await received();
		expect((await post(reportDoc, { dryRun: true })).summary).toMatchObject({
			status: 'OK',
			imported: 1
		});
		expect(await received()).toBe(before);
	});

	it('tampered body, wrong secret, unknown key, revoked key, stale timestamp: refused 401, nothing stored', async () => {
		const before = await received();
		const revoked = await feed.createSenderKey(sql, 'revoked-test');
		await feed.revokeSenderKey(sql, revoked.id);
		const attempts = [
			await post(reportDoc, { tamper: true }),
			await post(reportDoc, { secret: 'not-the-secret-at-all' }),
			await post(reportDoc, { keyId: 'nobody', secret: sender.secret }),
			await post(reportDoc, { keyId: revoked.keyId, secret: revoked.secret }),
			await post(reportDoc, { now: Date.now() - 6 * 60_000 }),
			await post(reportDoc, { now: Date.now() + 6 * 60_000 }),
			await feed.receiveFeed(sql, { body: JSON.stringify(reportDoc), signature: null }),
			await feed.receiveFeed(sql, { body: JSON.stringify(reportDoc), signature: 'garbage' })
		];
		for (const a of attempts) {
			expect(a.httpStatus).toBe(401);
			expect(a.summary.status).toBe('ERROR');
		}
		expect(await received()).toBe(before);
	});

	it('malformed or schema-invalid documents: 400 with the reasons, nothing stored', async () => {
		const before = await received();
		const malformed = await post('{"format": ');
		expect(malformed.httpStatus).toBe(400);
		expect(malformed.summary.conflicts).toEqual([
			{ object: 'document', value: 'the body is not JSON' }
		]);
		const invalid = await feed.receiveFeed(sql, {
			body: JSON.stringify({ ...planDoc, format: 'aiyl-plan/feed@2', kenesh: { seats: -1 } }),
			signature: feed.signatureHeader(
				sender.keyId,
				sender.secret,
				JSON.stringify({ ...planDoc, format: 'aiyl-plan/feed@2', kenesh: { seats: -1 } })
			)
		});
		expect(invalid.httpStatus).toBe(400);
		const reasons = invalid.summary.conflicts.map((c) => c.value).join('\n');
		expect(reasons).toContain('/format');
		expect(reasons).toContain('/kenesh');
		expect(await received()).toBe(before);
	});
});

describe('delivering', () => {
	// a receiver on this same database (as the demo instance delivers to itself), over real HTTP
	const receiver: Server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const r = await feed.receiveFeed(sql, {
			body: Buffer.concat(chunks).toString('utf8'),
			signature: (req.headers[feed.SIGNATURE_HEADER] as string) ?? null
		});
		res.writeHead(r.httpStatus, { 'content-type': 'application/json' });
		res.end(JSON.stringify(r.summary));
	});
	afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

	it('delivers to every endpoint once; a retry after a lost answer stores no second copy; the attempts are logged', async () => {
		await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', () => done()));
		const port = (receiver.address() as AddressInfo).port;
		await sql`delete from feed_received`;
		await feed.addEndpoint(sql, {
			url: `http://127.0.0.1:${port}/api/v1/feed`,
			keyId: sender.keyId,
			secret: sender.secret
		});
		await sql.begin((tx) => feed.enqueueFeed(tx as never, boss, { planId, reportId }));
		const [d] = await sql<{ id: number; state: string }[]>`
			select id, state from feed_delivery where kind = 'report'`;
		expect(d!.state).toBe('pending');
		const [job] =
			await sql`select data from pgboss.job where name = 'feed.deliver' and data->>'deliveryId' = ${String(d!.id)}`;
		expect(job).toBeDefined();
		await feed.deliver(sql, d!.id, 0);
		// the worker died after the receiver stored it but before it recorded so: tried again
		await sql`update feed_delivery set state = 'pending' where id = ${d!.id}`;
		await feed.deliver(sql, d!.id, 1);
		expect(await sql`select kind, period from feed_received`).toEqual([
			{ kind: 'report', period: '2025' }
		]);
		const attempts =
			await sql`select http_status, duration_ms, error from feed_attempt where delivery_id = ${d!.id}`;
		expect(attempts.map((a) => a.httpStatus)).toEqual([200, 200]);
		expect(attempts.every((a) => a.durationMs >= 0 && a.error === null)).toBe(true);
	});

	it('a receiver that is down: each attempt is logged and retried; after the last one the delivery is dead; "send again" queues it anew', async () => {
		const id = await feed.addEndpoint(sql, {
			url: 'http://127.0.0.1:9/api/v1/feed',
			keyId: sender.keyId,
			secret: sender.secret
		});
		const [d] = await sql<{ id: number }[]>`
			insert into feed_delivery (municipality_id, endpoint_id, content_hash, kind, document)
			select municipality_id, ${id}, content_hash, kind, document from feed_delivery where kind = 'report' limit 1
			returning id`;
		await expect(feed.deliver(sql, d!.id, 0)).rejects.toThrow(/feed delivery/);
		expect((await sql`select state from feed_delivery where id = ${d!.id}`)[0]!.state).toBe(
			'pending'
		);
		await feed.deliver(sql, d!.id, feed.RETRY_LIMIT);
		const [dead] = await sql`select state, last_error from feed_delivery where id = ${d!.id}`;
		expect(dead!.state).toBe('dead');
		expect(dead!.lastError).toBeTruthy();
		const attempts = await sql`select http_status from feed_attempt where delivery_id = ${d!.id}`;
		expect(attempts.map((a) => a.httpStatus)).toEqual([null, null]);
		expect(await feed.sendAgain(sql, boss, d!.id)).toBe(true);
		expect((await sql`select state from feed_delivery where id = ${d!.id}`)[0]!.state).toBe(
			'pending'
		);
		expect(await feed.sendAgain(sql, boss, d!.id)).toBe(false);
		await expect(feed.sendAgain(sql, boss, 987654321)).rejects.toMatchObject({ status: 404 });
	});

	it('every document of this suite validates against the schema', () => {
		for (const doc of documents) expect(feed.feedProblems(doc)).toEqual([]);
	});
});

describe('exactly once', () => {
	it('the same document posted on parallel connections at once is stored once; the others are ignored', async () => {
		const doc = { ...planDoc, instance: 'parallel-test' };
		const body = JSON.stringify(doc);
		documents.push(doc);
		const header = feed.signatureHeader(sender.keyId, sender.secret, body);
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => feed.receiveFeed(sql, { body, signature: header }))
		);
		expect(answers.map((a) => a.summary.imported).sort()).toEqual([0, 0, 0, 0, 1]);
		expect(await sql`select 1 from feed_received where instance = 'parallel-test'`).toHaveLength(1);
	});

	it('a report submitted with the queue queues its feed delivery in the same transaction', async () => {
		const staff = await actorOf(sql, 'kyshtut.staff');
		const before = (await sql`select id from feed_delivery where kind = 'report'`).length;
		const [draft] = await sql<{ period: string }[]>`
			select period from report where local_plan_id = ${planId} and state = 'draft' limit 1`;
		await reports.submitReport(sql, staff, planId, draft!.period, { boss });
		const after = await sql`select id from feed_delivery where kind = 'report'`;
		// one per active endpoint
		const endpoints = await sql`select id from feed_endpoint where active`;
		expect(after.length - before).toBe(endpoints.length);
	});
});
