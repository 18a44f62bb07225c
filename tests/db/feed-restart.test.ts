/**
 * A database restart under the sender loses no delivery: on a cluster of its own (the shared test
 * cluster cannot be restarted under the other suites), the sender's worker holds one delivery open
 * at the receiver and has another queued when PostgreSQL stops; after it starts again both arrive,
 * each stored once. The receiver is the real one (`receiveFeed`) on a second database of that cluster.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster, withDatabase, type Cluster } from '../../src/cli/embedded';

// short retries and expiry, read where a delivery is queued (before the modules load)
process.env.FEED_RETRY_DELAY_SECONDS = '1';
process.env.FEED_EXPIRE_SECONDS = '25';
const feed = await import('../../src/lib/server/feed');
const { HANDLERS } = await import('../../src/lib/server/app');
const { startBoss } = await import('../../src/lib/server/jobs');
const { connect, transaction } = await import('../../src/lib/server/db');
const { migrate } = await import('../../src/lib/server/db/migrate');
const { seedDemo } = await import('../../src/lib/server/demo');

let dir: string;
let cluster: Cluster;
let receiverServer: Server;
const closers: (() => Promise<unknown>)[] = [];

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const v = await fn().catch(() => null);
		if (v) return v;
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 250));
	}
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiyl-feed-restart-'));
	cluster = await startCluster({ dir, persistent: true });
	const admin = postgres(cluster.serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe('create database sender');
	await admin.unsafe('create database receiver');
	await admin.end();
}, 120_000);

afterAll(async () => {
	for (const close of closers.reverse()) await close().catch(() => {});
	receiverServer?.close();
	await cluster?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

it('deliveries queued and in flight when the database restarts all arrive, each once', async () => {
	const senderUrl = withDatabase(cluster.serverUrl, 'sender');
	const receiverUrl = withDatabase(cluster.serverUrl, 'receiver');
	await migrate(senderUrl, { quiet: true });
	await migrate(receiverUrl, { quiet: true });
	const sql = connect(senderUrl, { max: 5 });
	const receiverSql = connect(receiverUrl, { max: 2 });
	const boss = await startBoss({ databaseUrl: senderUrl, sql, work: false });
	closers.push(
		() => boss.stop({ graceful: false }),
		() => sql.end({ timeout: 5 }),
		() => receiverSql.end({ timeout: 5 })
	);
	// the demo: Kyshtut's plan approved, its 2025 report submitted
	await seedDemo(sql, { boss });
	const key = await feed.createSenderKey(receiverSql, 'sender');

	// the receiver holds every request until released
	let release!: () => void;
	const released = new Promise<void>((r) => (release = r));
	let requests = 0;
	receiverServer = createServer((req, res) => {
		requests++;
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', async () => {
			await released;
			const answer = await feed
				.receiveFeed(receiverSql, {
					body,
					signature: (req.headers[feed.SIGNATURE_HEADER] as string) ?? null
				})
				.catch(() => null);
			res.writeHead(answer?.httpStatus ?? 503, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer?.summary ?? {}));
		});
	});
	await new Promise<void>((r) => receiverServer.listen(0, '127.0.0.1', r));
	const port = (receiverServer.address() as AddressInfo).port;
	await feed.addEndpoint(sql, {
		url: `http://127.0.0.1:${port}/`,
		keyId: key.keyId,
		secret: key.secret
	});

	const workerSql = connect(senderUrl, { max: 3 });
	const worker = await startBoss({
		databaseUrl: senderUrl,
		sql: workerSql,
		work: true,
		handlers: HANDLERS
	});
	closers.push(
		() => worker.stop({ graceful: false }),
		() => workerSql.end({ timeout: 5 })
	);
	const { planId } = (
		await sql<{ planId: number }[]>`
		select local_plan_id as plan_id from plan_approval limit 1`
	)[0]!;
	const { reportId } = (
		await sql<{ reportId: number }[]>`
		select id as report_id from report where state = 'submitted' and local_plan_id = ${planId} limit 1`
	)[0]!;
	// one transaction each, as the approval and the submission queue them
	await transaction(sql, (tx) => feed.enqueueFeed(tx, boss, { planId }));
	await transaction(sql, (tx) => feed.enqueueFeed(tx, boss, { planId, reportId }));

	// one delivery is held open at the receiver; then PostgreSQL stops and starts again
	await waitFor(async () => requests >= 1, 30_000);
	await cluster.stop();
	cluster = await startCluster({ dir, persistent: true });
	release();

	const states = async () =>
		(await sql<{ state: string }[]>`select state from feed_delivery order by id`).map(
			(d) => d.state
		);
	await waitFor(
		async () => (await states()).every((s) => s === 'delivered') && (await states()).length === 2,
		180_000
	);
	const stored = await receiverSql<{ contentHash: string; copies: number }[]>`
		select content_hash, count(*)::int as copies from feed_received group by content_hash`;
	const sent = await sql<{ contentHash: string }[]>`select content_hash from feed_delivery`;
	expect(stored.map((s) => s.copies)).toEqual([1, 1]);
	expect(new Set(stored.map((s) => s.contentHash))).toEqual(
		new Set(sent.map((s) => s.contentHash))
	);
}, 300_000);
