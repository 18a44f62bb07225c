/**
 * What a revision changed against the approved version of a local plan (DESIGN.md §2.4): line by
 * line, text and money. Pure: takes two plan views, returns a description a page can show.
 *
 * A revision is a copy of the approved plan with new database ids, so nothing is matched by id:
 * - activities by an origin key (by default the national measure they come from, or, for local-only
 *   activities, their normalised title — the Kyrgyz one, else the Russian one; the caller can pass
 *   its own, e.g. from a copied-from column);
 * - budget lines, within a matched activity, by (year, source, donor name);
 * - indicators, within a matched activity, by normalised name.
 * Positions (order of sections, activities, lines) never count as changes.
 * Money differences are computed in whole tyiyn (BigInt), never as floating point numbers.
 */

import { fromTyiyn, toTyiyn } from '$lib/money';
import type {
	Activity,
	BudgetLine,
	Funding,
	Indicator,
	IndicatorKind,
	LocalPlanKind,
	Marker,
	Money,
	PlanView,
	Section,
	YearSummary
} from '../plans/types';
import type { Population } from '../../plans/vocabulary';

// ── the shape of a diff ──────────────────────────────────────────────────────

/** A value before (approved) and after (revision). */
export interface Change<T> {
	before: T;
	after: T;
}

/** An amount before and after, and the signed difference after − before ("-24999.50", "0.00"). */
export interface MoneyChange {
	before: Money;
	after: Money;
	difference: Money;
}

export interface Timeline {
	startYear: number | null;
	startQuarter: number | null;
	endYear: number | null;
	endQuarter: number | null;
}

/** The national measure an activity comes from (null for a local-only activity). */
export interface MeasureRef {
	measureStableId: string;
	measureNumber: string;
	planKey: string;
}

/** `title` is the Kyrgyz wording, `titleRu` the Russian one; a wording missing from an old snapshot reads as empty. */
export const ACTIVITY_TEXT_FIELDS = [
	'title',
	'titleRu',
	'reason',
	'responsible',
	'partners',
	'targetGroups'
] as const;
export type ActivityTextField = (typeof ACTIVITY_TEXT_FIELDS)[number];

/** One changed field of an activity, in this order: title, titleRu, reason, responsible, partners, targetGroups, timeline, section, sectionRu, measure. */
export type ActivityFieldChange =
	| { field: ActivityTextField; before: string; after: string }
	| { field: 'timeline'; before: Timeline; after: Timeline }
	/** the Kyrgyz (section) and Russian (sectionRu) title of the section the activity sits in */
	| { field: 'section' | 'sectionRu'; before: string; after: string }
	/** only possible with a caller's originOf (the default matches by measure) */
	| { field: 'measure'; before: MeasureRef | null; after: MeasureRef | null };

export type ActivityField = ActivityFieldChange['field'];

export const BUDGET_LINE_FIELDS = [
	'amount',
	'source',
	'donorName',
	'marker',
	'genderShare',
	'genderAmount',
	'classificationCode',
	'justification',
	'beneficiariesWomen',
	'beneficiariesMen',
	'beneficiariesGirls',
	'beneficiariesBoys'
] as const;
export type BudgetLineField = (typeof BUDGET_LINE_FIELDS)[number];

/** A budget line present in both versions whose content differs. */
export interface BudgetLineChange {
	/** the matching key, as in the revision */
	key: { year: number; source: Funding; donorName: string };
	/** which fields differ, in BUDGET_LINE_FIELDS order */
	changed: BudgetLineField[];
	amount: MoneyChange;
	genderAmount: MoneyChange;
	marker: Change<Marker>;
	/** part of the matching key, so before and after are the same funding source */
	source: Change<Funding>;
	/** percent, as stored ("50", "100") */
	genderShare: Change<string>;
	/** the whole lines, for anything else a page wants to show */
	before: BudgetLine;
	after: BudgetLine;
}

export type IndicatorFieldChange =
	| { field: 'name' | 'unit' | 'dataSource'; before: string; after: string }
	| { field: 'kind'; before: IndicatorKind; after: IndicatorKind }
	| { field: 'population'; before: Population; after: Population }
	/** the baseline's total; also listed when only its women's or men's figure changed */
	| { field: 'baseline'; before: string | null; after: string | null }
	| { field: 'bySex' | 'byAge' | 'byDisability'; before: boolean; after: boolean };

/** A yearly target that differs (its total, or with `sex` the women's or men's figure); null where the version has none. */
export interface TargetChange {
	year: number;
	sex?: 'female' | 'male';
	before: string | null;
	after: string | null;
}

export interface IndicatorChange {
	/** the name in the revision */
	name: string;
	approvedId: number;
	revisionId: number;
	/** in the order name, unit, kind, baseline, bySex, byAge, byDisability, dataSource */
	fields: IndicatorFieldChange[];
	/** by year */
	targets: TargetChange[];
}

export interface ListDiff<T, C> {
	added: T[];
	removed: T[];
	changed: C[];
}

/** An activity only one version has. */
export interface ActivityEntry {
	/** the key it was (not) matched by; null when originOf gave none */
	origin: string | null;
	sectionTitle: string;
	sectionTitleRu: string;
	activity: Activity;
}

export interface ActivityChange {
	origin: string;
	approvedId: number;
	revisionId: number;
	/** the wordings in the revision */
	title: string;
	titleRu: string;
	/** the section titles in the revision */
	sectionTitle: string;
	sectionTitleRu: string;
	measure: MeasureRef | null;
	fields: ActivityFieldChange[];
	budget: ListDiff<BudgetLine, BudgetLineChange>;
	indicators: ListDiff<Indicator, IndicatorChange>;
}

export interface EnvelopeChange {
	year: number;
	/** null where the version set no envelope for the year */
	before: Money | null;
	after: Money | null;
	/** a missing envelope counts as 0 */
	difference: Money;
}

/** Totals of a year (or of the whole period) from the two plan summaries. */
export interface TotalsChange {
	year: number | 'total';
	total: MoneyChange;
	genderAmount: MoneyChange;
	unfunded: MoneyChange;
	/** any of the three differs */
	changed: boolean;
}

export interface PlanDiff {
	hasChanges: boolean;
	plan: {
		title: Change<string> | null;
		titleRu: Change<string> | null;
		kind: Change<LocalPlanKind> | null;
		period: Change<{ start: number; end: number }> | null;
		/** only the years whose envelope differs, by year */
		envelopes: EnvelopeChange[];
	};
	activities: {
		/** in revision order (section position, activity position) */
		added: ActivityEntry[];
		/** in approved order */
		removed: ActivityEntry[];
		/** in revision order */
		changed: ActivityChange[];
		/** activities matched and identical: counted, not listed */
		unchanged: number;
	};
	/** A comparison table, always filled: every year of either summary, then the whole period. */
	totals: {
		years: TotalsChange[];
		total: TotalsChange;
	};
}

export type PlanSide = 'approved' | 'revision';

export interface DiffOptions {
	/**
	 * The key that matches an activity of the approved version to one of the revision; null means
	 * "matches nothing" (it shows as removed or added). Replaces the default entirely — compose with
	 * defaultOriginOf to keep matching by measure. Equal keys on one side are paired in order.
	 */
	originOf?: (activity: Activity, side: PlanSide) => string | null;
}

// ── helpers ──────────────────────────────────────────────────────────────────

/** Text as matched: Unicode-normalised, lower case, single spaces, no outer spaces. */
export function normaliseText(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The measure an activity comes from, or "local:" + its normalised title (Kyrgyz, else Russian). */
export function defaultOriginOf(activity: Activity): string {
	return (
		activity.provenance?.measureStableId ??
		'local:' + normaliseText(activity.title.trim() || (activity.titleRu ?? ''))
	);
}

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/** "050.50" and "50.5" are the same number; other text is compared as trimmed text. */
function canonicalNumber(value: string): string {
	const t = value.trim();
	if (!DECIMAL.test(t)) return t;
	const negative = t.startsWith('-');
	const [w = '', f = ''] = t.replace(/^[-+]/, '').split('.');
	const whole = w.replace(/^0+(?=\d)/, '');
	const fraction = f.replace(/0+$/, '');
	const body = fraction ? `${whole}.${fraction}` : whole;
	return negative && body !== '0' ? '-' + body : body;
}

const sameNumber = (a: string | null, b: string | null) =>
	a === null || b === null ? a === b : canonicalNumber(a) === canonicalNumber(b);
// a text missing from an old snapshot (a Russian wording) is empty
const sameText = (a: string | undefined, b: string | undefined) =>
	(a ?? '').trim() === (b ?? '').trim();
const sameMoney = (a: Money, b: Money) => toTyiyn(a) === toTyiyn(b);

function moneyChange(before: Money, after: Money): MoneyChange {
	return { before, after, difference: fromTyiyn(toTyiyn(after) - toTyiyn(before)) };
}

/** Pairs items of two lists that share a key; equal keys are paired in list order. */
function pairByKey<T>(
	before: T[],
	after: T[],
	keyOf: (item: T, side: PlanSide) => string | null,
	matches: (a: T, b: T) => boolean = () => true
) {
	const pairs: [T, T][] = [];
	const usedBefore = new Set<number>();
	const usedAfter = new Set<number>();
	const afterKeys = after.map((item) => keyOf(item, 'revision'));
	before.forEach((a, i) => {
		const key = keyOf(a, 'approved');
		if (key === null) return;
		const j = after.findIndex((b, n) => afterKeys[n] === key && !usedAfter.has(n) && matches(a, b));
		if (j < 0) return;
		usedBefore.add(i);
		usedAfter.add(j);
		pairs.push([a, after[j]!]);
	});
	return {
		pairs,
		removed: before.filter((_, i) => !usedBefore.has(i)),
		added: after.filter((_, j) => !usedAfter.has(j)),
		// Indices let a second pass continue where this one left off.
		usedBefore,
		usedAfter
	};
}

// ── activities ───────────────────────────────────────────────────────────────

interface Placed {
	activity: Activity;
	section: Section;
}

/** Activities in reading order: by section position, then activity position (ids break ties). */
function placed(view: PlanView): Placed[] {
	const sections = [...view.sections].sort((a, b) => a.position - b.position || a.id - b.id);
	return sections.flatMap((section) =>
		[...section.activities]
			.sort((a, b) => a.position - b.position || a.id - b.id)
			.map((activity) => ({ activity, section }))
	);
}

function measureOf(a: Activity): MeasureRef | null {
	return a.provenance
		? {
				measureStableId: a.provenance.measureStableId,
				measureNumber: a.provenance.measureNumber,
				planKey: a.provenance.planKey
			}
		: null;
}

const timelineOf = (a: Activity): Timeline => ({
	startYear: a.startYear,
	startQuarter: a.startQuarter,
	endYear: a.endYear,
	endQuarter: a.endQuarter
});

function activityFields(before: Placed, after: Placed): ActivityFieldChange[] {
	const a = before.activity;
	const b = after.activity;
	const changes: ActivityFieldChange[] = [];
	for (const field of ACTIVITY_TEXT_FIELDS) {
		if (!sameText(a[field], b[field]))
			changes.push({ field, before: a[field] ?? '', after: b[field] ?? '' });
	}
	const ta = timelineOf(a);
	const tb = timelineOf(b);
	if (
		ta.startYear !== tb.startYear ||
		ta.startQuarter !== tb.startQuarter ||
		ta.endYear !== tb.endYear ||
		ta.endQuarter !== tb.endQuarter
	) {
		changes.push({ field: 'timeline', before: ta, after: tb });
	}
	if (!sameText(before.section.title, after.section.title))
		changes.push({ field: 'section', before: before.section.title, after: after.section.title });
	if (!sameText(before.section.titleRu, after.section.titleRu)) {
		changes.push({
			field: 'sectionRu',
			before: before.section.titleRu ?? '',
			after: after.section.titleRu ?? ''
		});
	}
	const ma = measureOf(a);
	const mb = measureOf(b);
	if ((ma?.measureStableId ?? null) !== (mb?.measureStableId ?? null))
		changes.push({ field: 'measure', before: ma, after: mb });
	return changes;
}

// ── budget lines ─────────────────────────────────────────────────────────────

const lineKey = (l: BudgetLine) => `${l.year}|${l.source}|${normaliseText(l.donorName)}`;

function lineFields(a: BudgetLine, b: BudgetLine): BudgetLineField[] {
	const same: Record<BudgetLineField, boolean> = {
		amount: sameMoney(a.amount, b.amount),
		source: a.source === b.source,
		donorName: sameText(a.donorName, b.donorName),
		marker: a.marker === b.marker,
		genderShare: sameNumber(a.genderShare, b.genderShare),
		genderAmount: sameMoney(a.genderAmount, b.genderAmount),
		classificationCode: sameText(a.classificationCode, b.classificationCode),
		justification: sameText(a.justification, b.justification),
		beneficiariesWomen: a.beneficiariesWomen === b.beneficiariesWomen,
		beneficiariesMen: a.beneficiariesMen === b.beneficiariesMen,
		beneficiariesGirls: a.beneficiariesGirls === b.beneficiariesGirls,
		beneficiariesBoys: a.beneficiariesBoys === b.beneficiariesBoys
	};
	return BUDGET_LINE_FIELDS.filter((f) => !same[f]);
}

/**
 * Lines match by (year, source, donor name). Among lines of the same key, identical lines are
 * paired first, so deleting one of two similar lines shows as that line removed rather than as
 * the other one changed; what is left pairs in order (first unmatched line of the same key).
 */
function diffBudget(
	before: BudgetLine[],
	after: BudgetLine[]
): ListDiff<BudgetLine, BudgetLineChange> {
	const exact = pairByKey(before, after, lineKey, (a, b) => lineFields(a, b).length === 0);
	const rest = pairByKey(
		before.filter((_, i) => !exact.usedBefore.has(i)),
		after.filter((_, j) => !exact.usedAfter.has(j)),
		lineKey
	);
	const changed: BudgetLineChange[] = [];
	// Report changes in revision order.
	const order = new Map(after.map((l, i) => [l, i]));
	for (const [a, b] of [...rest.pairs].sort(
		(x, y) => (order.get(x[1]) ?? 0) - (order.get(y[1]) ?? 0)
	)) {
		const fields = lineFields(a, b);
		if (fields.length === 0) continue;
		changed.push({
			key: { year: b.year, source: b.source, donorName: b.donorName },
			changed: fields,
			amount: moneyChange(a.amount, b.amount),
			genderAmount: moneyChange(a.genderAmount, b.genderAmount),
			marker: { before: a.marker, after: b.marker },
			source: { before: a.source, after: b.source },
			genderShare: { before: a.genderShare, after: b.genderShare },
			before: a,
			after: b
		});
	}
	return { added: rest.added, removed: rest.removed, changed };
}

// ── indicators ───────────────────────────────────────────────────────────────

function indicatorChange(a: Indicator, b: Indicator): IndicatorChange | null {
	const fields: IndicatorFieldChange[] = [];
	if (a.name !== b.name) fields.push({ field: 'name', before: a.name, after: b.name });
	if (!sameText(a.unit, b.unit)) fields.push({ field: 'unit', before: a.unit, after: b.unit });
	if (a.kind !== b.kind) fields.push({ field: 'kind', before: a.kind, after: b.kind });
	if (a.population !== b.population)
		fields.push({ field: 'population', before: a.population, after: b.population });
	if (
		(['total', 'female', 'male'] as const).some((k) => !sameNumber(a.baseline[k], b.baseline[k]))
	) {
		fields.push({ field: 'baseline', before: a.baseline.total, after: b.baseline.total });
	}
	for (const flag of ['bySex', 'byAge', 'byDisability'] as const) {
		if (a[flag] !== b[flag]) fields.push({ field: flag, before: a[flag], after: b[flag] });
	}
	if (!sameText(a.dataSource, b.dataSource))
		fields.push({ field: 'dataSource', before: a.dataSource, after: b.dataSource });

	const valueIn = (ind: Indicator, year: number, k: 'total' | 'female' | 'male') =>
		ind.targets.find((t) => t.year === year)?.[k] ?? null;
	const years = [...new Set([...a.targets, ...b.targets].map((t) => t.year))].sort((x, y) => x - y);
	const targets: TargetChange[] = [];
	for (const year of years) {
		for (const k of ['total', 'female', 'male'] as const) {
			const before = valueIn(a, year, k);
			const after = valueIn(b, year, k);
			if (!sameNumber(before, after))
				targets.push({ year, ...(k === 'total' ? {} : { sex: k }), before, after });
		}
	}
	if (fields.length === 0 && targets.length === 0) return null;
	return { name: b.name, approvedId: a.id, revisionId: b.id, fields, targets };
}

function diffIndicators(
	before: Indicator[],
	after: Indicator[]
): ListDiff<Indicator, IndicatorChange> {
	const { pairs, added, removed } = pairByKey(before, after, (i) => normaliseText(i.name));
	const changed = pairs
		.map(([a, b]) => indicatorChange(a, b))
		.filter((c): c is IndicatorChange => c !== null);
	return { added, removed, changed };
}

// ── plan level ───────────────────────────────────────────────────────────────

function diffEnvelopes(approved: PlanView, revision: PlanView): EnvelopeChange[] {
	const amountIn = (view: PlanView, year: number) =>
		view.plan.envelopes.find((e) => e.year === year)?.amount ?? null;
	const years = [
		...new Set([...approved.plan.envelopes, ...revision.plan.envelopes].map((e) => e.year))
	].sort((a, b) => a - b);
	const changes: EnvelopeChange[] = [];
	for (const year of years) {
		const before = amountIn(approved, year);
		const after = amountIn(revision, year);
		if (before !== null && after !== null && sameMoney(before, after)) continue;
		changes.push({
			year,
			before,
			after,
			difference: moneyChange(before ?? '0.00', after ?? '0.00').difference
		});
	}
	return changes;
}

function totalsChange(
	year: number | 'total',
	a: YearSummary | undefined,
	b: YearSummary | undefined
): TotalsChange {
	const total = moneyChange(a?.total ?? '0.00', b?.total ?? '0.00');
	const genderAmount = moneyChange(a?.genderAmount ?? '0.00', b?.genderAmount ?? '0.00');
	const unfunded = moneyChange(a?.unfunded ?? '0.00', b?.unfunded ?? '0.00');
	const changed = [total, genderAmount, unfunded].some((m) => toTyiyn(m.difference) !== 0n);
	return { year, total, genderAmount, unfunded, changed };
}

function diffTotals(approved: PlanView, revision: PlanView): PlanDiff['totals'] {
	const years = [
		...new Set([...approved.summary.years, ...revision.summary.years].map((y) => y.year))
	]
		.filter((y): y is number => typeof y === 'number')
		.sort((a, b) => a - b);
	const yearOf = (view: PlanView, year: number) => view.summary.years.find((y) => y.year === year);
	return {
		years: years.map((year) => totalsChange(year, yearOf(approved, year), yearOf(revision, year))),
		total: totalsChange('total', approved.summary.total, revision.summary.total)
	};
}

// ── the diff ─────────────────────────────────────────────────────────────────

/** What the revision changed against the approved version. Pure; neither view is modified. */
export function diffPlans(
	approved: PlanView,
	revision: PlanView,
	options: DiffOptions = {}
): PlanDiff {
	const originOf = options.originOf ?? defaultOriginOf;
	const before = placed(approved);
	const after = placed(revision);
	const origins = new Map<Placed, string | null>();
	for (const p of before) origins.set(p, originOf(p.activity, 'approved'));
	for (const p of after) origins.set(p, originOf(p.activity, 'revision'));
	const matched = pairByKey(before, after, (p) => origins.get(p) ?? null);

	const entry = (p: Placed): ActivityEntry => ({
		origin: origins.get(p) ?? null,
		sectionTitle: p.section.title,
		sectionTitleRu: p.section.titleRu ?? '',
		activity: p.activity
	});
	const order = new Map(after.map((p, i) => [p, i]));
	const changed: ActivityChange[] = [];
	let unchanged = 0;
	for (const [a, b] of [...matched.pairs].sort(
		(x, y) => (order.get(x[1]) ?? 0) - (order.get(y[1]) ?? 0)
	)) {
		const fields = activityFields(a, b);
		const budget = diffBudget(a.activity.budget, b.activity.budget);
		const indicators = diffIndicators(a.activity.indicators, b.activity.indicators);
		const same =
			fields.length === 0 &&
			[
				budget.added,
				budget.removed,
				budget.changed,
				indicators.added,
				indicators.removed,
				indicators.changed
			].every((list) => list.length === 0);
		if (same) {
			unchanged++;
			continue;
		}
		changed.push({
			origin: origins.get(b) ?? '',
			approvedId: a.activity.id,
			revisionId: b.activity.id,
			title: b.activity.title,
			titleRu: b.activity.titleRu ?? '',
			sectionTitle: b.section.title,
			sectionTitleRu: b.section.titleRu ?? '',
			measure: measureOf(b.activity),
			fields,
			budget,
			indicators
		});
	}

	const pa = approved.plan;
	const pb = revision.plan;
	const plan: PlanDiff['plan'] = {
		title: sameText(pa.title, pb.title) ? null : { before: pa.title, after: pb.title },
		titleRu: sameText(pa.titleRu, pb.titleRu)
			? null
			: { before: pa.titleRu ?? '', after: pb.titleRu ?? '' },
		kind: pa.kind === pb.kind ? null : { before: pa.kind, after: pb.kind },
		period:
			pa.periodStart === pb.periodStart && pa.periodEnd === pb.periodEnd
				? null
				: {
						before: { start: pa.periodStart, end: pa.periodEnd },
						after: { start: pb.periodStart, end: pb.periodEnd }
					},
		envelopes: diffEnvelopes(approved, revision)
	};
	const activities: PlanDiff['activities'] = {
		added: matched.added.map(entry),
		removed: matched.removed.map(entry),
		changed,
		unchanged
	};
	const totals = diffTotals(approved, revision);

	const hasChanges =
		plan.title !== null ||
		plan.titleRu !== null ||
		plan.kind !== null ||
		plan.period !== null ||
		plan.envelopes.length > 0 ||
		activities.added.length > 0 ||
		activities.removed.length > 0 ||
		activities.changed.length > 0 ||
		totals.total.changed ||
		totals.years.some((y) => y.changed);

	return { hasChanges, plan, activities, totals };
}
