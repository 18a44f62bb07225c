import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db';
import { withDatabase } from '../../src/cli/embedded';
import { migrate, migrationsDir } from '../../src/lib/server/db/migrate';
import { loadActor, type Actor } from '../../src/lib/server/auth/actor';
import { seedDemo } from '../../src/lib/server/demo';
import { seedReviewDemo } from '../../src/lib/server/approval/demo';
import { seedReportsDemo } from '../../src/lib/server/reports/demo';
import { startBoss } from '../../src/lib/server/jobs';

export interface TestDb {
	sql: Sql;
	url: string;
	name: string;
}

/** A fresh, migrated database for one test file, dropped when the file ends. */
export async function freshDb(): Promise<TestDb> {
	const serverUrl = inject('serverUrl');
	const template = inject('templateDatabase');
	const name = `aiyl_t_${randomBytes(5).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name} template ${template}`);
	const url = withDatabase(serverUrl, name);
	const sql = connect(url, { max: 5 });
	afterAll(async () => {
		await sql.end({ timeout: 5 });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});
	return { sql, url, name };
}

/**
 * A database migrated up to, but not including, one migration (for a test of what that migration
 * does to existing rows); `migrateThrough()` then applies it, and nothing after it.
 */
export async function databaseBefore(
	file: string
): Promise<TestDb & { migrateThrough: () => Promise<string[]> }> {
	const serverUrl = inject('serverUrl');
	const name = `aiyl_m_${randomBytes(5).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = withDatabase(serverUrl, name);
	const dirs: string[] = [];
	const migrateUpTo = async (keep: (f: string) => boolean) => {
		const dir = mkdtempSync(join(tmpdir(), 'aiyl-migrations-'));
		dirs.push(dir);
		for (const f of readdirSync(migrationsDir()).filter(keep))
			cpSync(join(migrationsDir(), f), join(dir, f));
		const previous = process.env.MIGRATIONS_DIR;
		process.env.MIGRATIONS_DIR = dir;
		try {
			return await migrate(url, { quiet: true });
		} finally {
			if (previous === undefined) delete process.env.MIGRATIONS_DIR;
			else process.env.MIGRATIONS_DIR = previous;
		}
	};
	await migrateUpTo((f) => f < file);
	const sql = connect(url, { max: 2 });
	afterAll(async () => {
		await sql.end({ timeout: 5 });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});
	return { sql, url, name, migrateThrough: () => migrateUpTo((f) => f <= file) };
}

/**
 * For migration tests on a database from before 0016: a test municipality and a plan in `state`
 * with one activity and one indicator whose figures sit in the old columns (indicator.baseline and
 * indicator_target), as the app wrote them until then. Returns the indicator's id.
 */
export async function oldColumnsIndicator(
	sql: Sql,
	o: { state: 'draft' | 'approved'; name: string; baseline: number; targets: [number, number][] }
): Promise<number> {
	const [mu] = await sql<
		{ id: number }[]
	>`select id from territory where soate_code = '41799999999000'`;
	const municipalityId = mu?.id ?? (await testMunicipality(sql));
	const [p] = await sql<{ id: number }[]>`
		insert into local_plan (municipality_id, kind, title, period_start, period_end)
		values (${municipalityId}, 'gender_plan', 'План', 2026, 2028) returning id`;
	const [s] = await sql<{ id: number }[]>`
		insert into plan_section (local_plan_id, municipality_id, title, position) values (${p!.id}, ${municipalityId}, 'Бөлүм', 0) returning id`;
	const [a] = await sql<{ id: number }[]>`
		insert into activity (local_plan_id, municipality_id, section_id, position, title)
		values (${p!.id}, ${municipalityId}, ${s!.id}, 0, 'Иш-чара') returning id`;
	const [i] = await sql<{ id: number }[]>`
		insert into indicator (activity_id, municipality_id, name, unit, kind, baseline, by_sex)
		values (${a!.id}, ${municipalityId}, ${o.name}, 'адам', 'count', ${o.baseline}, true) returning id`;
	for (const [year, value] of o.targets) {
		await sql`insert into indicator_target (indicator_id, municipality_id, year, value) values (${i!.id}, ${municipalityId}, ${year}, ${value})`;
	}
	if (o.state === 'approved')
		await sql`update local_plan set state = 'approved' where id = ${p!.id}`;
	return i!.id;
}

async function testMunicipality(sql: Sql): Promise<number> {
	const [oblast] = await sql<{ id: number }[]>`
		insert into territory (kind, soate_code, name_ky, name_ru, name_en)
		values ('oblast', '41799000000000', 'Сынак', 'Тест', 'Test') returning id`;
	const [mu] = await sql<{ id: number }[]>`
		insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
		values ('municipality', '41799999999000', ${oblast!.id}, 'Сынак', 'Тест', 'Test') returning id`;
	return mu!.id;
}

/** A database with the shipped territories and the five demo accounts. */
export async function demoDb(): Promise<TestDb> {
	const db = await freshDb();
	await seedDemo(db.sql);
	return db;
}

/** The demo with Kyshtut's approved plan and its reports (2025 submitted, 2026S1 a late draft), and a queue that does not work its jobs. */
export async function reportsDemoDb(): Promise<
	TestDb & { boss: Awaited<ReturnType<typeof startBoss>> }
> {
	const db = await demoDb();
	const boss = await startBoss({ databaseUrl: db.url, sql: db.sql, work: false });
	await seedReviewDemo(db.sql, boss);
	await seedReportsDemo(db.sql);
	return { ...db, boss };
}

export async function actorOf(sql: Sql, username: string): Promise<Actor> {
	const [u] = await sql<{ id: number }[]>`select id from app_user where username = ${username}`;
	if (!u) throw new Error(`no user ${username}`);
	const actor = await loadActor(sql, u.id);
	if (!actor) throw new Error(`user ${username} is inactive`);
	return actor;
}

export async function territoryId(sql: Sql, soate: string): Promise<number> {
	const [t] = await sql<{ id: number }[]>`select id from territory where soate_code = ${soate}`;
	if (!t) throw new Error(`no territory ${soate}`);
	return t.id;
}

export const SOATE = {
	akTurpak: '41705258804000',
	kyshtut: '41705214835000',
	kerben: '41703211610010',
	karakol: '41702410000010',
	naryn: '41704400000010',
	batkenOblast: '41705000000000',
	issykKulOblast: '41702000000000',
	kadamjayRayon: '41705258000000'
};
