import type { Sql } from '../db';
import { loadActor } from '../auth/actor';
import * as territories from '../territories';
import { createPlan } from './plans';
import { addLocalActivity, adoptMeasures, updateActivity } from './activities';
import { saveBudgetLine, saveIndicator } from './budget';
import type { FiguresInput } from './indicator-values';
import data from './demo/akturpak.json';

interface DemoActivity {
	measure: string | null;
	title: string;
	/** a local activity's Russian wording; an adopted one keeps the catalogue's Russian text */
	titleRu?: string;
	reason: string;
	responsible: string;
	partners: string;
	targetGroups: string;
	start: { year: number; quarter: number };
	end: { year: number; quarter: number };
	indicators: {
		name: string;
		unit: string;
		kind: string;
		population?: string;
		baseline: string | FiguresInput | null;
		bySex: boolean;
		byAge: boolean;
		byDisability: boolean;
		dataSource: string;
		targets: Record<string, string | FiguresInput>;
	}[];
	budget: {
		year: number;
		amount: string;
		source: string;
		donorName: string;
		classificationCode: string;
		marker: number;
		genderShare: string;
		justification: string;
		beneficiaries: { women: number; men: number; girls: number; boys: number };
	}[];
}

interface DemoPlan {
	plan: {
		title: string;
		titleRu: string;
		kind: string;
		periodStart: number;
		periodEnd: number;
		envelopes: { year: number; amount: string }[];
	};
	sections: { title: string; titleRu: string; activities: DemoActivity[] }[];
}

export const AK_TURPAK_SOATE = '41705258804000';

/**
 * Ak-Turpak's draft plan for the demo, entered through the same domain functions staff use (so it
 * obeys every rule). Skipped when the municipality already has a plan of that title.
 */
export async function seedAkTurpakPlan(
	sql: Sql,
	staffUsername = 'akturpak.staff'
): Promise<number | null> {
	const demo = data as unknown as DemoPlan;
	const mu = await territories.bySoate(sql, AK_TURPAK_SOATE);
	const [u] = await sql<
		{ id: number }[]
	>`select id from app_user where username = ${staffUsername}`;
	if (!mu || !u) return null;
	const [exists] =
		await sql`select id from local_plan where municipality_id = ${mu.id} and title = ${demo.plan.title}`;
	if (exists) return null;
	const staff = (await loadActor(sql, u.id))!;
	const planId = await createPlan(sql, staff, {
		municipalityId: mu.id,
		kind: demo.plan.kind,
		title: demo.plan.title,
		titleRu: demo.plan.titleRu,
		periodStart: demo.plan.periodStart,
		periodEnd: demo.plan.periodEnd,
		sections: demo.sections.map((s) => s.title),
		sectionsRu: demo.sections.map((s) => s.titleRu),
		envelopes: demo.plan.envelopes
	});
	const sectionIds = (
		await sql<
			{ id: number }[]
		>`select id from plan_section where local_plan_id = ${planId} order by position`
	).map((s) => s.id);
	for (const [i, section] of demo.sections.entries()) {
		// createPlan made one section for each of demo.sections, in this order
		const sectionId = sectionIds[i]!;
		for (const a of section.activities) {
			let activityId: number;
			if (a.measure) {
				const [node] = await sql<{ id: number }[]>`
					select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current
					where n.stable_id = ${a.measure} and n.level = 'measure'`;
				if (!node) throw new Error(`Demo measure ${a.measure} is not in the catalogue`);
				// a measure the new plan has not adopted yet is added
				activityId = (
					await adoptMeasures(sql, staff, planId, {
						sectionId,
						measureNodeIds: [node.id]
					})
				).added[0]!;
			} else {
				activityId = await addLocalActivity(sql, staff, planId, {
					sectionId,
					title: a.title,
					titleRu: a.titleRu
				});
			}
			await updateActivity(sql, staff, activityId, {
				title: a.title,
				reason: a.reason,
				responsible: a.responsible,
				partners: a.partners,
				targetGroups: a.targetGroups,
				startYear: a.start.year,
				startQuarter: a.start.quarter,
				endYear: a.end.year,
				endQuarter: a.end.quarter,
				rowVersion: 1
			});
			for (const ind of a.indicators) {
				await saveIndicator(sql, staff, activityId, {
					...ind,
					baseline: ind.baseline ?? '',
					targets: Object.fromEntries(Object.entries(ind.targets).map(([y, v]) => [Number(y), v]))
				});
			}
			for (const b of a.budget) {
				await saveBudgetLine(sql, staff, activityId, {
					year: b.year,
					amount: b.amount,
					source: b.source,
					donorName: b.donorName,
					classificationCode: b.classificationCode,
					marker: b.marker,
					genderShare: b.genderShare,
					justification: b.justification,
					beneficiariesWomen: String(b.beneficiaries.women ?? ''),
					beneficiariesMen: String(b.beneficiaries.men ?? ''),
					beneficiariesGirls: String(b.beneficiaries.girls ?? ''),
					beneficiariesBoys: String(b.beneficiaries.boys ?? '')
				});
			}
		}
	}
	return planId;
}
