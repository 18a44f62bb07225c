/**
 * The local action plan as a PDF (DESIGN.md §2.5) in Kyrgyz or Russian: a title page, the action
 * table in the layout of the national plans with the budget per year, the gender budget summary with
 * a small chart, and the signature blocks. The tables are the ones the XLSX writes too, built once in
 * plans/action-table.ts and plans/summary-table.ts; this file only draws them. Words are messages.
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
import { m } from '../../paraglide/messages';
import { formatDate, formatMoney, formatNumber, formatShare } from '../../format';
import { fromTyiyn, toTyiyn } from '../../money';
import { printable } from './printable';
import { markedWording, wordingOf } from '../../plans/wording';
import {
	actionTable,
	columnOf,
	markerLegend,
	type Cell,
	type ColumnId
} from '../plans/action-table';
import { summaryTable } from '../plans/summary-table';
import type { PlanView } from '../plans/types';
import type { AnnexHearing } from '../hearings/hearings';
import { AGE_BANDS, type AgeBand, type Participants } from '../../hearings/vocabulary';

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
	/** the recorded public hearings on the plan, printed as an annex (counts and published texts, no names) */
	hearings?: AnnexHearing[];
}

const money = (tyiyn: bigint | string, lang: PlanPdfLang) =>
	formatMoney(typeof tyiyn === 'string' ? tyiyn : fromTyiyn(tyiyn), lang, { currency: false });

/** A model cell as the PDF prints it: a dash for nothing, lists per indicator numbered so the columns read across. */
function cellText(c: Cell | undefined, lang: PlanPdfLang): string {
	if (!c) return '—';
	switch (c.type) {
		case 'text':
			return c.text.trim() || '—';
		case 'money':
			return c.none ? '—' : money(c.value, lang);
		case 'share':
			return formatShare(c.value, lang);
		case 'number':
			return formatNumber(c.value, lang);
		case 'list': {
			const items = c.items.map((i) => i ?? '—');
			if (items.length === 0) return '—';
			if (items.length === 1 || !c.perIndicator) return items.join('\n');
			return items.map((i, k) => `${k + 1}) ${i}`).join('\n');
		}
	}
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
	const weights = [1, 2, 0.75, 1.1, 1, 1.45, 1, 1.15];
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

/** The columns of the action table in the PDF: the national matrix, then the money per year and the marker. */
const pdfColumns = (years: number[]): ColumnId[] => [
	'no',
	'task',
	'activity',
	'baseline',
	'indicator',
	'deadline',
	'expectedResult',
	'responsible',
	'sources',
	...years.map((y): ColumnId => `year:${y}`),
	'markers'
];

function actionTableContent(view: PlanView, lang: PlanPdfLang): Content {
	const table = actionTable(view, lang);
	const ids = pdfColumns(table.years);
	const head = (text: string): TableCell => ({
		text,
		bold: true,
		alignment: 'center',
		fillColor: HEADER_FILL
	});
	const header: TableCell[] = ids.map((id) => head(columnOf(table, id).label));
	const body: TableCell[][] = [header];
	for (const s of table.sections) {
		for (const [k, r] of s.rows.entries()) {
			const c = r.cells;
			body.push(
				ids.map((id): TableCell => {
					if (id === 'no') return { text: cellText(c.no, lang), alignment: 'center' };
					// on every row, not merged: a section that runs over a page keeps its task in view
					if (id === 'task')
						return { text: cellText(c.task, lang), color: k === 0 ? undefined : '#555555' };
					if (id === 'activity')
						return {
							stack: [
								{ text: cellText(c.activity, lang) },
								{
									text: cellText(c.source, lang),
									fontSize: TABLE_FONT - 1,
									color: '#555555',
									margin: [0, 1.5, 0, 0]
								}
							]
						};
					// the period of an activity, its start and end on lines of their own
					if (id === 'deadline') return { text: cellText(c.deadline, lang).replace(' – ', ' –\n') };
					if (id === 'markers') return { text: cellText(c.markers, lang), alignment: 'center' };
					return {
						text: cellText(c[id], lang),
						...(columnOf(table, id).money ? { alignment: 'right' as const } : {})
					};
				})
			);
		}
	}
	if (body.length === 1) {
		body.push([
			{
				text: m.doc_pdf_no_activities({}, { locale: lang }),
				colSpan: header.length,
				italics: true
			},
			...Array(header.length - 1).fill({})
		]);
	}
	const totalLabelSpan = ids.findIndex((id) => columnOf(table, id).money);
	body.push([
		{
			text: table.totalLabel,
			bold: true,
			colSpan: totalLabelSpan,
			alignment: 'right',
			fillColor: TOTAL_FILL
		},
		...Array(totalLabelSpan - 1).fill({}),
		...ids.slice(totalLabelSpan).map((id): TableCell => ({
			text: table.totals[id] ? cellText(table.totals[id], lang) : '',
			bold: true,
			alignment: 'right',
			fillColor: TOTAL_FILL
		}))
	]);
	const content: ContentTable = {
		table: { headerRows: 1, dontBreakRows: true, widths: actionWidths(table.years.length), body },
		layout: gridLayout,
		fontSize: TABLE_FONT
	};
	return content;
}

// ── the gender budget summary ───────────────────────────────────────────────

function summaryContent(view: PlanView, lang: PlanPdfLang): Content {
	const table = summaryTable(view, lang);
	const width = table.head.length;
	const head = (text: string): TableCell => ({
		text,
		bold: true,
		alignment: 'center',
		fillColor: HEADER_FILL
	});
	const body: TableCell[][] = [table.head.map(head)];
	body.push([
		{ text: table.budget.heading, bold: true, colSpan: width, fillColor: TOTAL_FILL },
		...Array(width - 1).fill({})
	]);
	for (const r of table.budget.rows) {
		body.push([
			{ text: r.label, bold: !!r.strong },
			...r.cells.map((c, i): TableCell => ({
				text: cellText(c, lang),
				alignment: 'right',
				bold: !!r.strong || !!r.alert?.[i],
				color: r.alert?.[i] ? '#c00000' : undefined
			}))
		]);
	}
	const moneyWidth = 78;
	const columns = width - 1;
	return {
		table: {
			headerRows: 1,
			dontBreakRows: true,
			widths: [Math.max(240, 560 - columns * moneyWidth), ...Array(columns).fill(moneyWidth)],
			body
		},
		layout: gridLayout,
		fontSize: 8
	};
}

/** Bars of the total and the gender-targeted money of each year, drawn to one scale. */
function chart(view: PlanView, lang: PlanPdfLang): Content {
	const o = { locale: lang };
	const years = [...view.summary.years]
		.filter((y) => typeof y.year === 'number')
		.sort((a, b) => Number(a.year) - Number(b.year));
	const barMax = 360;
	const max = years.reduce((most, y) => {
		const t = toTyiyn(y.total);
		const g = toTyiyn(y.genderAmount);
		return [most, t, g].reduce((a, b) => (b > a ? b : a));
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
			{ text: m.doc_pdf_chart({}, o), bold: true, fontSize: 9, margin: [0, 12, 0, 4] },
			{
				columns: [
					swatch(BAR_TOTAL),
					{ text: m.doc_pdf_chart_total({}, o), width: 'auto', margin: [0, 1, 16, 0] },
					swatch(BAR_GENDER),
					{ text: m.doc_pdf_chart_gender({}, o), width: 'auto', margin: [0, 1, 0, 0] }
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
	return {
		stack: [markerLegend(lang), m.doc_marker_note({}, { locale: lang })],
		fontSize: 7,
		italics: true,
		color: '#444444',
		margin: [0, 10, 0, 0]
	};
}

function signatures(input: PlanDocumentInput, lang: PlanPdfLang): Content {
	const o = { locale: lang };
	const block = (role: string, name: string): Content => ({
		columns: [
			{ text: role, width: 220, bold: true, margin: [0, 8, 0, 0] },
			{
				stack: [
					{ text: '________________________', margin: [0, 8, 0, 0] },
					{ text: m.doc_pdf_signature({}, o), fontSize: 7, color: '#555555', alignment: 'center' }
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
			block(m.doc_pdf_head({}, o), input.profile.headName),
			block(m.doc_pdf_kenesh_chair({}, o), input.profile.keneshChairName),
			{ text: m.doc_pdf_seal({}, o), margin: [0, 6, 0, 0], fontSize: 9 }
		],
		fontSize: 10,
		margin: [0, 24, 0, 0]
	};
}

// ── the annex: public hearings ──────────────────────────────────────────────

const bandCount = (p: Participants, sex: 'women' | 'men', b: AgeBand): number =>
	sex === 'women'
		? b === 'under_30'
			? p.womenUnder30
			: b === '30_59'
				? p.women3059
				: p.women60Plus
		: b === 'under_30'
			? p.menUnder30
			: b === '30_59'
				? p.men3059
				: p.men60Plus;

/** The record of each public hearing: when, where, what was shown, who came (counts), what was asked and decided, what became of each published proposal. */
function hearingsAnnex(items: AnnexHearing[], lang: PlanPdfLang): Content[] {
	const o = { locale: lang };
	const band = (b: AgeBand) =>
		b === 'under_30'
			? m.hearing_band_under_30({}, o)
			: b === '30_59'
				? m.hearing_band_30_59({}, o)
				: m.hearing_band_60_plus({}, o);
	const doc = (d: string) =>
		d === 'plan_pdf'
			? m.hearing_document_plan_pdf({}, o)
			: d === 'budget_table'
				? m.hearing_document_budget_table({}, o)
				: m.hearing_document_indicators({}, o);
	const outcome = (x: string) =>
		x === 'accepted'
			? m.hearing_outcome_accepted({}, o)
			: x === 'rejected'
				? m.hearing_outcome_rejected({}, o)
				: m.hearing_outcome_open({}, o);
	const heading = (text: string): Content => ({ text, bold: true, margin: [0, 8, 0, 3] });
	const out: Content[] = [
		{ text: m.hearing_pdf_annex({}, o), bold: true, fontSize: 12, margin: [0, 0, 0, 8] }
	];
	for (const { hearing: h, counts, proposals } of items) {
		const p = h.participants!;
		const subject =
			h.subject === 'budget' ? m.hearing_subject_budget({}, o) : m.hearing_subject_plan({}, o);
		const total = (sex: 'women' | 'men') => AGE_BANDS.reduce((n, b) => n + bandCount(p, sex, b), 0);
		const shown = [...h.documents.map(doc), h.documentsNote].filter(Boolean).join('; ') || '—';
		out.push(
			{
				text: `${subject}: ${formatDate(h.heldAt.slice(0, 10))}, ${h.heldAt.slice(11, 16)}`,
				bold: true,
				fontSize: 11,
				margin: [0, 6, 0, 4]
			},
			{ text: `${m.hearing_place({}, o)}: ${h.place}` },
			{ text: `${m.hearing_documents({}, o)}: ${shown}`, margin: [0, 2, 0, 0] },
			heading(m.hearing_participants({}, o)),
			{
				table: {
					headerRows: 1,
					widths: ['*', 70, 70, 70, 60],
					body: [
						[
							{ text: m.hearing_sex_age({}, o), bold: true },
							...[...AGE_BANDS.map(band), m.hearing_total({}, o)].map((text) => ({
								text,
								bold: true,
								alignment: 'right'
							}))
						],
						...(['women', 'men'] as const).map((sex) => [
							sex === 'women' ? m.hearing_women({}, o) : m.hearing_men({}, o),
							...AGE_BANDS.map((b) => ({ text: String(bandCount(p, sex, b)), alignment: 'right' })),
							{ text: String(total(sex)), alignment: 'right' }
						]),
						[
							{ text: m.hearing_total({}, o), bold: true },
							...AGE_BANDS.map((b) => ({
								text: String(bandCount(p, 'women', b) + bandCount(p, 'men', b)),
								alignment: 'right'
							})),
							{ text: String(total('women') + total('men')), alignment: 'right', bold: true }
						]
					] as TableCell[][]
				},
				layout: 'lightHorizontalLines'
			},
			heading(m.hearing_questions({}, o)),
			{ text: h.questions || '—' },
			heading(m.hearing_decisions({}, o)),
			{ text: h.decisions || '—' },
			heading(m.hearing_proposals({}, o)),
			{
				text: m.hearing_outcome_counts(
					{ received: counts.received, accepted: counts.accepted, rejected: counts.rejected },
					o
				),
				margin: [0, 0, 0, 4]
			}
		);
		if (proposals.length > 0)
			out.push({
				table: {
					headerRows: 1,
					widths: [20, '*', 180],
					body: [
						[
							m.hearing_pdf_proposal_no({}, o),
							m.hearing_proposal_text({}, o),
							m.hearing_outcome({}, o)
						].map((text) => ({ text, bold: true })),
						...proposals.map((pr, i) => [
							String(i + 1),
							pr.body,
							pr.outcome === 'accepted' && pr.becameLabel
								? `${outcome(pr.outcome)}: ${pr.becameLabel}`
								: pr.outcome === 'rejected'
									? `${outcome(pr.outcome)}: ${pr.outcomeReason}`
									: outcome(pr.outcome)
						])
					] as TableCell[][]
				},
				layout: 'lightHorizontalLines'
			});
	}
	return out;
}

// ── the title page ──────────────────────────────────────────────────────────

function titlePage(input: PlanDocumentInput, lang: PlanPdfLang): Content[] {
	const o = { locale: lang };
	const { view, municipality: t, approval } = input;
	const ky = lang === 'ky';
	const territory: [string, string][] = (
		[
			[m.doc_pdf_oblast({}, o), ky ? t.oblastKy : t.oblastRu || t.oblastKy],
			[m.doc_pdf_rayon({}, o), ky ? t.rayonKy : t.rayonRu || t.rayonKy],
			[m.doc_pdf_municipality({}, o), ky ? t.nameKy : t.nameRu || t.nameKy]
		] as [string, string][]
	).filter(([, v]) => v.trim() !== '');
	const period = m.doc_pdf_period_value(
		{ start: view.plan.periodStart, end: view.plan.periodEnd },
		o
	);
	const facts: [string, string][] = [[m.doc_pdf_period({}, o), period]];
	if (approval)
		facts.push([
			m.doc_pdf_decision({}, o),
			m.doc_pdf_decision_value(
				{ number: approval.decisionNumber, date: formatDate(approval.decisionDate) },
				o
			)
		]);
	facts.push([m.doc_pdf_activities({}, o), String(view.summary.activities)]);
	facts.push([m.doc_summary_total_amount({}, o), money(view.summary.total.total, lang)]);
	facts.push([
		m.doc_summary_gender_amount({}, o),
		`${money(view.summary.total.genderAmount, lang)} (${formatShare(view.summary.total.genderShare, lang)} %)`
	]);
	facts.push([m.doc_summary_unfunded({}, o), money(view.summary.total.unfunded, lang)]);
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
			text: m.doc_pdf_approved_by(
				{ number: approval.decisionNumber, date: formatDate(approval.decisionDate) },
				o
			),
			alignment: 'right',
			fontSize: 10,
			margin: [260, 0, 0, 0]
		});
	} else {
		content.push({
			text: m.doc_pdf_draft_note({}, o),
			alignment: 'right',
			fontSize: 10,
			italics: true,
			color: '#8a1c1c',
			margin: [200, 0, 0, 0]
		});
	}
	content.push(
		{
			text: m.doc_pdf_country({}, o),
			alignment: 'center',
			fontSize: 12,
			bold: true,
			margin: [0, 60, 0, 18]
		},
		pairs(territory, 12),
		{
			text: markedWording(wordingOf(view.plan), lang),
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
			{
				text: `${m.doc_pdf_content_hash({}, o)}:`,
				fontSize: 9,
				color: '#444444',
				margin: [0, 30, 0, 2]
			},
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
	const o = { locale: lang };
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
			title: markedWording(wordingOf(view.plan), lang),
			subject: m.doc_pdf_action_plan({}, o),
			creator: 'Aiyl Plan',
			producer: 'Aiyl Plan (pdfmake)',
			...(Number.isNaN(stamp.getTime()) ? {} : { creationDate: stamp })
		},
		defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
		watermark: input.draft
			? { text: m.doc_pdf_watermark({}, o), color: '#9a9a9a', opacity: 0.2, bold: true }
			: undefined,
		footer: (currentPage: number, pageCount: number) => ({
			text: m.doc_pdf_page({ n: currentPage, m: pageCount }, o),
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
						text: `${m.doc_pdf_action_plan({}, o)}: ${markedWording(wordingOf(view.plan), lang)}`,
						bold: true,
						fontSize: 11,
						margin: [0, 0, 0, 6]
					},
					actionTableContent(view, lang)
				],
				pageOrientation: 'landscape'
			},
			{
				section: [
					{ text: m.doc_pdf_summary({}, o), bold: true, fontSize: 11, margin: [0, 0, 0, 6] },
					summaryContent(view, lang),
					chart(view, lang),
					markerNote(lang),
					signatures(input, lang)
				],
				pageOrientation: 'landscape'
			},
			...(input.hearings?.length
				? [{ section: hearingsAnnex(input.hearings, lang), pageOrientation: 'portrait' as const }]
				: [])
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
	return pdfBuffer(planDocDefinition(input, lang));
}

/** Any document definition rendered with the Roboto fonts (the plan's and the report's documents). */
export async function pdfBuffer(definition: TDocumentDefinitions): Promise<Buffer> {
	configure();
	return pdfmake.createPdf(definition).getBuffer();
}
