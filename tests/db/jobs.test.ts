import { afterAll, describe, expect, it } from 'vitest';
import { startBoss, sendInTransaction, queueStats } from '../../src/lib/server/jobs';
import { checkRegistry, QUEUES } from '../../src/lib/server/jobs/registry';
import { HANDLERS } from '../../src/lib/server/app';
import {
	createSession,
	generateSessionToken,
	sessionIdOf
} from '../../src/lib/server/auth/session';
import * as system from '../../src/lib/server/system';
import { actorOf, demoDb, freshDb } from './helpers';

const { sql, url } = await demoDb();
// a second database, for the upgrade from pg-boss 10
const old = await freshDb();
const boss = await startBoss({ databaseUrl: url, sql, work: true, handlers: HANDLERS });
afterAll(() => boss.stop({ graceful: true, timeout: 5000 }));

async function waitFor<T>(fn: () => Promise<T | null | undefined>, ms = 15_000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe('background jobs', () => {
	it('every declared queue has a handler; a missing one stops start-up', () => {
		expect(() => checkRegistry(HANDLERS)).not.toThrow();
		expect(() => checkRegistry(HANDLERS, { ...QUEUES, 'nobody.handles': {} })).toThrow(
			/nobody\.handles/
		);
	});

	it('pg-boss keeps its tables in its own schema', async () => {
		const [row] =
			await sql`select count(*)::int as n from information_schema.tables where table_schema = 'pgboss' and table_name = 'job'`;
		expect(row!.n).toBe(1);
		const [mine] =
			await sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name like '%job%'`;
		expect(mine!.n).toBe(0);
	});

	it('a job sent in a transaction that rolls back does not exist', async () => {
		let seenInside = 0;
		await sql
			.begin(async (tx) => {
				await sendInTransaction(boss, tx as never, 'system.cleanup', { marker: 'rolled-back' });
				seenInside = (await tx`select 1 from pgboss.job where data->>'marker' = 'rolled-back'`)
					.length;
				throw new Error('abort');
			})
			.catch(() => {});
		expect(seenInside).toBe(1);
		const rows = await sql`select 1 from pgboss.job where data->>'marker' = 'rolled-back'`;
		expect(rows).toHaveLength(0);
	});

	it('a job sent in a committed transaction runs on a worker: the cleanup deletes expired sessions', async () => {
		const [u] = await sql<{ id: number }[]>`select id from app_user where username = 'admin'`;
		const token = generateSessionToken();
		await createSession(sql, token, u!.id);
		await sql`update session set expires_at = now() - interval '1 day' where id = ${sessionIdOf(token)}`;
		await sql.begin(async (tx) => {
			await sendInTransaction(boss, tx as never, 'system.cleanup', { marker: 'committed' });
		});
		await waitFor(
			async () =>
				(
					await sql`select 1 from pgboss.job where data->>'marker' = 'committed' and state = 'completed'`
				)[0]
		);
		const rows = await sql`select 1 from session where id = ${sessionIdOf(token)}`;
		expect(rows).toHaveLength(0);
	});

	it('the system page shows the database version, migration level and queue sizes to admins only', async () => {
		const admin = await actorOf(sql, 'admin');
		const status = await system.status(sql, admin);
		expect(status.databaseVersion).toMatch(/PostgreSQL \d+/);
		expect(status.migration.count).toBeGreaterThanOrEqual(5);
		expect(status.migration.name).toMatch(/^\d{4}_/);
		expect(status.queues.map((q) => q.name)).toContain('system.cleanup');
		expect((await queueStats(sql)).find((q) => q.name === 'system.cleanup')).toBeTruthy();
		await expect(system.status(sql, await actorOf(sql, 'national'))).rejects.toMatchObject({
			status: 403
		});
	});
});

describe('upgrading from pg-boss 10', () => {
	it('a pg-boss 10 schema is replaced by the current one, keeping the jobs it had not finished and dropping those it had', async () => {
		// pg-boss 10's layout as far as the upgrade reads it (its schema version 24)
		await old.sql.unsafe(`
			drop schema pgboss cascade;
			create schema pgboss;
			create table pgboss.version (version int primary key);
			insert into pgboss.version values (24);
			create table pgboss.job (
				id uuid not null default gen_random_uuid(),
				name text not null,
				priority integer not null default 0,
				data jsonb,
				state text not null default 'created',
				retry_limit integer not null default 2,
				start_after timestamptz not null default now(),
				singleton_key text,
				created_on timestamptz not null default now()
			);
			insert into pgboss.job (name, data, state, priority, start_after) values
				('plan.render', '{"documentId": 7}', 'created', 3, now() + interval '1 hour'),
				('catalogue.import', '{"importId": 2}', 'active', 0, now()),
				('plan.render', '{"documentId": 6}', 'completed', 0, now()),
				('__pgboss__maintenance', null, 'created', 0, now());
		`);
		const upgraded = await startBoss({ databaseUrl: old.url, sql: old.sql, work: false });
		try {
			const [v] = await old.sql<{ version: number }[]>`select version from pgboss.version`;
			expect(v!.version).toBeGreaterThan(24);
			const jobs = await old.sql<
				{ name: string; data: unknown; state: string; priority: number; later: boolean }[]
			>`
				select name, data, state, priority, start_after > now() + interval '50 minutes' as later
				from pgboss.job
				order by name`;
			expect(jobs).toEqual([
				{
					name: 'catalogue.import',
					data: { importId: 2 },
					state: 'created',
					priority: 0,
					later: false
				},
				{ name: 'plan.render', data: { documentId: 7 }, state: 'created', priority: 3, later: true }
			]);
			const [aside] =
				await old.sql`select count(*)::int as n from pg_namespace where nspname = 'pgboss_v10'`;
			expect(aside!.n).toBe(0);
		} finally {
			await upgraded.stop({ graceful: false });
		}
		// a second start finds nothing more to move and leaves the jobs as they are
		const again = await startBoss({ databaseUrl: old.url, sql: old.sql, work: false });
		await again.stop({ graceful: false });
		const [count] = await old.sql`select count(*)::int as n from pgboss.job`;
		expect(count!.n).toBe(2);
	});
});
