/**
 * The one-page summary people share (issue [13] part 4): of an approved plan or of one submitted
 * report, built once here and drawn by the PDF (pdf.ts) and the PNG (png.ts). Pure: the plan's
 * frozen view, the report's frozen content and the kenesh roster's counts in, a summary out.
 * It holds both languages' texts, so one summary (and its content hash) serves ky and ru.
 *
 * Money stays exact (decimal strings added in tyiyn); only the chart's bar lengths are ratios.
 */
import { addMoney, percentOf, toTyiyn } from '../../money';
import { FUNDING, type Funding } from '../../plans/vocabulary';
import type { ActivityStatus, Frequency } from '../../reports/vocabulary';
import { ACTIVITY_STATUSES } from '../../reports/vocabulary';
import type { Counts } from '../../reports/summary';
import type { PlanView } from '../plans/types';
import type { ReportContent } from '../reports/reports';

/** How many activities the summary lists, the largest budgets first. */
export const TOP_ACTIVITIES = 5;

export interface Bilingual {
	ky: string;
	ru: string;
}

export interface SummaryActivity {
	title: Bilingual;
	/** the plan's whole budget for it, or for a report the year's planned money */
	amount: string;
	/** its gender-targeted part (plan), or what was spent (report) */
	second: string;
}

/** One bar pair of the chart: a funding source with the plan's total and its gender-targeted part, or a report's planned and spent. */
export interface ChartRow {
	source: Funding;
	first: string;
	second: string;
}

export interface SummaryReport {
	/** 2025, 2026S1, 2026Q3 */
	period: string;
	year: number;
	frequency: Frequency;
	number: number;
	/** yyyy-mm-dd */
	submittedOn: string;
	version: number;
	planned: string;
	spent: string;
	/** spent as a percent of planned, one decimal; null when nothing was planned */
	rate: string | null;
	genderSpent: string;
	activities: number;
	statuses: Record<ActivityStatus, number>;
	reached: Counts;
}

export interface SummaryModel {
	kind: 'plan' | 'report';
	planId: number;
	municipality: Bilingual;
	oblast: Bilingual;
	plan: {
		title: Bilingual;
		periodStart: number;
		periodEnd: number;
		decisionNumber: string;
		/** yyyy-mm-dd */
		decisionDate: string;
	};
	budget: { total: string; gender: string; genderShare: string; unfunded: string };
	activities: number;
	top: SummaryActivity[];
	/** activities beyond the top ones */
	more: number;
	chart: ChartRow[];
	/** the kenesh roster as it stands: women's seats of all seats (SDG 5.5.1b) */
	seats: { seats: number; women: number; share: string | null };
	report: SummaryReport | null;
	/** the short link without its language: the origin and `/s/…` */
	link: { origin: string; path: string };
}

export interface PlanSummaryInput {
	planId: number;
	view: PlanView;
	municipality: Bilingual;
	oblast: Bilingual;
	decisionNumber: string;
	decisionDate: string;
	seats: { seats: number; women: number };
	origin: string;
}

export interface ReportSummaryInput extends PlanSummaryInput {
	report: {
		period: string;
		year: number;
		frequency: Frequency;
		number: number;
		submittedOn: string;
		version: number;
		content: ReportContent;
	};
}

const bilingual = (x: { title: string; titleRu: string }): Bilingual => ({
	ky: x.title || x.titleRu,
	ru: x.titleRu || x.title
});

const sum = (amounts: string[]) => (amounts.length ? addMoney(...amounts) : '0.00');

/** Largest first; equal amounts keep the plan's order. */
const byAmount = <T extends { amount: string }>(rows: T[]): T[] =>
	rows
		.map((r, i) => ({ r, i }))
		.sort((a, b) => {
			const d = toTyiyn(b.r.amount) - toTyiyn(a.r.amount);
			return d > 0n ? 1 : d < 0n ? -1 : a.i - b.i;
		})
		.map(({ r }) => r);

function seatShare(s: { seats: number; women: number }): SummaryModel['seats'] {
	return {
		...s,
		share: s.seats === 0 ? null : percentOf(String(s.women), String(s.seats))
	};
}

function common(
	input: PlanSummaryInput
): Omit<SummaryModel, 'kind' | 'top' | 'more' | 'chart' | 'report' | 'link'> {
	const { view } = input;
	const total = view.summary.total;
	return {
		planId: input.planId,
		municipality: input.municipality,
		oblast: input.oblast,
		plan: {
			title: bilingual(view.plan),
			periodStart: view.plan.periodStart,
			periodEnd: view.plan.periodEnd,
			decisionNumber: input.decisionNumber,
			decisionDate: input.decisionDate
		},
		budget: {
			total: total.total,
			gender: total.genderAmount,
			genderShare: total.genderShare,
			unfunded: total.unfunded
		},
		activities: view.summary.activities,
		seats: seatShare(input.seats)
	};
}

/** The summary of an approved plan: its budget, the largest activities and the budget by source with its gender-targeted part. */
export function planSummary(input: PlanSummaryInput): SummaryModel {
	const activities = input.view.sections.flatMap((s) => s.activities);
	const ranked = byAmount(
		activities.map((a) => ({
			title: bilingual(a),
			amount: sum(a.budget.map((b) => b.amount)),
			second: sum(a.budget.map((b) => b.genderAmount))
		}))
	);
	const lines = activities.flatMap((a) => a.budget);
	const chart = FUNDING.map((source) => {
		const of = lines.filter((l) => l.source === source);
		return {
			source,
			first: sum(of.map((l) => l.amount)),
			second: sum(of.map((l) => l.genderAmount))
		};
	}).filter((r) => toTyiyn(r.first) > 0n);
	return {
		kind: 'plan',
		...common(input),
		top: ranked.slice(0, TOP_ACTIVITIES),
		more: Math.max(0, ranked.length - TOP_ACTIVITIES),
		chart,
		report: null,
		link: { origin: input.origin, path: `/s/${input.planId}` }
	};
}

/** The summary of a submitted report: the year's planned and spent money, the activities' statuses and the largest activities with what they spent. */
export function reportSummary(input: ReportSummaryInput): SummaryModel {
	const { content } = input.report;
	const activities = content.sections.flatMap((s) => s.activities);
	const ranked = byAmount(
		activities
			.map((a) => ({
				title: bilingual(a),
				amount: sum(a.lines.map((l) => l.planned)),
				second: sum(a.lines.map((l) => l.spent ?? '0.00'))
			}))
			.filter((a) => toTyiyn(a.amount) > 0n || toTyiyn(a.second) > 0n)
	);
	const statuses = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<
		ActivityStatus,
		number
	>;
	for (const a of activities) statuses[a.status]++;
	const chart = FUNDING.flatMap((source) => {
		const row = content.summary.bySource[source];
		return row && (toTyiyn(row.planned) > 0n || toTyiyn(row.spent) > 0n)
			? [{ source, first: row.planned, second: row.spent }]
			: [];
	});
	const t = content.summary.total;
	return {
		kind: 'report',
		...common(input),
		top: ranked.slice(0, TOP_ACTIVITIES),
		more: Math.max(0, ranked.length - TOP_ACTIVITIES),
		chart,
		report: {
			period: input.report.period,
			year: input.report.year,
			frequency: input.report.frequency,
			number: input.report.number,
			submittedOn: input.report.submittedOn,
			version: input.report.version,
			planned: t.planned,
			spent: t.spent,
			rate: t.rate,
			genderSpent: t.gender,
			activities: activities.length,
			statuses,
			reached: content.beneficiaries.reached
		},
		link: { origin: input.origin, path: `/s/${input.planId}/${input.report.period}` }
	};
}

/** The short link as the summary in a language prints it: Russian readers land on the Russian page. */
export const shortLink = (model: Pick<SummaryModel, 'link'>, lang: 'ky' | 'ru'): string =>
	`${model.link.origin}${lang === 'ru' ? '/ru' : ''}${model.link.path}`;

/** A bar's length as a share (0–1) of the largest amount of the chart. */
export function barRatio(amount: string, chart: ChartRow[]): number {
	const max = chart.reduce(
		(m, r) => [m, toTyiyn(r.first), toTyiyn(r.second)].reduce((a, b) => (b > a ? b : a)),
		0n
	);
	const v = toTyiyn(amount);
	if (max <= 0n || v <= 0n) return 0;
	return Number((v * 100000n) / max) / 100000;
}
