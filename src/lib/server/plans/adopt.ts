/**
 * Adopting measures with their first budget line and, where the line's gender marker needs one, a
 * first indicator by sex — all in one write: the picker's "add" either adopts everything it was
 * given or nothing, and a refusal names the field of the measure it is about.
 */
import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { editPlan } from './plans';
import { adoptMeasures, type AdoptResult } from './activities';
import { saveBudgetLine, saveIndicator, type Warning } from './budget';
import { figureField } from './indicator-values';

/** What the picker takes for one measure besides the measure itself. */
export interface FirstLine {
	/** the section, when not the pick's own */
	sectionId?: number | null;
	/** the first budget line; none when no amount was typed */
	line?: {
		year: number;
		amount: string;
		source: string;
		donorName: string;
		marker: number;
		genderShare: string;
		justification: string;
	} | null;
	/** a first indicator by sex, for the line's year: its name and the women's and men's targets */
	indicator?: { name: string; women: string; men: string } | null;
}

export interface AdoptInput {
	sectionId: number;
	measureNodeIds: number[];
	first?: Record<number, FirstLine>;
}

/** The picker's row fields, by the field name of the domain rule that refused them. */
const ROW_FIELD: Record<string, string> = {
	year: 'year',
	amount: 'amount',
	source: 'source',
	donorName: 'donor',
	marker: 'marker',
	genderShare: 'share',
	justification: 'justification',
	name: 'indicator'
};

/** A refusal about one measure's line or indicator, pointed at that measure's field in the picker. */
function aboutMeasure(e: unknown, measureId: number, year: number): unknown {
	if (!(e instanceof DomainError) || !e.field) return e;
	const field =
		e.field === figureField(year, 'female')
			? 'women'
			: e.field === figureField(year, 'male')
				? 'men'
				: (ROW_FIELD[e.field] ?? null);
	if (!field) return e;
	return new DomainError(e.code, e.status, e.params, `${field}_${measureId}`);
}

/**
 * Adopts the measures (each into its own section or the pick's), then gives each the indicator and
 * the budget line typed for it. A marker above 0 needs an indicator with women's and men's targets:
 * the one typed here counts, as one on the activity page would.
 */
export async function adoptAndBudget(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: AdoptInput
): Promise<AdoptResult & { lines: number; indicators: number; warnings: Warning[] }> {
	const first = input.first ?? {};
	const sectionOf: Record<number, number> = {};
	for (const [id, f] of Object.entries(first)) if (f.sectionId) sectionOf[Number(id)] = f.sectionId;
	return editPlan(sql, actor, planId, async (tx, _plan, actor) => {
		const adopted = await adoptMeasures(tx, actor, planId, { ...input, sectionOf });
		let lines = 0;
		let indicators = 0;
		const warnings: Warning[] = [];
		for (const [measure, activityId] of Object.entries(adopted.byMeasure)) {
			const f = first[Number(measure)];
			const line = f?.line;
			if (!line) continue;
			const measureId = Number(measure);
			try {
				const indicator = line.marker > 0 ? f.indicator : null;
				if (indicator) {
					const saved = await saveIndicator(tx, actor, activityId, {
						name: indicator.name,
						unit: '',
						kind: 'count',
						population: 'adults',
						bySex: true,
						byAge: false,
						byDisability: false,
						dataSource: '',
						baseline: '',
						targets: { [line.year]: { female: indicator.women, male: indicator.men } }
					});
					warnings.push(...saved.warnings);
					indicators++;
				}
				const saved = await saveBudgetLine(tx, actor, activityId, {
					...line,
					classificationCode: '',
					beneficiariesWomen: null,
					beneficiariesMen: null,
					beneficiariesGirls: null,
					beneficiariesBoys: null
				});
				warnings.push(...saved.warnings);
				lines++;
			} catch (e) {
				throw aboutMeasure(e, measureId, line.year);
			}
		}
		return { ...adopted, lines, indicators, warnings };
	});
}
