import type { Sql } from '../db';
import { loadPlanFile, type LoadResult } from './load';
import type { PlanFile } from './plan-file';
import gender2025 from './data/nap-gender-2025-2027-draft.json';
import wps2025 from './data/nap-1325-2025-2027-draft.json';
import gender2018 from './data/nap-gender-2018-2020.json';
import wps2018 from './data/nap-1325-2018-2020.json';

/**
 * The reviewed plan files shipped with the app. The 2018–2020 plan comes first: its list of
 * abbreviations names the bodies in the registry; later files only add spellings.
 */
export const SHIPPED_PLANS: PlanFile[] = [
	gender2018,
	wps2018,
	gender2025,
	wps2025
] as unknown as PlanFile[];

/** Loads every shipped plan; run again, it writes nothing. Returns what each load did, with counts per level. */
export async function loadShippedCatalogue(sql: Sql): Promise<(LoadResult & { key: string })[]> {
	const results: (LoadResult & { key: string })[] = [];
	for (const file of SHIPPED_PLANS)
		results.push({ key: file.plan.key, ...(await loadPlanFile(sql, file)) });
	return results;
}

/** One line per plan: key, version and counts per level, as the loader prints them. */
export function describeLoad(results: (LoadResult & { key: string })[]): string {
	return results
		.map(
			(r) =>
				`${r.key.padEnd(28)} v${r.versionNumber} ${r.created ? 'loaded ' : 'kept   '} chapters ${r.counts.chapters}, goals ${r.counts.goals}, tasks ${r.counts.tasks}, measures ${r.counts.measures}`
		)
		.join('\n');
}
