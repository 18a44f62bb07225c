/**
 * The report document drawn from the one table model (report-table.ts): a PDF (pdfmake, A4
 * landscape, the matrix then the summary page with a bar chart and the signature blocks) and an
 * XLSX with the same rows and totals. Layout runs synchronously: call it from the worker.
 */
import ExcelJS from 'exceljs';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { m } from '../../paraglide/messages';
import { formatMoney, formatNumber, formatShare } from '../../format';
import { toTyiyn } from '../../money';
import { addXlsxRow } from '../sheet';
import { REPORT_COLUMNS, reportTable, type ReportDocLang, type ReportTable } from './report-table';
import type { ReportContent } from '../reports/reports';
import { pdfBuffer } from './plan-pdf';

export interface ReportDocumentInput {
	content: ReportContent;
	planTitle: string;
	municipality: string;
	period: string;
	contentHash: string;
	headName: string;
}

const MONEY_COLS = new Set(['planned', 'spent']);
const NUM_COLS = new Set(['target', 'women', 'men', 'total']);
const WIDTHS = [18, 120, 110, 40, 40, 40, 40, 56, 58, 58, 70, 101];
const HEADER_FILL = '#d9e2ec';
const grid = {
	hLineWidth: () => 0.5,
	vLineWidth: () => 0.5,
	hLineColor: () => '#7a7a7a',
	vLineColor: () => '#7a7a7a',
	paddingLeft: () => 2,
	paddingRight: () => 2,
	paddingTop: () => 1.5,
	paddingBottom: () => 1.5
};

const money = (v: string, lang: ReportDocLang) =>
	v === '' ? '—' : formatMoney(v, lang, { currency: false });
const rate = (v: string | null, lang: ReportDocLang) =>
	v === null ? '—' : `${formatShare(v, lang)} %`;
const right = (text: string) => ({ text, alignment: 'right' as const });
const count = (v: number | null) => (v === null ? '—' : String(v));

function matrix(t: ReportTable, lang: ReportDocLang): Content {
	const head = REPORT_COLUMNS.map((c): TableCell => ({
		text: t.labels[c],
		bold: true,
		alignment: 'center',
		fillColor: HEADER_FILL
	}));
	const body: TableCell[][] = [head];
	for (const r of t.rows)
		body.push(
			REPORT_COLUMNS.map((c): TableCell =>
				MONEY_COLS.has(c)
					? { text: r[c] === '' ? '' : money(r[c], lang), alignment: 'right' }
					: NUM_COLS.has(c)
						? { text: r[c] === '' ? '' : formatNumber(r[c], lang), alignment: 'center' }
						: { text: r[c], alignment: c === 'no' ? 'center' : 'left' }
			)
		);
	const at = REPORT_COLUMNS.indexOf('planned');
	body.push([
		{
			text: m.report_document_total({}, { locale: lang }),
			bold: true,
			colSpan: at,
			alignment: 'right'
		},
		...Array(at - 1).fill({}),
		{ text: money(t.totals.planned, lang), bold: true, alignment: 'right' },
		{ text: money(t.totals.spent, lang), bold: true, alignment: 'right' },
		{ text: '' },
		{ text: '' }
	]);
	return {
		table: { headerRows: 1, dontBreakRows: true, widths: WIDTHS, body },
		layout: grid,
		fontSize: 7
	};
}

function chart(t: ReportTable, lang: ReportDocLang): Content {
	const max = t.bySource.reduce(
		(a, s) => [a, toTyiyn(s.planned), toTyiyn(s.spent)].reduce((x, y) => (y > x ? y : x)),
		0n
	);
	const len = (v: string) => (max <= 0n ? 0 : (Number((toTyiyn(v) * 10000n) / max) / 10000) * 300);
	const bar = (w: number, color: string) => ({
		canvas: [
			w > 0
				? { type: 'rect' as const, x: 0, y: 1, w, h: 7, color }
				: { type: 'line' as const, x1: 0, y1: 1, x2: 0, y2: 8, lineWidth: 0.5 }
		]
	});
	return {
		unbreakable: true,
		stack: [
			{ text: m.report_document_chart({}, { locale: lang }), bold: true, margin: [0, 10, 0, 4] },
			{
				columns: [
					{
						canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 8, h: 8, color: '#5b7fa6' }],
						width: 12
					},
					{
						text: m.report_document_planned_people({}, { locale: lang }),
						width: 'auto',
						margin: [0, 0, 16, 0]
					},
					{
						canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 8, h: 8, color: '#b0417a' }],
						width: 12
					},
					{ text: m.report_document_col_spent({}, { locale: lang }), width: 'auto' }
				],
				fontSize: 8,
				margin: [0, 0, 0, 4]
			},
			{
				table: {
					widths: [160, 304, '*'],
					body: t.bySource.map((s) => [
						{ text: s.label, margin: [0, 3, 0, 0] },
						{ stack: [bar(len(s.planned), '#5b7fa6'), bar(len(s.spent), '#b0417a')] },
						{ text: `${money(s.planned, lang)} / ${money(s.spent, lang)}` }
					])
				},
				layout: 'noBorders',
				fontSize: 8
			}
		]
	};
}

function summary(input: ReportDocumentInput, t: ReportTable, lang: ReportDocLang): Content[] {
	const o = { locale: lang };
	const h = (text: string): TableCell => ({
		text,
		bold: true,
		fillColor: HEADER_FILL,
		alignment: 'center'
	});
	const src: TableCell[][] = [
		[
			h(m.report_document_col_source({}, o)),
			h(m.report_document_col_planned({}, o)),
			h(m.report_document_col_spent({}, o)),
			h(m.report_document_rate({}, o)),
			h(m.report_document_unspent({}, o))
		],
		...t.bySource.map((s) => [
			s.label,
			...[
				money(s.planned, lang),
				money(s.spent, lang),
				rate(s.rate, lang),
				money(s.unspent, lang)
			].map(right)
		]),
		[
			{ text: m.report_document_total({}, o), bold: true },
			...[
				money(t.total.planned, lang),
				money(t.total.spent, lang),
				rate(t.total.rate, lang),
				money(t.total.unspent, lang)
			].map((x) => ({ ...right(x), bold: true }))
		]
	];
	const ben: TableCell[][] = [
		[
			h(m.report_document_beneficiaries({}, o)),
			h(m.report_document_planned_people({}, o)),
			h(m.report_document_reached_people({}, o))
		],
		...t.beneficiaries.map((b) => [b.label, right(count(b.planned)), right(count(b.reached))])
	];
	const sign = (role: string, name: string): Content => ({
		columns: [
			{ text: role, width: 260, bold: true },
			{ text: '________________________', width: 160 },
			{ text: name || '________________________', width: '*' }
		],
		margin: [0, 10, 0, 0]
	});
	return [
		{
			text: m.report_document_summary({}, o),
			bold: true,
			fontSize: 11,
			margin: [0, 0, 0, 6],
			pageBreak: 'before'
		},
		{
			table: { headerRows: 1, widths: [200, 90, 90, 70, 90], body: src },
			layout: grid,
			fontSize: 8
		},
		{
			text: `${m.report_document_gender_spent({}, o)}: ${money(t.total.gender, lang)}`,
			bold: true,
			margin: [0, 8, 0, 8]
		},
		{ table: { headerRows: 1, widths: [200, 90, 90], body: ben }, layout: grid, fontSize: 8 },
		chart(t, lang),
		{
			unbreakable: true,
			stack: [
				sign(m.doc_pdf_head({}, o), input.headName),
				sign(m.report_document_gender_person({}, o), ''),
				sign(m.report_document_date({}, o), '')
			],
			fontSize: 9,
			margin: [0, 14, 0, 0]
		}
	];
}

export function reportDocDefinition(
	input: ReportDocumentInput,
	lang: ReportDocLang
): TDocumentDefinitions {
	const o = { locale: lang };
	const t = reportTable(input.content, lang);
	return {
		pageSize: 'A4',
		pageOrientation: 'landscape',
		pageMargins: [28, 28, 28, 36],
		language: lang === 'ky' ? 'ky-KG' : 'ru-KG',
		info: {
			title: m.report_document_title({}, o),
			creator: 'Aiyl Plan',
			producer: 'Aiyl Plan (pdfmake)'
		},
		defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
		footer: (n: number, all: number) => ({
			text: m.doc_pdf_page({ n, m: all }, o),
			alignment: 'center',
			fontSize: 8,
			margin: [0, 12, 0, 0]
		}),
		content: [
			{ text: m.report_document_title({}, o), bold: true, fontSize: 12, alignment: 'center' },
			{
				text: `${input.municipality} — ${input.planTitle}`,
				alignment: 'center',
				margin: [0, 2, 0, 2]
			},
			{
				text: `${m.report_document_period({}, o)}: ${input.period}   ${m.report_document_hash({}, o)}: ${input.contentHash.slice(0, 16)}`,
				alignment: 'center',
				fontSize: 8,
				margin: [0, 0, 0, 6]
			},
			matrix(t, lang),
			...summary(input, t, lang)
		]
	};
}

export const renderReportPdf = (input: ReportDocumentInput, lang: ReportDocLang): Promise<Buffer> =>
	pdfBuffer(reportDocDefinition(input, lang));

/** The same rows and totals as a workbook: the matrix on one sheet, the summary on another. */
export async function renderReportXlsx(
	input: ReportDocumentInput,
	lang: ReportDocLang
): Promise<Buffer> {
	const o = { locale: lang };
	const t = reportTable(input.content, lang);
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(m.report_document_col_activity({}, o));
	addXlsxRow(
		ws,
		REPORT_COLUMNS.map((c) => t.labels[c])
	).font = { bold: true };
	const num = (v: string) => (v === '' ? null : Number(v));
	for (const r of t.rows)
		addXlsxRow(
			ws,
			REPORT_COLUMNS.map((c) => (MONEY_COLS.has(c) ? num(r[c]) : r[c]))
		);
	const total = addXlsxRow(
		ws,
		REPORT_COLUMNS.map((c) =>
			c === 'activity'
				? m.report_document_total({}, o)
				: c === 'planned'
					? num(t.totals.planned)
					: c === 'spent'
						? num(t.totals.spent)
						: null
		)
	);
	total.font = { bold: true };
	ws.getColumn(9).numFmt = '#,##0.00';
	ws.getColumn(10).numFmt = '#,##0.00';
	const ss = wb.addWorksheet(m.report_document_summary({}, o));
	addXlsxRow(ss, [
		m.report_document_col_source({}, o),
		m.report_document_col_planned({}, o),
		m.report_document_col_spent({}, o),
		m.report_document_rate({}, o),
		m.report_document_unspent({}, o)
	]).font = { bold: true };
	for (const s of t.bySource)
		addXlsxRow(ss, [
			s.label,
			num(s.planned),
			num(s.spent),
			s.rate === null ? null : Number(s.rate),
			num(s.unspent)
		]);
	addXlsxRow(ss, [
		m.report_document_total({}, o),
		num(t.total.planned),
		num(t.total.spent),
		t.total.rate === null ? null : Number(t.total.rate),
		num(t.total.unspent)
	]).font = { bold: true };
	addXlsxRow(ss, [m.report_document_gender_spent({}, o), num(t.total.gender)]);
	addXlsxRow(ss, [
		m.report_document_beneficiaries({}, o),
		m.report_document_planned_people({}, o),
		m.report_document_reached_people({}, o)
	]).font = { bold: true };
	for (const b of t.beneficiaries) addXlsxRow(ss, [b.label, b.planned, b.reached]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
