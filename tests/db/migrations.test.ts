import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { migrate, level, migrationsDir } from '../../src/lib/server/db/migrate';
import { freshDb } from './helpers';

const { sql, url } = await freshDb();

describe('migrations', () => {
	it('are plain SQL files named <number>_<verb_object>.sql in order', () => {
		const files = readdirSync(migrationsDir()).sort();
		expect(files.length).toBeGreaterThan(0);
		files.forEach((f, i) => {
			expect(f).toMatch(/^\d{4}_[a-z]+(_[a-z0-9]+)+\.sql$/);
			expect(Number(f.slice(0, 4))).toBe(i + 1);
		});
	});

	it('running them again applies nothing', async () => {
		const files = readdirSync(migrationsDir());
		expect(await migrate(url, { quiet: true })).toEqual([]);
		expect((await level(sql)).count).toBe(files.length);
	});

	it('the database refuses what the code must never write: a session id that is not a hash, a staff role without territory', async () => {
		await expect(
			sql`insert into session (id, user_id, expires_at) values ('plain-token', 1, now())`
		).rejects.toThrow();
		const [u] =
			await sql`insert into app_user (username, full_name, password_hash) values ('ck.user', 'X', 'x') returning id`;
		await expect(
			sql`insert into membership (user_id, role) values (${u!.id}, 'staff')`
		).rejects.toThrow(/check/);
	});
});
