/**
 * The gender budget summary of a plan as a document shows it (DESIGN.md §2.3): per year and in
 * total, the money by funding source, the gender-targeted amount and share, the funding gap and the
 * envelope; then by national plan, by WPS pillar, and how many activities each plan gave. Built once
 * (STYLE.md 17): the PDF draws the first block, the XLSX all of them. Pure.
 */
import { m } from '../../paraglide/messages';
import { PILLARS } from '../../plans/vocabulary';
import {
	money,
	sourceLabel,
	text,
	toTyiyn,
	fromTyiyn,
	type Cell,
	type DocLocale
} from './action-table';
import { FUNDING, type PlanView, type YearSummary } from './types';

export interface SummaryRow {
	label: string;
	/** one per column: the years, then the total */
	cells: Cell[];
	strong?: boolean;
	/** cells to mark (an exceeded envelope) */
	alert?: boolean[];
}

export interface SummaryBlock {
	heading: string;
	rows: SummaryRow[];
}

export interface SummaryTable {
	/** the header: the first column's label, then each year and the total */
	head: string[];
	/** by funding source, with the totals, the gender-targeted amount and share, the gap and the envelope */
	budget: SummaryBlock;
	byPlan: SummaryBlock;
	/** empty rows when no activity has a WPS pillar */
	byPillar: SummaryBlock;
	/** how many activities come from each plan, and all of them */
	counts: {
		heading: string;
		countLabel: string;
		rows: { label: string; count: number }[];
		total: { label: string; count: number };
	};
}

const PILLAR_LABEL: Record<string, (o: { locale: DocLocale }) => string> = {
	prevention: (o) => m.pillar_prevention({}, o),
	participation: (o) => m.pillar_participation({}, o),
	protection: (o) => m.pillar_protection({}, o),
	relief_recovery: (o) => m.pillar_relief_recovery({}, o)
};

/** Keys of by-plan figures in a stable order: the view's plans as listed, then others, "local" last. */
function planKeys(view: PlanView, all: YearSummary[]): string[] {
	const seen = new Set<string>([
		...all.flatMap((y) => Object.keys(y.byPlan)),
		...Object.keys(view.summary.activitiesByPlan)
	]);
	const listed = Object.keys(view.planTitles).filter((k) => k !== 'local' && seen.has(k));
	const others = [...seen].filter((k) => k !== 'local' && !listed.includes(k)).sort();
	return [...listed, ...others, ...(seen.has('local') ? ['local'] : [])];
}

function planLabel(view: PlanView, key: string, locale: DocLocale): string {
	if (key === 'local') return m.doc_local_plan({}, { locale });
	const t = view.planTitles[key];
	if (!t) return key;
	return (
		(locale === 'en' ? (t.en ?? t.ru ?? t.ky) : locale === 'ru' ? (t.ru ?? t.ky) : t.ky) || key
	);
}

function pillarKeys(all: YearSummary[]): string[] {
	const seen = new Set(all.flatMap((y) => Object.keys(y.byPillar)));
	const known = PILLARS.filter((p) => seen.has(p));
	return [...known, ...[...seen].filter((p) => !(PILLARS as readonly string[]).includes(p)).sort()];
}

/** The summary in a language; every amount exact (checked as money, refused when not). */
export function summaryTable(view: PlanView, locale: DocLocale): SummaryTable {
	const o = { locale };
	const columns = [...view.summary.years]
		.sort((a, b) => Number(a.year) - Number(b.year))
		.concat(view.summary.total);
	const exact = (a: string) => money(fromTyiyn(toTyiyn(a)));
	const row = (
		label: string,
		pick: (y: YearSummary) => string | null,
		strong = false
	): SummaryRow => ({
		label,
		cells: columns.map((y) => {
			const a = pick(y);
			return a === null ? text('—') : exact(a);
		}),
		...(strong ? { strong } : {})
	});
	const sourceKeys = [
		...FUNDING,
		...[...new Set(columns.flatMap((y) => Object.keys(y.bySource)))]
			.filter((k) => !(FUNDING as readonly string[]).includes(k))
			.sort()
	];
	const yes = m.doc_yes({}, o);
	const no = m.doc_no({}, o);
	const budget: SummaryBlock = {
		heading: m.doc_summary_by_source({}, o),
		rows: [
			...sourceKeys.map((k) => row(sourceLabel(k, locale), (y) => y.bySource[k] ?? '0.00')),
			row(m.doc_summary_total_amount({}, o), (y) => y.total, true),
			row(m.doc_summary_gender_amount({}, o), (y) => y.genderAmount, true),
			{
				label: m.doc_summary_gender_share({}, o),
				cells: columns.map((y): Cell => ({ type: 'share', value: y.genderShare }))
			},
			row(m.doc_summary_unfunded({}, o), (y) => y.unfunded),
			row(m.doc_summary_envelope({}, o), (y) => y.envelope),
			{
				label: m.doc_summary_over_envelope({}, o),
				cells: columns.map((y) => text(y.overEnvelope ? yes : no)),
				alert: columns.map((y) => y.overEnvelope)
			}
		]
	};
	const plans = planKeys(view, columns);
	const amountOf = (a: Record<string, string>, key: string) => a[key] ?? '0.00';
	return {
		head: [
			m.doc_summary_item({}, o),
			...columns.map((y) =>
				y.year === 'total' ? m.doc_summary_total({}, o) : m.doc_summary_year({ year: y.year }, o)
			)
		],
		budget,
		byPlan: {
			heading: m.doc_summary_by_plan({}, o),
			rows: plans.map((k) => row(planLabel(view, k, locale), (y) => amountOf(y.byPlan, k)))
		},
		byPillar: {
			heading: m.doc_summary_by_pillar({}, o),
			rows: pillarKeys(columns).map((k) =>
				row(PILLAR_LABEL[k]?.(o) ?? k, (y) => amountOf(y.byPillar, k))
			)
		},
		counts: {
			heading: m.doc_summary_activities_by_plan({}, o),
			countLabel: m.doc_summary_count({}, o),
			rows: plans.map((k) => ({
				label: planLabel(view, k, locale),
				count: view.summary.activitiesByPlan[k] ?? 0
			})),
			total: { label: m.doc_summary_activities_total({}, o), count: view.summary.activities }
		}
	};
}
