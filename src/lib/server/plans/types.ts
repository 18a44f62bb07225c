/** Local plans and their gender budget (DESIGN.md §2.2–2.3): the shapes the domain returns. */

import type {
	Funding,
	IndicatorKind,
	LocalPlanKind,
	Marker,
	Population
} from '../../plans/vocabulary';
import type { IndicatorFigures } from '../../plans/indicators';

export type { IndicatorFigures } from '../../plans/indicators';

export {
	LOCAL_PLAN_KINDS,
	FUNDING,
	INDICATOR_KINDS,
	type LocalPlanKind,
	type Funding,
	type IndicatorKind,
	type Marker
} from '../../plans/vocabulary';

/** Money is exact: a decimal string with two places ("1250000.00"), never a float. */
export type Money = string;

export interface BudgetLine {
	id: number;
	activityId: number;
	year: number;
	amount: Money;
	source: Funding;
	donorName: string;
	classificationCode: string;
	marker: Marker;
	/** percent of the amount counted as gender-targeted: 100 for marker 2, the stated share for 1, 0 for 0 */
	genderShare: string;
	/** the gender-targeted part of the amount */
	genderAmount: Money;
	justification: string;
	beneficiariesWomen: number | null;
	beneficiariesMen: number | null;
	beneficiariesGirls: number | null;
	beneficiariesBoys: number | null;
	rowVersion: number;
}

export interface IndicatorTarget extends IndicatorFigures {
	year: number;
}

export interface Indicator {
	id: number;
	activityId: number;
	name: string;
	unit: string;
	kind: IndicatorKind;
	/** adults are counted as women and men, children as girls and boys */
	population: Population;
	bySex: boolean;
	byAge: boolean;
	byDisability: boolean;
	dataSource: string;
	baseline: IndicatorFigures;
	/** by year, only the years that have a figure */
	targets: IndicatorTarget[];
	rowVersion: number;
}

/** Where an activity comes from in the catalogue, as it was when the municipality adopted it. */
export interface Provenance {
	measureNodeId: number;
	measureStableId: string;
	measureNumber: string;
	catalogueVersionId: number;
	catalogueVersion: number;
	planId: number;
	planKey: string;
	planKind: 'gender_nap' | 'nap_1325' | 'other';
	planPeriod: { start: number; end: number };
	planTitle: { ky: string; ru?: string; en?: string };
	/** the measure's Kyrgyz text as adopted ('' when the catalogue has none) */
	nationalText: string;
	/** the measure's Russian text as adopted ('' when the catalogue has none) */
	nationalTextRu: string;
	pillars: string[];
}

export interface Activity {
	id: number;
	sectionId: number;
	position: number;
	/** the Kyrgyz wording; it or `titleRu` may be empty, never both (`wordingIn` picks one) */
	title: string;
	/** the Russian wording */
	titleRu: string;
	reason: string;
	responsible: string;
	partners: string;
	targetGroups: string;
	startYear: number | null;
	startQuarter: number | null;
	endYear: number | null;
	endQuarter: number | null;
	provenance: Provenance | null;
	indicators: Indicator[];
	budget: BudgetLine[];
	rowVersion: number;
}

export interface Section {
	id: number;
	/** Kyrgyz; it or `titleRu` may be empty, never both */
	title: string;
	titleRu: string;
	position: number;
	/** for the "someone else changed this" check when the section is retitled */
	rowVersion: number;
	activities: Activity[];
}

export interface Envelope {
	year: number;
	amount: Money;
}

export interface LocalPlan {
	id: number;
	municipalityId: number;
	municipality: { nameKy: string; nameRu: string; nameEn: string; soateCode: string };
	kind: LocalPlanKind;
	/** Kyrgyz; it or `titleRu` may be empty, never both */
	title: string;
	titleRu: string;
	periodStart: number;
	periodEnd: number;
	envelopes: Envelope[];
	rowVersion: number;
	createdAt: Date;
	updatedAt: Date;
}

/** Money by key, exact. */
export type Amounts = Record<string, Money>;

export interface YearSummary {
	year: number | 'total';
	total: Money;
	bySource: Amounts;
	genderAmount: Money;
	/** gender-targeted share of the total, percent with one decimal ("37.5"); "0.0" when the total is 0 */
	genderShare: string;
	unfunded: Money;
	envelope: Money | null;
	/** the local budget lines of the year exceed the envelope the kenesh set */
	overEnvelope: boolean;
	/** by national plan key ("local" for activities without a national source) */
	byPlan: Amounts;
	/** by WPS pillar of the source measure; an activity under two pillars counts in both */
	byPillar: Amounts;
}

export interface Summary {
	years: YearSummary[];
	total: YearSummary;
	/** how many activities come from each national plan key ("local" for local-only) */
	activitiesByPlan: Record<string, number>;
	activities: number;
}

export interface PlanView {
	plan: LocalPlan;
	sections: Section[];
	summary: Summary;
	/** plan keys to their titles, for the by-plan figures */
	planTitles: Record<string, { ky: string; ru?: string; en?: string }>;
}
