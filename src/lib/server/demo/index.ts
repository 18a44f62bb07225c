import type { Sql } from '../db';
import * as territories from '../territories';
import * as users from '../users';
import type { Role } from '../auth/actor';
import { loadShippedCatalogue, type LoadResult } from '../catalogue';
import type { PgBoss } from 'pg-boss';
import { seedAkTurpakPlan } from '../plans/demo';
import { seedRosters } from '../kenesh';
import { seedRepresentation } from '../representation';
import { seedReviewDemo } from '../approval/demo';
import { seedHearingsDemo } from '../hearings/demo';
import { seedReportsDemo } from '../reports/demo';
import { rebuild as rebuildFigures } from '../monitoring/figures';

export const DEMO_PASSWORD = 'aiyl-demo-2026';

export interface DemoLogin {
	username: string;
	role: Role;
	fullName: string;
	territorySoate: string | null;
}

/** One account per role, as the quick start promises: staff and deputy of Ak-Turpak, Batken's oblast representative, national, admin. */
export const DEMO_LOGINS: DemoLogin[] = [
	{
		username: 'akturpak.staff',
		role: 'staff',
		fullName: 'Айгүл Токтосунова',
		territorySoate: '41705258804000'
	},
	{
		username: 'akturpak.deputy',
		role: 'deputy',
		fullName: 'Нурлан Мамытов',
		territorySoate: '41705258804000'
	},
	{
		username: 'batken.oblast',
		role: 'oblast',
		fullName: 'Гүлнара Абдыкадырова',
		territorySoate: '41705000000000'
	},
	{
		username: 'kyshtut.staff',
		role: 'staff',
		fullName: 'Жамиля Абдыраимова',
		territorySoate: '41705214835000'
	},
	{
		username: 'kyshtut.deputy',
		role: 'deputy',
		fullName: 'Таалайбек Жумабаев',
		territorySoate: '41705214835000'
	},
	{ username: 'national', role: 'national', fullName: 'Жылдыз Осмонова', territorySoate: null },
	{ username: 'admin', role: 'admin', fullName: 'Системалык администратор', territorySoate: null }
];

/** Seeds territories, the national plans catalogue, the demo accounts and Ak-Turpak's draft plan; safe to run again (nothing is duplicated, passwords are not reset). */
export async function seedDemo(
	sql: Sql,
	options: { boss?: PgBoss } = {}
): Promise<{
	territories: number;
	usersCreated: number;
	catalogue: (LoadResult & { key: string })[];
	planCreated: boolean;
}> {
	const count = await territories.seedTerritories(sql);
	const catalogue = await loadShippedCatalogue(sql);
	let usersCreated = 0;
	for (const login of DEMO_LOGINS) {
		const [exists] = await sql`select 1 from app_user where username = ${login.username}`;
		if (exists) continue;
		const territory = login.territorySoate
			? await territories.bySoate(sql, login.territorySoate)
			: null;
		if (login.territorySoate && !territory)
			throw new Error(`Demo territory ${login.territorySoate} is missing from the seed`);
		await users.create(
			sql,
			null,
			{
				username: login.username,
				fullName: login.fullName,
				password: DEMO_PASSWORD,
				role: { role: login.role, territoryId: territory?.id ?? null },
				mustChangePassword: false
			},
			{ system: true }
		);
		usersCreated++;
	}
	// Ak-Turpak's draft plan, entered as its staff would (after the accounts exist)
	const planCreated = (await seedAkTurpakPlan(sql)) !== null;
	await seedRosters(sql);
	// the representation registries: some bodies meet the 30% rule, some break it
	await seedRepresentation(sql);
	// Kyshtut's approved plan (its approval enqueues jobs, so it needs the queue)
	if (options.boss) {
		await seedReviewDemo(sql, options.boss);
		// its reports: the 2025 annual one submitted, a draft for the first half of 2026
		await seedReportsDemo(sql, options.boss);
		// a public hearing on it, taking proposals: one published, one awaiting moderation
		await seedHearingsDemo(sql);
	}
	// the oblast and national figures of everything decided so far (idempotent)
	await rebuildFigures(sql);
	return { territories: count, usersCreated, catalogue, planCreated };
}
