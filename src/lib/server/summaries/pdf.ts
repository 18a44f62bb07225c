/**
 * The summary as one A4 portrait page for the information stand (pdfmake, the Roboto fonts of the
 * plan's PDF). `summaryDocDefinition` is pure: a summary in, a document definition out; the texts
 * come from text.ts, the same the PNG prints. Long titles are cut so the page stays one page: the
 * renderer lays the page out at the loosest of `FITS` that fits one page (pdfmake counts the pages).
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { m } from '../../paraglide/messages';
import { printable } from '../documents/printable';
import { pdfBuffer } from '../documents/plan-pdf';
import type { SummaryModel } from './model';
import { summaryTexts, type SummaryLang } from './text';

export const COLORS = {
	band: '#1f4e79',
	first: '#5b7fa6',
	second: '#b0417a',
	card: '#eef2f6',
	muted: '#555555'
};

const BAR = 250;

/** How much of the free texts a page prints: the loosest first, the last fits every plan. */
export interface Fit {
	/** the plan's title, in characters */
	title: number;
	/** the municipality's and the oblast's names */
	name: number;
	/** each listed activity's title */
	activity: number;
	/** how many of the largest activities are listed */
	activities: number;
}

export const FITS: readonly Fit[] = [
	{ title: 220, name: 120, activity: 150, activities: 5 },
	{ title: 140, name: 80, activity: 90, activities: 5 },
	{ title: 90, name: 50, activity: 60, activities: 3 }
];

/** At most `n` characters, cut at a word with an ellipsis. */
export function clip(text: string, n: number): string {
	const t = text.replace(/\s+/g, ' ').trim();
	if (t.length <= n) return t;
	const cut = t.slice(0, n - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

const bar = (ratio: number, color: string) => ({
	canvas:
		ratio > 0
			? [{ type: 'rect' as const, x: 0, y: 1, w: Math.max(1, ratio * BAR), h: 7, color }]
			: [
					{
						type: 'line' as const,
						x1: 0,
						y1: 1,
						x2: 0,
						y2: 8,
						lineWidth: 0.5,
						lineColor: '#999999'
					}
				]
});

const swatch = (color: string) => ({
	canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 8, h: 8, color }],
	width: 12
});

/** The page as a pdfmake definition. Pure: the same summary and language give the same definition. */
export function summaryDocDefinition(
	summary: SummaryModel,
	lang: SummaryLang,
	fit: Fit = FITS[0]!
): TDocumentDefinitions {
	// the font has no emoji: they are left out, as in the plan's PDF
	const model = printable(summary);
	const t = summaryTexts(model, lang);
	const listed = t.top.slice(0, fit.activities);
	const more = model.more + t.top.length - listed.length;
	const card = (f: (typeof t.figures)[number]): TableCell => ({
		stack: [
			{ text: f.label, fontSize: 9, color: COLORS.muted },
			{ text: f.value, fontSize: 15, bold: true, margin: [0, 2, 0, 0] },
			...(f.note
				? [{ text: f.note, fontSize: 9, margin: [0, 1, 0, 0] as [number, number, number, number] }]
				: [])
		],
		fillColor: COLORS.card,
		margin: [6, 6, 6, 6]
	});
	const figureRows: TableCell[][] = [];
	for (let i = 0; i < t.figures.length; i += 2) {
		const right = t.figures[i + 1];
		figureRows.push([card(t.figures[i]!), right ? card(right) : { text: '' }]);
	}
	const chartRows: TableCell[][] = t.chart.map((c) => [
		{ text: c.label, margin: [0, 3, 0, 0] },
		{ stack: [bar(c.firstRatio, COLORS.first), bar(c.secondRatio, COLORS.second)] },
		{ stack: [{ text: c.first }, { text: c.second }], alignment: 'right' }
	]);
	const top: TableCell[][] = listed.map((a, i) => [
		{ text: `${i + 1}.`, alignment: 'right' },
		{ text: clip(a.title, fit.activity) },
		{ text: a.amount, alignment: 'right', noWrap: true }
	]);
	const content: Content[] = [
		{
			table: {
				widths: ['*'],
				body: [
					[
						{
							stack: [
								{ text: t.heading, fontSize: 10, color: '#dce6f0' },
								{
									text: clip(t.municipality, fit.name),
									fontSize: 20,
									bold: true,
									margin: [0, 2, 0, 0]
								},
								{ text: clip(t.oblast, fit.name), fontSize: 10, color: '#dce6f0' }
							],
							color: '#ffffff',
							fillColor: COLORS.band,
							margin: [10, 8, 10, 8]
						}
					]
				]
			},
			layout: 'noBorders'
		},
		{ text: clip(t.title, fit.title), fontSize: 14, bold: true, margin: [0, 12, 0, 4] },
		...t.facts.map((f): Content => ({ text: f, fontSize: 10, margin: [0, 0, 0, 1] })),
		{
			table: { widths: ['*', '*'], body: figureRows },
			layout: {
				hLineWidth: () => 4,
				vLineWidth: () => 4,
				hLineColor: () => '#ffffff',
				vLineColor: () => '#ffffff',
				paddingLeft: () => 0,
				paddingRight: () => 0,
				paddingTop: () => 0,
				paddingBottom: () => 0
			},
			margin: [-4, 8, -4, 0]
		},
		...t.extra.map((e): Content => ({ text: e, fontSize: 10, margin: [0, 4, 0, 0] })),
		{ text: t.chartHeading, bold: true, fontSize: 11, margin: [0, 12, 0, 4] },
		{
			columns: [
				swatch(COLORS.first),
				{ text: t.legend[0], width: 'auto', margin: [0, 0, 16, 0] },
				swatch(COLORS.second),
				{ text: t.legend[1], width: 'auto' }
			],
			fontSize: 9,
			margin: [0, 0, 0, 4]
		},
		chartRows.length
			? {
					table: { widths: [150, BAR + 4, '*'], body: chartRows },
					layout: 'noBorders',
					fontSize: 9
				}
			: { text: '—', fontSize: 9 },
		{ text: t.topHeading, bold: true, fontSize: 11, margin: [0, 12, 0, 4] },
		top.length
			? {
					table: { widths: [14, '*', 'auto'], body: top },
					layout: 'lightHorizontalLines',
					fontSize: 9
				}
			: { text: m.share_none({}, { locale: lang }), fontSize: 9, italics: true },
		...(more > 0
			? [
					{
						text: m.share_more({ count: more }, { locale: lang }),
						fontSize: 9,
						color: COLORS.muted,
						margin: [0, 2, 0, 0]
					} as Content
				]
			: []),
		{
			columns: [
				{
					stack: [
						{ text: t.linkLabel, fontSize: 10, color: COLORS.muted },
						{ text: t.link, fontSize: 14, bold: true, color: COLORS.band, link: t.link },
						{ text: t.note, fontSize: 7, italics: true, color: COLORS.muted, margin: [0, 10, 0, 0] }
					],
					width: '*'
				},
				{ qr: t.link, fit: 84, width: 84, eccLevel: 'M' }
			],
			columnGap: 16,
			margin: [0, 16, 0, 0],
			unbreakable: true
		}
	];
	return {
		pageSize: 'A4',
		pageOrientation: 'portrait',
		pageMargins: [36, 32, 36, 36],
		language: lang === 'ky' ? 'ky-KG' : 'ru-KG',
		info: {
			title: `${t.heading}: ${t.municipality}`,
			subject: t.title,
			creator: t.footer,
			producer: 'Aiyl Plan (pdfmake)',
			creationDate: new Date(`${model.report?.submittedOn ?? model.plan.decisionDate}T00:00:00Z`)
		},
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
		footer: () => ({
			text: t.footer,
			alignment: 'center',
			fontSize: 8,
			color: COLORS.muted,
			margin: [0, 12, 0, 0]
		}),
		content
	};
}

/**
 * The summary's PDF on one page: laid out at each of `FITS` in turn until one gives a single page
 * (the footer is told the page count). pdfmake lays out synchronously: call it from the job process.
 */
export async function renderSummaryPdf(model: SummaryModel, lang: SummaryLang): Promise<Buffer> {
	let last: Buffer | null = null;
	for (const fit of FITS) {
		const definition = summaryDocDefinition(model, lang, fit);
		let pages = 0;
		const footer = definition.footer as (page: number, count: number) => Content;
		last = await pdfBuffer({
			...definition,
			footer: (page: number, count: number) => {
				pages = count;
				return footer(page, count);
			}
		});
		if (pages === 1) return last;
	}
	return last!;
}
