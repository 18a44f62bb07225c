/**
 * The feed between two real instances, both `node build` started here, each with its own database
 * on the test PostgreSQL: a sender (the demo, plus three approved plans of synthetic municipalities)
 * and a receiver. Each approval and submission is queued by the call the approval and the
 * submission make in their transaction (`enqueueFeed`, proven there by tests/db/feed.test.ts); the
 * sender's job process delivers it. Deliveries retry after 1 s, 2 s, 4 s … here
 * (FEED_RETRY_DELAY_SECONDS), at most 16 s apart (FEED_RETRY_DELAY_MAX_SECONDS), so a receiver that is
 * slow to come back on a loaded machine is not left waiting for a retry a minute away. The spec's own server is not used: its demo stays as other specs expect it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { login } from './fixtures';

process.env.FEED_RETRY_DELAY_SECONDS = '1';
process.env.FEED_RETRY_DELAY_MAX_SECONDS = '16';
process.env.FEED_EXPIRE_SECONDS = '25';
const { enqueueFeed, createSenderKey, documentHash } = await import('../../src/lib/server/feed');
const { startBoss } = await import('../../src/lib/server/jobs');
const { connect, transaction } = await import('../../src/lib/server/db');

const PORT = Number(process.env.E2E_PORT ?? 4319);
const RECEIVER = { port: PORT + 1, db: 'aiyl_e2e_feed_receiver' };
const SENDER = { port: PORT + 2, db: 'aiyl_e2e_feed_sender' };
const SENDER_ORIGIN = `http://localhost:${SENDER.port}`;
const dbUrl = (name: string) => {
	const u = new URL(process.env.DATABASE_URL!);
	u.pathname = '/' + name;
	return u.toString();
};

const camel = { max: 2, onnotice: () => {}, transform: postgres.camel };
let sql: ReturnType<typeof postgres>;
let receiverSql: ReturnType<typeof postgres>;
let senderSql: ReturnType<typeof connect>;
let boss: Awaited<ReturnType<typeof startBoss>>;
const servers = new Map<string, ChildProcess>();

async function freshDatabase(name: string) {
	const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	await admin.end();
}

/** Starts `node build` on a port and database and waits (at most a minute) until it answers. */
async function startServer(which: typeof SENDER | typeof RECEIVER) {
	const child = spawn(process.execPath, ['build/index.js'], {
		// the feed's delays set at the top of this file come with process.env
		env: {
			...process.env,
			DATABASE_URL: dbUrl(which.db),
			PORT: String(which.port),
			ORIGIN: `http://localhost:${which.port}`,
			// the sender is migrated by its seed, the receiver migrates itself on start
			MIGRATE_ON_START: which === SENDER ? 'off' : 'on',
			WORKERS: 'on'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	servers.set(which.db, child);
	await expect
		.poll(
			async () => {
				try {
					return (await fetch(`http://127.0.0.1:${which.port}/login`)).status;
				} catch {
					return 0;
				}
			},
			{ timeout: 60_000, intervals: [250] }
		)
		.toBe(200);
}

/**
 * Stops a server with SIGTERM and checks that `node build` exits by itself, cleanly, within its own
 * bounds: the job process is given 15 s, then pg-boss 10 s and the pool 5 s (src/lib/server/app.ts
 * `stop`), so on a loaded machine a clean exit may take longer than a quick one.
 */
async function stopServer(which: typeof SENDER | typeof RECEIVER) {
	const child = servers.get(which.db)!;
	servers.delete(which.db);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	child.kill('SIGTERM');
	const code = await Promise.race([
		exited,
		new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 40_000))
	]);
	if (code === 'hung') child.kill('SIGKILL');
	expect(code, 'node build exits on SIGTERM (pg-boss and the pool stopped)').toBe(0);
}

/** What the approval and the submission do in their transaction: queue the document for every active endpoint. */
async function queue(ref: { planId: number; reportId?: number }) {
	await transaction(senderSql, (tx) => enqueueFeed(tx, boss, ref));
}

/** The hashes the receiver stored, each with how many copies. */
const stored = async () =>
	(await receiverSql`
		select content_hash, count(*)::int as copies from feed_received group by content_hash`) as unknown as {
		contentHash: string;
		copies: number;
	}[];

let plans: number[] = [];
let report: { planId: number; reportId: number };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	await freshDatabase(RECEIVER.db);
	await freshDatabase(SENDER.db);
	const url = dbUrl(SENDER.db);
	const seeded = spawnSync('npx', ['tsx', 'tests/e2e/feed-sender-seed.ts', url], {
		stdio: 'inherit'
	});
	expect(seeded.status).toBe(0);
	senderSql = connect(url, { max: 2 });
	boss = await startBoss({ databaseUrl: url, sql: senderSql, work: false });
	sql = postgres(url, camel);
	receiverSql = postgres(dbUrl(RECEIVER.db), camel);
	// the demo's approved plan and submitted report, and two more approved plans, queued below as if approved now
	plans = (await sql`select local_plan_id from plan_approval order by local_plan_id`).map((r) =>
		Number(r.localPlanId)
	);
	const [r] = await sql`
		select id, local_plan_id from report where state = 'submitted' order by id limit 1`;
	report = { planId: Number(r!.localPlanId), reportId: Number(r!.id) };
	expect(plans).toHaveLength(4);
	await startServer(SENDER);
});

test.afterAll(async () => {
	for (const which of [RECEIVER, SENDER]) if (servers.has(which.db)) await stopServer(which);
	await receiverSql?.end();
	await boss?.stop({ graceful: false });
	await senderSql?.end();
	await sql?.end();
});

test('a plan and a report sent to a second instance arrive once; sent while it is down, they arrive once when it is back', async ({
	page
}) => {
	test.setTimeout(240_000);
	await startServer(RECEIVER);
	// the receiver's admin creates a sender key; the sender's admin enters it on the feed page
	const key = await createSenderKey(receiverSql as never, 'e2e-sender', 'Sender');
	await login(page, 'admin', 'en', undefined, SENDER_ORIGIN);
	await page.goto(`${SENDER_ORIGIN}/en/admin/feed`);
	const form = page.locator('form[action^="?/addEndpoint"]');
	await form.getByLabel('Address').fill(`http://127.0.0.1:${RECEIVER.port}/api/v1/feed`);
	await form.getByLabel('Key id').fill(key.keyId);
	await form.getByLabel('Shared secret').fill(key.secret);
	await form.getByRole('button', { name: 'Add a receiver' }).click();
	await expect(page.getByRole('status')).toContainText('Receiver added');

	// 1. the sender approves a plan and submits a report: both arrive, once
	await queue({ planId: plans[0]! });
	await queue(report);
	await expect.poll(stored, { timeout: 60_000, intervals: [500] }).toHaveLength(2);
	const first = await stored();
	expect(first.every((s) => s.copies === 1)).toBe(true);
	// the receiver stores before it answers: the sender marks the delivery just after
	const states = async () =>
		(await sql`select state from feed_delivery order by id`).map((d) => d.state);
	await expect.poll(states, { timeout: 15_000 }).toEqual(['delivered', 'delivered']);
	const sent = await sql`select content_hash from feed_delivery order by id`;
	expect(new Set(first.map((s) => s.contentHash))).toEqual(new Set(sent.map((d) => d.contentHash)));
	// the stored document is the one sent, unchanged
	const [doc] = await receiverSql`select content_hash, document from feed_received limit 1`;
	expect(documentHash(doc!.document as never)).toBe(doc!.contentHash);

	// 2. the receiver is down while two more plans are approved: they wait, failing, and arrive once when it is back
	await stopServer(RECEIVER);
	await queue({ planId: plans[1]! });
	await queue({ planId: plans[2]! });
	await expect
		.poll(
			async () =>
				(
					await sql`
						select count(distinct a.delivery_id)::int as n from feed_attempt a
						where a.http_status is null and a.error is not null`
				)[0]!.n,
			{ timeout: 60_000, intervals: [500] }
		)
		.toBe(2);
	expect(await stored()).toHaveLength(2);
	await startServer(RECEIVER);
	await expect.poll(stored, { timeout: 90_000, intervals: [500] }).toHaveLength(4);
	expect((await stored()).every((s) => s.copies === 1)).toBe(true);
	await expect
		.poll(states, { timeout: 30_000 })
		.toEqual(['delivered', 'delivered', 'delivered', 'delivered']);

	// the receiver counts what it received for its oblast and national views exactly as the sender
	// counts its own approvals and report: the plans sent, and the report of the one that reported
	// (the sender's other plans may have reports it never sent)
	const planFigures = async (db: typeof sql, soates: string[]) =>
		await db`
			select municipality_soate, plan_kind, plan_id::int, decision_number, activities, adopted,
				budget::text, gender::text, gap::text, budget_by_year
			from monitoring_plan
			where municipality_soate = any (${soates}::text[])
			order by municipality_soate, plan_kind`;
	const reportFigures = async (db: typeof sql, planId: number) =>
		await db`
			select report_period, planned::text, spent::text, reached_women, by_source
			from monitoring_plan
			where plan_id = ${planId}`;
	const received = await receiverSql`
		select distinct municipality_soate from monitoring_plan where origin = 'feed'`;
	const soates = received.map((r) => r.municipalitySoate as string);
	expect(soates.length).toBeGreaterThanOrEqual(3);
	expect(await planFigures(receiverSql, soates)).toEqual(await planFigures(sql, soates));
	const reported = await reportFigures(receiverSql, report.planId);
	expect(reported).toHaveLength(1);
	expect(reported[0]!.reportPeriod).toBeTruthy();
	expect(reported).toEqual(await reportFigures(sql, report.planId));

	// the sender's admin sees the failed attempts and the final delivery of each
	await page.goto(`${SENDER_ORIGIN}/en/admin/feed`);
	await expect(page.getByRole('row', { name: /Delivered/ })).toHaveCount(4);
	await expect(page.getByText('no answer').first()).toBeAttached();
});

test('a job process killed while the receiver holds the delivery open: the delivery is retried and stored once', async () => {
	test.setTimeout(240_000);
	const receiverProcess = servers.get(RECEIVER.db)!;
	const senderProcess = servers.get(SENDER.db)!;
	// the receiver stops answering: the next delivery's request stays open
	receiverProcess.kill('SIGSTOP');
	try {
		await queue({ planId: plans[3]! });
		const [d] = await sql`select id, content_hash from feed_delivery order by id desc limit 1`;
		// the job process has taken the job and its request waits, unread, at the receiver
		await expect
			.poll(
				async () =>
					(
						await sql`
							select state from pgboss.job
							where name = 'feed.deliver' and (data->>'deliveryId')::bigint = ${d!.id}`
					)[0]?.state,
				{ timeout: 30_000, intervals: [200] }
			)
			.toBe('active');
		const unread = () =>
			spawnSync('ss', ['-Htn', 'state', 'established', `( sport = :${RECEIVER.port} )`], {
				encoding: 'utf8'
			})
				.stdout.split('\n')
				.some((line) => Number(line.trim().split(/\s+/)[0]) > 0);
		await expect.poll(unread, { timeout: 30_000, intervals: [200] }).toBe(true);
		// kill the job process (the server's child) mid-delivery
		const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(senderProcess.pid)], {
			encoding: 'utf8'
		})
			.stdout.split('\n')
			.map((l) => Number(l.trim()))
			.filter(Boolean);
		expect(children.length).toBeGreaterThan(0);
		for (const pid of children) process.kill(pid, 'SIGKILL');
		receiverProcess.kill('SIGCONT');
		// the job expires, is retried by the restarted job process and delivered: one stored copy
		await expect
			.poll(
				async () => (await sql`select state from feed_delivery where id = ${d!.id}`)[0]!.state,
				{
					timeout: 180_000,
					intervals: [1000]
				}
			)
			.toBe('delivered');
		const copies = await receiverSql`
			select count(*)::int as n from feed_received where content_hash = ${d!.contentHash}`;
		expect(copies[0]!.n).toBe(1);
		const [job] = await sql`
			select retry_count from pgboss.job
			where name = 'feed.deliver' and (data->>'deliveryId')::bigint = ${d!.id} and state = 'completed'`;
		expect(job!.retryCount).toBeGreaterThanOrEqual(1);
	} finally {
		receiverProcess.kill('SIGCONT');
	}
});
