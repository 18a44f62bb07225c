/**
 * The local action plan as a PDF (DESIGN.md §2.5) in Kyrgyz or Russian: a title page, the action
 * table in the layout of the national plans with the budget per year, the gender budget summary with
 * a small chart, and the signature blocks.
 *
 * `planDocDefinition` is pure (STYLE.md item 10): a plan in, a pdfmake document definition out; no
 * clock, no files, no database. `renderPlanPdf` hands that definition to pdfmake with the Roboto
 * fonts pdfmake ships (they carry the Kyrgyz letters ң ө ү).
 *
 * Money stays exact: amounts are decimal strings added up in integer tyiyn; only the bars of the
 * chart are drawn from a ratio.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import * as pdfmakeModule from 'pdfmake';
import { formatDate, formatMoney, formatNumber, formatShare, textIn } from '../../format';
import { fromTyiyn, toTyiyn } from '../../money';
import { printable } from './printable';
import { EXPORT_LABELS, formatActivityPeriod, type ExportLabels } from '../plans/export';
import {
	FUNDING,
	type Activity,
	type BudgetLine,
	type Funding,
	type Indicator,
	type PlanView,
	type Section,
	type YearSummary
} from '../plans/types';

export type PlanPdfLang = 'ky' | 'ru';

export interface PlanDocumentInput {
	view: PlanView;
	municipality: {
		nameKy: string;
		nameRu: string;
		rayonKy: string;
		rayonRu: string;
		oblastKy: string;
		oblastRu: string;
	};
	profile: { headName: string; keneshChairName: string };
	/** the kenesh decision that approved this version; null for a draft */
	approval: {
		decisionNumber: string;
		decisionDate: string /* YYYY-MM-DD */;
		contentHash: string;
	} | null;
	/** drafts carry a watermark */
	draft: boolean;
}

// ── words ────────────────────────────────────────────────────────────────────

/** The words only the PDF prints; the table and summary headings come from EXPORT_LABELS. */
export interface PdfLabels {
	country: string;
	oblast: string;
	rayon: string;
	municipality: string;
	period: string;
	/** "{start}", "{end}" */
	periodValue: string;
	decision: string;
	/** "{number}", "{date}" */
	decisionValue: string;
	/** the approval stamp of the title page: "{number}", "{date}" */
	approvedBy: string;
	draftNote: string;
	contentHash: string;
	activities: string;
	actionPlan: string;
	task: string;
	summary: string;
	chart: string;
	chartTotal: string;
	chartGender: string;
	noActivities: string;
	head: string;
	keneshChair: string;
	signature: string;
	seal: string;
	/** "{n}", "{m}" */
	page: string;
	watermark: string;
}

export const PDF_LABELS: Record<PlanPdfLang, PdfLabels> = {
	ky: {
		country: 'Кыргыз Республикасы',
		oblast: 'Облус',
		rayon: 'Район',
		municipality: 'Муниципалитет',
		period: 'Пландын мөөнөтү',
		periodValue: '{start}–{end}-жж.',
		decision: 'Жергиликтүү кеңештин токтому',
		decisionValue: '{date}-ж. №\u00a0{number}',
		approvedBy: 'Жергиликтүү кеңештин {date}-ж. №\u00a0{number} токтому менен бекитилген',
		draftNote: 'Долбоор: жергиликтүү кеңеш тарабынан бекитиле элек',
		contentHash: 'Бекитилген версиянын мазмунунун хэши (SHA-256)',
		activities: 'Иш-чаралардын саны',
		actionPlan: 'Иш-чаралар планы',
		task: 'Милдет',
		summary: 'Гендердик бюджеттин жыйынтыгы',
		chart: 'Жылдар боюнча бардык каражат жана анын ичинде гендердик максаттуу каражат, сом',
		chartTotal: 'Бардык каражат',
		chartGender: 'Гендердик максаттуу каражат',
		noActivities: 'Планда азырынча иш-чаралар жок.',
		head: 'Айыл өкмөтүнүн башчысы',
		keneshChair: 'Жергиликтүү кеңештин төрагасы',
		signature: '(колу)',
		seal: 'М.О.',
		page: '{n}-бет, бардыгы {m}',
		watermark: 'ДОЛБООР'
	},
	ru: {
		country: 'Кыргызская Республика',
		oblast: 'Область',
		rayon: 'Район',
		municipality: 'Муниципалитет',
		period: 'Срок плана',
		periodValue: '{start}–{end} гг.',
		decision: 'Постановление местного кенеша',
		decisionValue: '№\u00a0{number} от {date}',
		approvedBy: 'Утверждён постановлением местного кенеша от {date} №\u00a0{number}',
		draftNote: 'Проект: не утверждён местным кенешем',
		contentHash: 'Хеш содержимого утверждённой версии (SHA-256)',
		activities: 'Количество мероприятий',
		actionPlan: 'План мероприятий',
		task: 'Задача',
		summary: 'Сводка гендерного бюджета',
		chart: 'Всего средств и в том числе гендерно-целевые средства по годам, сом',
		chartTotal: 'Всего средств',
		chartGender: 'Гендерно-целевые средства',
		noActivities: 'В плане пока нет мероприятий.',
		head: 'Глава айыл окмоту',
		keneshChair: 'Председатель местного кенеша',
		signature: '(подпись)',
		seal: 'М.П.',
		page: 'Страница {n} из {m}',
		watermark: 'ПРОЕКТ'
	}
};

const fill = (template: string, values: Record<string, string | number>) =>
	template.replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));

// ── the plan, in order ──────────────────────────────────────────────────────

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
	a.position - b.position || a.id - b.id;

function orderedSections(view: PlanView): { section: Section; activities: Activity[] }[] {
	return [...view.sections]
		.sort(byPosition)
		.map((section) => ({ section, activities: [...section.activities].sort(byPosition) }));
}

/** The same numbers as the XLSX export: section position + 1, activity position + 1. */
const activityNo = (s: Section, a: Activity) => `${s.position + 1}.${a.position + 1}`;

/** The plan years: its period, and any year a budget line or the summary names outside it. */
function planYears(view: PlanView): number[] {
	const years = new Set<number>();
	const { periodStart, periodEnd } = view.plan;
	for (let y = periodStart; y <= periodEnd && y - periodStart < 100; y++) years.add(y);
	for (const s of view.sections)
		for (const a of s.activities) for (const b of a.budget) years.add(b.year);
	for (const y of view.summary.years) if (typeof y.year === 'number') years.add(y.year);
	return [...years].sort((a, b) => a - b);
}

const sumTyiyn = (amounts: Iterable<string>) => {
	let s = 0n;
	for (const a of amounts) s += toTyiyn(a);
	return s;
};

const money = (tyiyn: bigint | string, lang: PlanPdfLang) =>
	formatMoney(typeof tyiyn === 'string' ? tyiyn : fromTyiyn(tyiyn), lang, { currency: false });

// ── cells of the action table ────────────────────────────────────────────────

const YES = new Set(['1', 'true', 'yes', 'да', 'ооба']);
const NO = new Set(['0', 'false', 'no', 'нет', 'жок']);
const NUMBER = /^-?\d+(\.\d+)?$/;

function value(ind: Indicator, v: string | null, l: ExportLabels, lang: PlanPdfLang): string {
	const text = (v ?? '').trim();
	if (!text) return '—';
	if (ind.kind === 'yes_no') {
		const low = text.toLowerCase();
		return YES.has(low) ? l.yes : NO.has(low) ? l.no : text;
	}
	return NUMBER.test(text) ? formatNumber(text, lang) : text;
}

/** One line per indicator, numbered when there are several, so the columns read across. */
function perIndicator(inds: Indicator[], line: (ind: Indicator) => string): string {
	if (inds.length === 0) return '—';
	if (inds.length === 1) return line(inds[0]);
	return inds.map((ind, i) => `${i + 1}) ${line(ind)}`).join('\n');
}

const indicatorName = (ind: Indicator) =>
	ind.unit.trim() ? `${ind.name} (${ind.unit.trim()})` : ind.name;

function expectedResult(ind: Indicator, l: ExportLabels, lang: PlanPdfLang): string {
	const targets = [...ind.targets].sort((a, b) => a.year - b.year);
	return targets.length
		? targets.map((t) => `${t.year}: ${value(ind, t.value, l, lang)}`).join('; ')
		: '—';
}

function sourcesCell(lines: BudgetLine[], l: ExportLabels): string {
	const present = new Set<string>(lines.map((b) => b.source));
	const donors = [
		...new Set(
			lines.filter((b) => b.source === 'donor' && b.donorName.trim()).map((b) => b.donorName.trim())
		)
	];
	const known = FUNDING.filter((f) => present.has(f)).map((f) =>
		f === 'donor' && donors.length ? `${l.sources.donor} (${donors.join(', ')})` : l.sources[f]
	);
	const unknown = [...present].filter((f) => !(FUNDING as readonly string[]).includes(f));
	return [...known, ...unknown].join('\n') || '—';
}

/** The period of an activity, its start and end on lines of their own. */
const deadline = (a: Activity, lang: PlanPdfLang) =>
	formatActivityPeriod(a, lang).replace(' – ', ' –\n') || '—';

function measureNote(a: Activity, l: ExportLabels, lang: PlanPdfLang): string {
	const p = a.provenance;
	if (!p) return l.localOnly;
	const plan = textIn(p.planTitle, lang) || l.planKinds[p.planKind] || p.planKey;
	// a title such as "… на 2018-2020 годы" already names its period
	const named = [p.planPeriod.start, p.planPeriod.end].every((y) => plan.includes(String(y)));
	return `${l.plan.measure} ${p.measureNumber}: ${plan}${named ? '' : ` (${p.planPeriod.start}–${p.planPeriod.end})`}`;
}

// ── layout ──────────────────────────────────────────────────────────────────

const A4 = { width: 595.28, height: 841.89 };
const MARGINS: [number, number, number, number] = [28, 28, 28, 40];
const TITLE_MARGINS: [number, number, number, number] = [60, 48, 60, 40];
const CELL_PADDING = 2;
const TABLE_FONT = 7;
const HEADER_FILL = '#d9e2ec';
const TOTAL_FILL = '#eef2f6';
const BAR_TOTAL = '#5b7fa6';
const BAR_GENDER = '#b0417a';

const gridLayout = {
	hLineWidth: () => 0.5,
	vLineWidth: () => 0.5,
	hLineColor: () => '#7a7a7a',
	vLineColor: () => '#7a7a7a',
	paddingLeft: () => CELL_PADDING,
	paddingRight: () => CELL_PADDING,
	paddingTop: () => 1.5,
	paddingBottom: () => 1.5
};

/**
 * Column widths of the action table on a landscape page: fixed narrow columns for the number,
 * money and marker, the rest shared by weight so the activity gets the widest text column.
 */
function actionWidths(years: number): number[] {
	const columns = 10 + years;
	const usable =
		A4.height - MARGINS[0] - MARGINS[2] - columns * 2 * CELL_PADDING - (columns + 1) * 0.5;
	const no = 22;
	const yearWidth = years > 5 ? 44 : 52;
	const marker = 40;
	const text = Math.max(usable - no - marker - years * yearWidth, 160);
	// task, activity, baseline, indicator, deadline, expected result, responsible, funding
	const weights = [1.05, 2, 0.7, 1.2, 1.15, 1, 1.05, 1.35];
	const total = weights.reduce((s, w) => s + w, 0);
	const widths = weights.map((w) => Math.floor((text * w) / total));
	return [
		no,
		widths[0],
		widths[1],
		widths[2],
		widths[3],
		widths[4],
		widths[5],
		widths[6],
		widths[7],
		...Array(years).fill(yearWidth),
		marker
	];
}

function actionTable(view: PlanView, lang: PlanPdfLang): Content {
	const l = EXPORT_LABELS[lang];
	const pl = PDF_LABELS[lang];
	const years = planYears(view);
	const p = l.plan;
	const head = (text: string): TableCell => ({
		text,
		bold: true,
		alignment: 'center',
		fillColor: HEADER_FILL
	});
	const header: TableCell[] = [
		head(p.no),
		head(pl.task),
		head(p.activity),
		head(p.baseline),
		head(p.indicator),
		head(p.deadline),
		head(p.expectedResult),
		head(p.responsible),
		head(p.sources),
		...years.map((year) => head(fill(p.yearAmount, { year }))),
		head(p.markers)
	];
	const body: TableCell[][] = [header];
	const yearTotals = years.map(() => 0n);
	for (const { section, activities } of orderedSections(view)) {
		const task = `${section.position + 1}. ${section.title}`;
		for (const [k, a] of activities.entries()) {
			const lines = [...a.budget].sort((x, y) => x.year - y.year || x.id - y.id);
			const perYear = years.map((y) => {
				const ofYear = lines.filter((b) => b.year === y);
				return ofYear.length ? sumTyiyn(ofYear.map((b) => b.amount)) : null;
			});
			perYear.forEach((t, i) => {
				if (t !== null) yearTotals[i] += t;
			});
			const inds = a.indicators;
			body.push([
				{ text: activityNo(section, a), alignment: 'center' },
				// on every row, not merged: a section that runs over a page keeps its task in view
				{ text: task, color: k === 0 ? undefined : '#555555' },
				{
					stack: [
						{ text: a.title },
						{
							text: measureNote(a, l, lang),
							fontSize: TABLE_FONT - 1,
							color: '#555555',
							margin: [0, 1.5, 0, 0]
						}
					]
				},
				{ text: perIndicator(inds, (i) => value(i, i.baseline, l, lang)) },
				{ text: perIndicator(inds, indicatorName) },
				{ text: deadline(a, lang) },
				{ text: perIndicator(inds, (i) => expectedResult(i, l, lang)) },
				{ text: a.responsible.trim() || '—' },
				{ text: sourcesCell(lines, l) },
				...perYear.map((t): TableCell => ({
					text: t === null ? '—' : money(t, lang),
					alignment: 'right'
				})),
				{
					text: [...new Set(lines.map((b) => b.marker))].sort((x, y) => x - y).join(', ') || '—',
					alignment: 'center'
				}
			]);
		}
	}
	if (body.length === 1) {
		body.push([
			{ text: pl.noActivities, colSpan: header.length, italics: true },
			...Array(header.length - 1).fill({})
		]);
	}
	const totalLabelSpan = 9;
	body.push([
		{
			text: p.totalRow,
			bold: true,
			colSpan: totalLabelSpan,
			alignment: 'right',
			fillColor: TOTAL_FILL
		},
		...Array(totalLabelSpan - 1).fill({}),
		...yearTotals.map((t): TableCell => ({
			text: money(t, lang),
			bold: true,
			alignment: 'right',
			fillColor: TOTAL_FILL
		})),
		{ text: '', fillColor: TOTAL_FILL }
	]);
	const table: ContentTable = {
		table: { headerRows: 1, dontBreakRows: true, widths: actionWidths(years.length), body },
		layout: gridLayout,
		fontSize: TABLE_FONT
	};
	return table;
}

// ── the gender budget summary ───────────────────────────────────────────────

function summaryTable(view: PlanView, lang: PlanPdfLang): Content {
	const l = EXPORT_LABELS[lang];
	const s = l.summary;
	const columns: YearSummary[] = [...view.summary.years]
		.sort((a, b) => Number(a.year) - Number(b.year))
		.concat(view.summary.total);
	const width = columns.length + 1;
	const head = (text: string): TableCell => ({
		text,
		bold: true,
		alignment: 'center',
		fillColor: HEADER_FILL
	});
	const body: TableCell[][] = [
		[
			head(s.item),
			...columns.map((y) => head(y.year === 'total' ? s.total : fill(s.year, { year: y.year })))
		]
	];
	const heading = (text: string) =>
		body.push([
			{ text, bold: true, colSpan: width, fillColor: TOTAL_FILL },
			...Array(width - 1).fill({})
		]);
	const row = (label: string, pick: (y: YearSummary) => string, bold = false) =>
		body.push([
			{ text: label, bold },
			...columns.map((y): TableCell => ({ text: pick(y), alignment: 'right', bold }))
		]);
	const sourceKeys = [
		...FUNDING,
		...[...new Set(columns.flatMap((y) => Object.keys(y.bySource)))]
			.filter((k) => !(FUNDING as readonly string[]).includes(k))
			.sort()
	];

	heading(s.bySource);
	for (const k of sourceKeys)
		row(l.sources[k as Funding] ?? k, (y) => money(y.bySource[k] ?? '0.00', lang));
	row(s.totalAmount, (y) => money(y.total, lang), true);
	row(s.genderAmount, (y) => money(y.genderAmount, lang), true);
	row(s.genderShare, (y) => formatShare(y.genderShare, lang));
	row(s.unfunded, (y) => money(y.unfunded, lang));
	row(s.envelope, (y) => (y.envelope === null ? '—' : money(y.envelope, lang)));
	body.push([
		{ text: s.overEnvelope },
		...columns.map((y): TableCell => ({
			text: y.overEnvelope ? l.yes : l.no,
			alignment: 'right',
			bold: y.overEnvelope,
			color: y.overEnvelope ? '#c00000' : undefined
		}))
	]);

	const moneyWidth = 78;
	return {
		table: {
			headerRows: 1,
			dontBreakRows: true,
			widths: [Math.max(240, 560 - columns.length * moneyWidth), ...columns.map(() => moneyWidth)],
			body
		},
		layout: gridLayout,
		fontSize: 8
	};
}

/** Bars of the total and the gender-targeted money of each year, drawn to one scale. */
function chart(view: PlanView, lang: PlanPdfLang): Content {
	const pl = PDF_LABELS[lang];
	const years = [...view.summary.years]
		.filter((y) => typeof y.year === 'number')
		.sort((a, b) => Number(a.year) - Number(b.year));
	const barMax = 360;
	const max = years.reduce((m, y) => {
		const t = toTyiyn(y.total);
		const g = toTyiyn(y.genderAmount);
		return [m, t, g].reduce((a, b) => (b > a ? b : a));
	}, 0n);
	const length = (amount: string) => {
		const t = toTyiyn(amount);
		if (max <= 0n || t <= 0n) return 0;
		return (Number((t * 100000n) / max) / 100000) * barMax;
	};
	const bar = (w: number, color: string) => ({
		canvas:
			w > 0
				? [{ type: 'rect' as const, x: 0, y: 1, w, h: 8, color }]
				: [
						{
							type: 'line' as const,
							x1: 0,
							y1: 1,
							x2: 0,
							y2: 9,
							lineWidth: 0.5,
							lineColor: '#999999'
						}
					]
	});
	const swatch = (color: string) => ({
		canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 8, h: 8, color }],
		width: 12
	});
	const rows: TableCell[][] = years.map((y) => [
		{ text: String(y.year), bold: true, margin: [0, 5, 0, 0] },
		{ stack: [bar(length(y.total), BAR_TOTAL), bar(length(y.genderAmount), BAR_GENDER)] },
		{
			stack: [
				{ text: money(y.total, lang), margin: [0, 0.5, 0, 0] },
				{
					text: `${money(y.genderAmount, lang)} (${formatShare(y.genderShare, lang)} %)`,
					margin: [0, 0.5, 0, 0]
				}
			]
		}
	]);
	return {
		unbreakable: true,
		stack: [
			{ text: pl.chart, bold: true, fontSize: 9, margin: [0, 12, 0, 4] },
			{
				columns: [
					swatch(BAR_TOTAL),
					{ text: pl.chartTotal, width: 'auto', margin: [0, 1, 16, 0] },
					swatch(BAR_GENDER),
					{ text: pl.chartGender, width: 'auto', margin: [0, 1, 0, 0] }
				],
				fontSize: 8,
				margin: [0, 0, 0, 4]
			},
			years.length
				? { table: { widths: [34, barMax + 4, '*'], body: rows }, layout: 'noBorders', fontSize: 8 }
				: { text: '—', fontSize: 8 }
		]
	};
}

function markerNote(lang: PlanPdfLang): Content {
	const l = EXPORT_LABELS[lang];
	const legend = `${l.summary.markerLegend}: ${([0, 1, 2] as const).map((m) => `${m} — ${l.markers[m]}`).join('; ')}.`;
	return {
		stack: [legend, l.summary.markerNote],
		fontSize: 7,
		italics: true,
		color: '#444444',
		margin: [0, 10, 0, 0]
	};
}

function signatures(input: PlanDocumentInput, lang: PlanPdfLang): Content {
	const pl = PDF_LABELS[lang];
	const block = (role: string, name: string): Content => ({
		columns: [
			{ text: role, width: 220, bold: true, margin: [0, 8, 0, 0] },
			{
				stack: [
					{ text: '________________________', margin: [0, 8, 0, 0] },
					{ text: pl.signature, fontSize: 7, color: '#555555', alignment: 'center' }
				],
				width: 150
			},
			{ text: name.trim() || '________________________', width: '*', margin: [8, 8, 0, 0] }
		],
		margin: [0, 6, 0, 6]
	});
	return {
		unbreakable: true,
		stack: [
			block(pl.head, input.profile.headName),
			block(pl.keneshChair, input.profile.keneshChairName),
			{ text: pl.seal, margin: [0, 6, 0, 0], fontSize: 9 }
		],
		fontSize: 10,
		margin: [0, 24, 0, 0]
	};
}

// ── the title page ──────────────────────────────────────────────────────────

function titlePage(input: PlanDocumentInput, lang: PlanPdfLang): Content[] {
	const pl = PDF_LABELS[lang];
	const l = EXPORT_LABELS[lang];
	const { view, municipality: m, approval } = input;
	const ky = lang === 'ky';
	const territory: [string, string][] = (
		[
			[pl.oblast, ky ? m.oblastKy : m.oblastRu || m.oblastKy],
			[pl.rayon, ky ? m.rayonKy : m.rayonRu || m.rayonKy],
			[pl.municipality, ky ? m.nameKy : m.nameRu || m.nameKy]
		] as [string, string][]
	).filter(([, v]) => v.trim() !== '');
	const period = fill(pl.periodValue, { start: view.plan.periodStart, end: view.plan.periodEnd });
	const facts: [string, string][] = [[pl.period, period]];
	if (approval)
		facts.push([
			pl.decision,
			fill(pl.decisionValue, {
				number: approval.decisionNumber,
				date: formatDate(approval.decisionDate)
			})
		]);
	facts.push([pl.activities, String(view.summary.activities)]);
	facts.push([l.summary.totalAmount, money(view.summary.total.total, lang)]);
	facts.push([
		l.summary.genderAmount,
		`${money(view.summary.total.genderAmount, lang)} (${formatShare(view.summary.total.genderShare, lang)} %)`
	]);
	facts.push([l.summary.unfunded, money(view.summary.total.unfunded, lang)]);
	const pairs = (rows: [string, string][], size: number): Content => ({
		table: {
			widths: [230, '*'],
			body: rows.map(([k, v]) => [
				{ text: `${k}:`, color: '#444444' },
				{ text: v, bold: true }
			])
		},
		layout: 'noBorders',
		fontSize: size
	});
	const content: Content[] = [];
	if (approval) {
		content.push({
			text: fill(pl.approvedBy, {
				number: approval.decisionNumber,
				date: formatDate(approval.decisionDate)
			}),
			alignment: 'right',
			fontSize: 10,
			margin: [260, 0, 0, 0]
		});
	} else {
		content.push({
			text: pl.draftNote,
			alignment: 'right',
			fontSize: 10,
			italics: true,
			color: '#8a1c1c',
			margin: [200, 0, 0, 0]
		});
	}
	content.push(
		{ text: pl.country, alignment: 'center', fontSize: 12, bold: true, margin: [0, 60, 0, 18] },
		pairs(territory, 12),
		{
			text: view.plan.title,
			alignment: 'center',
			fontSize: 17,
			bold: true,
			margin: [0, 60, 0, 12]
		},
		{ text: period, alignment: 'center', fontSize: 13, margin: [0, 0, 0, 50] },
		pairs(facts, 10)
	);
	if (approval) {
		content.push(
			{ text: `${pl.contentHash}:`, fontSize: 9, color: '#444444', margin: [0, 30, 0, 2] },
			{ text: approval.contentHash, fontSize: 9, bold: true }
		);
	}
	return content;
}

// ── the document ────────────────────────────────────────────────────────────

/** The whole document as a pdfmake definition. Pure: the same input gives the same definition. */
export function planDocDefinition(
	document: PlanDocumentInput,
	lang: PlanPdfLang
): TDocumentDefinitions {
	const pl = PDF_LABELS[lang];
	// the font has no emoji: they are left out (the download page says so)
	const input = printable(document);
	const { view } = input;
	const stamp = input.approval
		? new Date(`${input.approval.decisionDate}T00:00:00Z`)
		: new Date(view.plan.updatedAt);
	return {
		pageSize: 'A4',
		pageOrientation: 'portrait',
		pageMargins: MARGINS,
		language: lang === 'ky' ? 'ky-KG' : 'ru-KG',
		info: {
			title: view.plan.title,
			subject: pl.actionPlan,
			creator: 'Aiyl Plan',
			producer: 'Aiyl Plan (pdfmake)',
			...(Number.isNaN(stamp.getTime()) ? {} : { creationDate: stamp })
		},
		defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
		watermark: input.draft
			? { text: pl.watermark, color: '#9a9a9a', opacity: 0.2, bold: true }
			: undefined,
		footer: (currentPage: number, pageCount: number) => ({
			text: fill(pl.page, { n: currentPage, m: pageCount }),
			alignment: 'center',
			fontSize: 8,
			color: '#444444',
			margin: [0, 14, 0, 0]
		}),
		content: [
			{ section: titlePage(input, lang), pageOrientation: 'portrait', pageMargins: TITLE_MARGINS },
			{
				section: [
					{
						text: `${pl.actionPlan}: ${view.plan.title}`,
						bold: true,
						fontSize: 11,
						margin: [0, 0, 0, 6]
					},
					actionTable(view, lang)
				],
				pageOrientation: 'landscape'
			},
			{
				section: [
					{ text: pl.summary, bold: true, fontSize: 11, margin: [0, 0, 0, 6] },
					summaryTable(view, lang),
					chart(view, lang),
					markerNote(lang),
					signatures(input, lang)
				],
				pageOrientation: 'landscape'
			}
		]
	};
}

// ── rendering ───────────────────────────────────────────────────────────────

type PdfMake = typeof import('pdfmake');
/** pdfmake is a CommonJS singleton: under Node's ESM loader it arrives as the default export. */
const pdfmake: PdfMake = ((pdfmakeModule as unknown as { default?: PdfMake }).default ??
	pdfmakeModule) as PdfMake;

let fontDir: string | null = null;

/** pdfmake's own Roboto (regular, medium as bold, italics), read from its package on disk. */
function robotoDir(): string {
	if (fontDir) return fontDir;
	const require = createRequire(import.meta.url);
	fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
	return fontDir;
}

function configure() {
	const dir = robotoDir();
	pdfmake.setFonts({
		Roboto: {
			normal: join(dir, 'Roboto-Regular.ttf'),
			bold: join(dir, 'Roboto-Medium.ttf'),
			italics: join(dir, 'Roboto-Italic.ttf'),
			bolditalics: join(dir, 'Roboto-MediumItalic.ttf')
		}
	});
	// The document names no images or URLs: pdfmake may read its fonts and nothing else.
	pdfmake.setUrlAccessPolicy(() => false);
	pdfmake.setLocalAccessPolicy((path) => path.startsWith(dir));
}

/** The plan's PDF. Layout runs synchronously inside pdfmake, so call it from the worker, not a request. */
export async function renderPlanPdf(input: PlanDocumentInput, lang: PlanPdfLang): Promise<Buffer> {
	configure();
	return pdfmake.createPdf(planDocDefinition(input, lang)).getBuffer();
}
