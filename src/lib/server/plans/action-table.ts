/**
 * The action table of a local plan (DESIGN.md §2.5), built once for every document that shows it
 * (STYLE.md 17): the PDF draws it, the XLSX and the CSV write it. Rows of typed cells — text, exact
 * money, numbers, shares, lists — under column definitions, with the totals; the words come from
 * the messages in the document's language. Pure: a `PlanView` in, the table out.
 *
 * Money stays exact: amounts are decimal strings added up in integer tyiyn with BigInt.
 */
import { m } from '../../paraglide/messages';
import { formatNumber } from '../../format';
import { figuresText, targetsText } from '../../plans/indicator-text';
import { AGE_BANDS, DISABILITY } from '../../plans/vocabulary';
import { markedWording, wordingOf } from '../../plans/wording';
import {
	FUNDING,
	type Activity,
	type BudgetLine,
	type Funding,
	type Indicator,
	type Money,
	type PlanView,
	type Section
} from './types';

export type DocLocale = 'ky' | 'ru' | 'en';

/** A cell of a document table. Money and numbers are decimal strings; each format writes them its way. */
export type Cell =
	| { type: 'text'; text: string }
	/** `none`: no budget line at all (the PDF prints a dash, the spreadsheet a zero) */
	| { type: 'money'; value: Money; none?: boolean }
	| { type: 'number'; value: string }
	/** a percent with one decimal, "37.5" */
	| { type: 'share'; value: string }
	/** one line per item (per source, per indicator); a missing item is a dash. Items per indicator read across the columns. */
	| { type: 'list'; items: (string | null)[]; perIndicator?: boolean };

export const text = (t: string): Cell => ({ type: 'text', text: t });
export const money = (value: Money, none = false): Cell => ({
	type: 'money',
	value,
	...(none ? { none } : {})
});
export const list = (items: (string | null)[], perIndicator = false): Cell => ({
	type: 'list',
	items,
	...(perIndicator ? { perIndicator } : {})
});

// ── money, exactly ───────────────────────────────────────────────────────────

const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1250000.50" → 125000050n. Stricter than $lib/money's toTyiyn on purpose: anything that is not a
 * decimal with at most two places is refused, so a document never prints a silently rounded total.
 */
export function toTyiyn(amount: string): bigint {
	const match = MONEY.exec(amount.trim());
	if (!match) throw new Error(`not an amount of money: "${amount}"`);
	// group 2, the whole part, is not optional: a match has it
	const t = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
	return match[1] && t !== 0n ? -t : t;
}

/** 125000050n → "1250000.50". */
export function fromTyiyn(t: bigint): Money {
	const sign = t < 0n ? '-' : '';
	const abs = t < 0n ? -t : t;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const sum = (amounts: Iterable<string>): bigint => {
	let s = 0n;
	for (const a of amounts) s += toTyiyn(a);
	return s;
};

// ── the plan in order ────────────────────────────────────────────────────────

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
	a.position - b.position || a.id - b.id;

/** Sections and their activities in the order the plan gives them. */
export function orderedSections(view: PlanView): { section: Section; activities: Activity[] }[] {
	return [...view.sections]
		.sort(byPosition)
		.map((section) => ({ section, activities: [...section.activities].sort(byPosition) }));
}

/** The number every document gives an activity: section position + 1, activity position + 1. */
export const activityNo = (s: Section, a: Activity) => `${s.position + 1}.${a.position + 1}`;

export const orderedLines = (a: Activity): BudgetLine[] =>
	[...a.budget].sort((x, y) => x.year - y.year || x.id - y.id);

/** The plan years: its period, and any year a budget line or the summary names outside it. */
export function planYears(view: PlanView): number[] {
	const years = new Set<number>();
	const { periodStart, periodEnd } = view.plan;
	for (let y = periodStart; y <= periodEnd && y - periodStart < 100; y++) years.add(y);
	for (const s of view.sections)
		for (const a of s.activities) for (const b of a.budget) years.add(b.year);
	for (const y of view.summary.years) if (typeof y.year === 'number') years.add(y.year);
	return [...years].sort((a, b) => a - b);
}

// ── words ────────────────────────────────────────────────────────────────────

/** A quarter as each language numbers it in a deadline: "II чейрек", "II кв.", "Q2". */
const QUARTER: Record<DocLocale, string[]> = {
	ky: ['', 'I', 'II', 'III', 'IV'],
	ru: ['', 'I', 'II', 'III', 'IV'],
	en: ['', 'Q1', 'Q2', 'Q3', 'Q4']
};

function point(year: number, quarter: number | null, locale: DocLocale): string {
	return quarter && quarter >= 1 && quarter <= 4
		? m.doc_deadline_quarter({ year, quarter: QUARTER[locale][quarter]! }, { locale })
		: m.doc_deadline_year({ year }, { locale });
}

/** "2025-ж. II чейрек – 2027-ж. IV чейрек" / "II кв. 2025 – IV кв. 2027" / "2025 Q2 – 2027 Q4". */
export function formatActivityPeriod(
	a: Pick<Activity, 'startYear' | 'startQuarter' | 'endYear' | 'endQuarter'>,
	locale: DocLocale
): string {
	const from = a.startYear !== null ? point(a.startYear, a.startQuarter, locale) : null;
	const to = a.endYear !== null ? point(a.endYear, a.endQuarter, locale) : null;
	if (from && to) return from === to ? from : `${from} – ${to}`;
	return from ?? to ?? '';
}

const SOURCE_LABEL: Record<Funding, (o: { locale: DocLocale }) => string> = {
	local_budget: (o) => m.funding_local_budget({}, o),
	republican_budget: (o) => m.funding_republican_budget({}, o),
	incentive_grant: (o) => m.funding_incentive_grant({}, o),
	donor: (o) => m.funding_donor({}, o),
	community_private: (o) => m.funding_community_private({}, o),
	unfunded: (o) => m.funding_unfunded({}, o)
};

/** A funding source in the document's language; an unknown one as stored. */
export const sourceLabel = (source: string, locale: DocLocale): string =>
	SOURCE_LABEL[source as Funding]?.({ locale }) ?? source;

const PLAN_KIND_LABEL = {
	gender_nap: (o: { locale: DocLocale }) => m.doc_plan_kind_gender_nap({}, o),
	nap_1325: (o: { locale: DocLocale }) => m.doc_plan_kind_nap_1325({}, o),
	other: (o: { locale: DocLocale }) => m.doc_plan_kind_other({}, o)
};

/** The short name of a kind of national plan ("Гендердик ИУП", "НПД 1325"). */
export const planKindLabel = (kind: string, locale: DocLocale): string =>
	PLAN_KIND_LABEL[kind as keyof typeof PLAN_KIND_LABEL]?.({ locale }) ?? '';

/** The legend of the gender marker: "Гендердик маркер: 0 — …; 1 — …; 2 — …." */
export function markerLegend(locale: DocLocale): string {
	const o = { locale };
	const names = [m.doc_marker_0({}, o), m.doc_marker_1({}, o), m.doc_marker_2({}, o)];
	return `${m.doc_col_markers({}, o)}: ${names.map((name, i) => `${i} — ${name}`).join('; ')}.`;
}

// ── the action table ─────────────────────────────────────────────────────────

/** Every column a document may show; each format picks its own. `year:2026` is a year's money. */
export type ColumnId =
	| 'no'
	| 'task'
	| 'measure'
	| 'source'
	| 'activity'
	| 'baseline'
	| 'indicator'
	| 'deadline'
	| 'expectedResult'
	| 'responsible'
	| 'partners'
	| 'targetGroups'
	| `year:${number}`
	| 'total'
	| 'genderTotal'
	| 'markers'
	| 'sources';

export interface Column {
	id: ColumnId;
	label: string;
	/** money columns are right-aligned and summed in the total row */
	money: boolean;
}

export interface ActivityRow {
	section: Section;
	activity: Activity;
	cells: Record<ColumnId, Cell>;
}

export interface ActionTable {
	years: number[];
	columns: Record<ColumnId, Column>;
	sections: { section: Section; no: string; title: string; rows: ActivityRow[] }[];
	/** the total row: the money columns summed */
	totals: Partial<Record<ColumnId, Cell>>;
	/** the label of the total row */
	totalLabel: string;
}

const yearColumn = (year: number): ColumnId => `year:${year}`;

const indicatorName = (ind: Indicator) =>
	ind.unit.trim() ? `${ind.name} (${ind.unit.trim()})` : ind.name;

/** "2.1.3 (Гендердик ИУП 2025–2027)": the national measure an activity comes from, short. */
function measureShort(a: Activity, locale: DocLocale): string {
	const p = a.provenance;
	if (!p) return m.doc_local_only({}, { locale });
	return `${p.measureNumber} (${planKindLabel(p.planKind, locale)} ${p.planPeriod.start}–${p.planPeriod.end})`;
}

/** "Улуттук пландын чарасы 2.1.3: <the plan's title> (2025–2027)": the same, in full. */
function measureFull(a: Activity, locale: DocLocale): string {
	const p = a.provenance;
	if (!p) return m.doc_local_only({}, { locale });
	const t = p.planTitle;
	const title =
		(locale === 'ky' ? t.ky || t.ru : locale === 'ru' ? t.ru || t.ky : t.en || t.ru || t.ky) ||
		planKindLabel(p.planKind, locale) ||
		p.planKey;
	// a title such as "… на 2018-2020 годы" already names its period
	const named = [p.planPeriod.start, p.planPeriod.end].every((y) => title.includes(String(y)));
	return `${m.doc_col_measure({}, { locale })} ${p.measureNumber}: ${title}${named ? '' : ` (${p.planPeriod.start}–${p.planPeriod.end})`}`;
}

/** The funding sources of an activity's lines, donors named, in the order of FUNDING. */
function sources(lines: BudgetLine[], locale: DocLocale): string[] {
	const present = new Set<string>(lines.map((b) => b.source));
	const donors = [
		...new Set(
			lines.filter((b) => b.source === 'donor' && b.donorName.trim()).map((b) => b.donorName.trim())
		)
	];
	const known = FUNDING.filter((f) => present.has(f)).map((f) =>
		f === 'donor' && donors.length
			? `${sourceLabel(f, locale)} (${donors.join(', ')})`
			: sourceLabel(f, locale)
	);
	const unknown = [...present].filter((f) => !(FUNDING as readonly string[]).includes(f));
	return [...known, ...unknown];
}

function activityCells(
	section: Section,
	a: Activity,
	years: number[],
	locale: DocLocale
): Record<ColumnId, Cell> {
	const lines = orderedLines(a);
	const inds = a.indicators;
	const cells: Record<string, Cell> = {
		no: text(activityNo(section, a)),
		task: text(`${section.position + 1}. ${markedWording(wordingOf(section), locale)}`),
		measure: text(measureShort(a, locale)),
		source: text(measureFull(a, locale)),
		activity: text(markedWording(wordingOf(a), locale)),
		baseline: list(
			inds.map((i) => figuresText(i, i.baseline, locale)),
			true
		),
		indicator: list(inds.map(indicatorName), true),
		deadline: text(formatActivityPeriod(a, locale)),
		expectedResult: list(
			inds.map((i) => targetsText(i, locale)),
			true
		),
		responsible: text(a.responsible.trim()),
		partners: text(a.partners),
		targetGroups: text(a.targetGroups),
		total: money(fromTyiyn(sum(lines.map((b) => b.amount)))),
		genderTotal: money(fromTyiyn(sum(lines.map((b) => b.genderAmount)))),
		markers: text([...new Set(lines.map((b) => b.marker))].sort((x, y) => x - y).join(', ')),
		sources: list(sources(lines, locale))
	};
	for (const y of years) {
		const ofYear = lines.filter((b) => b.year === y);
		cells[yearColumn(y)] = money(fromTyiyn(sum(ofYear.map((b) => b.amount))), ofYear.length === 0);
	}
	return cells as Record<ColumnId, Cell>;
}

/** The action table of a plan in a language: every column, the activities by section, the totals. */
export function actionTable(view: PlanView, locale: DocLocale): ActionTable {
	const o = { locale };
	const years = planYears(view);
	const column = (id: ColumnId, label: string, isMoney = false): [ColumnId, Column] => [
		id,
		{ id, label, money: isMoney }
	];
	const columns = Object.fromEntries([
		column('no', m.doc_col_no({}, o)),
		column('task', m.doc_col_task({}, o)),
		column('measure', m.doc_col_measure({}, o)),
		column('source', m.doc_col_measure({}, o)),
		column('activity', m.doc_col_activity({}, o)),
		column('baseline', m.doc_col_baseline({}, o)),
		column('indicator', m.doc_col_indicator({}, o)),
		column('deadline', m.doc_col_deadline({}, o)),
		column('expectedResult', m.doc_col_expected_result({}, o)),
		column('responsible', m.doc_col_responsible({}, o)),
		column('partners', m.doc_col_partners({}, o)),
		column('targetGroups', m.doc_col_target_groups({}, o)),
		...years.map((year) => column(yearColumn(year), m.doc_col_year_amount({ year }, o), true)),
		column('total', m.doc_col_total({}, o), true),
		column('genderTotal', m.doc_col_gender_total({}, o), true),
		column('markers', m.doc_col_markers({}, o)),
		column('sources', m.doc_col_sources({}, o))
	]) as Record<ColumnId, Column>;
	const sections = orderedSections(view).map(({ section, activities }) => ({
		section,
		no: String(section.position + 1),
		title: markedWording(wordingOf(section), locale),
		rows: activities.map((activity) => ({
			section,
			activity,
			cells: activityCells(section, activity, years, locale)
		}))
	}));
	const rows = sections.flatMap((s) => s.rows);
	const totals: Partial<Record<ColumnId, Cell>> = {};
	for (const c of Object.values(columns)) {
		if (!c.money) continue;
		totals[c.id] = money(
			fromTyiyn(sum(rows.map((r) => (r.cells[c.id] as { value: Money }).value)))
		);
	}
	return { years, columns, sections, totals, totalLabel: m.doc_total_row({}, o) };
}

/** A column of the table by its id: the table has every column, and one per year of `table.years`. */
export function columnOf(table: ActionTable, id: ColumnId): Column {
	const column = table.columns[id];
	if (!column) throw new Error(`the action table has no column ${id}`);
	return column;
}

// ── the indicators, figure by figure ─────────────────────────────────────────

export interface IndicatorColumn {
	id:
		| 'no'
		| 'activity'
		| 'indicator'
		| 'unit'
		| 'kind'
		| 'period'
		| 'total'
		| 'female'
		| 'male'
		| `age:${string}`
		| `disability:${string}`;
	label: string;
	/** the figures: numbers in the spreadsheet */
	figure: boolean;
}

export interface IndicatorTable {
	columns: IndicatorColumn[];
	/** one row per indicator and period (the baseline, then each year with a figure) */
	rows: Record<IndicatorColumn['id'], Cell>[];
}

const KIND_LABEL = {
	count: (o: { locale: DocLocale }) => m.indicator_kind_count({}, o),
	percent: (o: { locale: DocLocale }) => m.indicator_kind_percent({}, o),
	yes_no: (o: { locale: DocLocale }) => m.indicator_kind_yes_no({}, o),
	money: (o: { locale: DocLocale }) => m.indicator_kind_money({}, o)
};

/**
 * Every figure of every indicator in cells of its own — total, women (girls), men (boys), each age
 * band, with and without disability — so a spreadsheet holds them as numbers.
 */
export function indicatorTable(view: PlanView, locale: DocLocale): IndicatorTable {
	const o = { locale };
	const bands = [...AGE_BANDS.children, ...AGE_BANDS.adults];
	const columns: IndicatorColumn[] = [
		{ id: 'no', label: m.doc_col_no({}, o), figure: false },
		{ id: 'activity', label: m.doc_col_activity({}, o), figure: false },
		{ id: 'indicator', label: m.doc_col_indicator({}, o), figure: false },
		{ id: 'unit', label: m.doc_ind_unit({}, o), figure: false },
		{ id: 'kind', label: m.doc_ind_kind({}, o), figure: false },
		{ id: 'period', label: m.doc_ind_period({}, o), figure: false },
		{ id: 'total', label: m.doc_ind_total({}, o), figure: true },
		{ id: 'female', label: m.doc_ind_female({}, o), figure: true },
		{ id: 'male', label: m.doc_ind_male({}, o), figure: true },
		...bands.map((b): IndicatorColumn => ({
			id: `age:${b}`,
			label: m.doc_ind_age({ band: b.replace('-', '–') }, o),
			figure: true
		})),
		{ id: 'disability:with', label: m.doc_ind_disability_with({}, o), figure: true },
		{ id: 'disability:without', label: m.doc_ind_disability_without({}, o), figure: true }
	];
	const figure = (v: string | null | undefined): Cell =>
		v === null || v === undefined ? text('') : { type: 'number', value: v };
	const rows: IndicatorTable['rows'] = [];
	for (const { section, activities } of orderedSections(view)) {
		for (const a of activities) {
			for (const ind of a.indicators) {
				const periods = [
					{ label: m.doc_ind_baseline({}, o), f: ind.baseline },
					...[...ind.targets]
						.sort((x, y) => x.year - y.year)
						.map((t) => ({ label: String(t.year), f: t }))
				];
				for (const { label, f } of periods) {
					if (
						f.total === null &&
						f.female === null &&
						f.male === null &&
						!Object.keys(f.age).length &&
						!Object.keys(f.disability).length
					)
						continue;
					const row: Record<string, Cell> = {
						no: text(activityNo(section, a)),
						activity: text(markedWording(wordingOf(a), locale)),
						indicator: text(ind.name),
						unit: text(ind.unit),
						kind: text(KIND_LABEL[ind.kind]?.(o) ?? ind.kind),
						period: text(label),
						total: figure(f.total),
						female: figure(f.female),
						male: figure(f.male)
					};
					for (const b of bands) row[`age:${b}`] = figure(f.age[b]);
					for (const d of DISABILITY) row[`disability:${d}`] = figure(f.disability[d]);
					rows.push(row as IndicatorTable['rows'][number]);
				}
			}
		}
	}
	return { columns, rows };
}

/** A number or a share as officials write it in text: no trailing zeros, the decimal comma in ky and ru. */
export const numberText = (value: string, locale: DocLocale): string => formatNumber(value, locale);
