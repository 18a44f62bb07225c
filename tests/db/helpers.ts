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
export async function databaseBefore(file: string): Promise<TestDb & { migrateThrough: () => Promise<string[]> }> {
	const serverUrl = inject('serverUrl');
	const name = `aiyl_m_${randomBytes(5).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = withDatabase(serverUrl, name);
	const dirs: string[] = [];
	const migrateUpTo = async (keep: (f: string) => boolean) => {
		const dir = mkdtempSync(join(tmpdir(), 'aiyl-migrations-'));
		dirs.push(dir);
		for (const f of readdirSync(migrationsDir()).filter(keep)) cpSync(join(migrationsDir(), f), join(dir, f));
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

/** A database with the shipped territories and the five demo accounts. */
export async function demoDb(): Promise<TestDb> {
	const db = await freshDb();
	await seedDemo(db.sql);
	return db;
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
