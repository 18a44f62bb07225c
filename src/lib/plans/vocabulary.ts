/**
 * The words of local plans that the server and the pages share: funding sources, markers, plan
 * kinds and states, WPS pillars, and the breakdown of indicators by sex, age band and disability.
 * Labels live in the messages (`funding_local_budget`, `marker_1`, `sex_female`, …).
 */

export const LOCAL_PLAN_KINDS = ['development_programme', 'gender_plan', 'wps_plan'] as const;
export type LocalPlanKind = (typeof LOCAL_PLAN_KINDS)[number];

export const PLAN_STATES = ['draft', 'submitted', 'approved'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** Where the money of a budget line comes from, in the words of Kyrgyz local finance. */
export const FUNDING = [
	'local_budget',
	'republican_budget',
	'incentive_grant',
	'donor',
	'community_private',
	'unfunded'
] as const;
export type Funding = (typeof FUNDING)[number];

/** OECD DAC gender marker: 0 not targeted, 1 significant, 2 principal. */
export const MARKERS = [0, 1, 2] as const;
export type Marker = (typeof MARKERS)[number];

export const INDICATOR_KINDS = ['count', 'percent', 'yes_no', 'money'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** The four pillars of Women, Peace and Security (UNSCR 1325). */
export const PILLARS = ['prevention', 'participation', 'protection', 'relief_recovery'] as const;
export type Pillar = (typeof PILLARS)[number];

/** Who an indicator counts: adults are women and men, children are girls and boys. */
export const POPULATIONS = ['adults', 'children'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Sex as statistics record it (ADX/SDMX SEX codes F and M). */
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_CODE: Record<Sex, 'F' | 'M'> = { female: 'F', male: 'M' };

/** Age bands of a disaggregated indicator, by population. */
export const AGE_BANDS = {
	children: ['0-5', '6-13', '14-17'],
	adults: ['18-29', '30-59', '60+']
} as const satisfies Record<Population, readonly string[]>;
export type AgeBand = (typeof AGE_BANDS)[Population][number];

export const DISABILITY = ['with', 'without'] as const;
export type Disability = (typeof DISABILITY)[number];
