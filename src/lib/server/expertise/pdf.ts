/**
 * The filled gender-expertise checklist of a draft local act as an A4 PDF in Kyrgyz or Russian:
 * the act (municipality, kind, title, number and date), the question set's version, one row per
 * question with its answer and comment, the conclusion with its outcome, and signature lines.
 * `checklistDocDefinition` is pure (STYLE.md item 10); the fonts are the plan PDF's (Roboto, which
 * carries ң ө ү). Words are messages.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { m } from '../../paraglide/messages';
import { formatDate } from '../../format';
import { pdfBuffer } from '../documents/plan-pdf';
import { printable } from '../documents/printable';
import type { PrintLang } from '../../expertise/vocabulary';
import type { Act } from './acts';

/** The act's title in the language, falling back to the other one. */
export function titleIn(act: Pick<Act, 'titleKy' | 'titleRu'>, lang: string): string {
	return lang === 'ky' ? act.titleKy || act.titleRu : act.titleRu || act.titleKy;
}

/** A vocabulary word (`expertise_answer_yes`…) in the document's language. */
function say(key: string, lang: PrintLang): string {
	const fn = (m as unknown as Record<string, (p: object, o: { locale: string }) => string>)[key];
	return fn ? fn({}, { locale: lang }) : key;
}

export function checklistDocDefinition(input: Act, lang: PrintLang): TDocumentDefinitions {
	const act = printable(input);
	const o = { locale: lang };
	const place = lang === 'ky' ? act.municipality.nameKy : act.municipality.nameRu;
	const details: string[] = [say(`expertise_kind_${act.kind}`, lang)];
	if (act.number) details.push(m.expertise_number_short({ number: act.number }, o));
	if (act.actDate) details.push(m.expertise_date_short({ date: formatDate(act.actDate) }, o));
	const rows = act.set.questions.map((q, i) => {
		const a = act.answers[q.id];
		return [
			{ text: String(i + 1), alignment: 'center' as const },
			{ text: lang === 'ky' ? q.text.ky : q.text.ru },
			{
				text: a?.answer ? say(`expertise_answer_${a.answer}`, lang) : '—',
				bold: true
			},
			{ text: a?.comment || '—' }
		];
	});
	const activities: Content = act.activities.length
		? [
				{ text: m.expertise_activities_title({}, o), style: 'h2' },
				{
					ul: act.activities.map((v) =>
						lang === 'ky' ? v.title || v.titleRu : v.titleRu || v.title
					),
					margin: [0, 0, 0, 8]
				}
			]
		: [];
	return {
		pageSize: 'A4',
		pageMargins: [48, 40, 40, 48],
		info: { title: `${m.expertise_pdf_title({}, o)} — ${titleIn(act, lang)}` },
		defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
		styles: {
			h1: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
			h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
			muted: { color: '#555555', fontSize: 9 },
			head: { bold: true, fillColor: '#eeeeee' }
		},
		footer: (page: number, pages: number) => ({
			text: m.expertise_pdf_page({ page, pages }, o),
			alignment: 'right',
			fontSize: 8,
			color: '#555555',
			margin: [0, 16, 40, 0]
		}),
		content: [
			{ text: m.expertise_pdf_title({}, o), style: 'h1' },
			{ text: place, alignment: 'center', margin: [0, 0, 0, 10] },
			{ text: titleIn(act, lang), bold: true, fontSize: 12, margin: [0, 0, 0, 2] },
			{ text: details.join(' · '), style: 'muted' },
			{
				text: m.expertise_pdf_version({ version: act.set.version }, o),
				style: 'muted',
				margin: [0, 2, 0, 8]
			},
			...(Array.isArray(activities) ? activities : [activities]),
			{ text: m.expertise_checklist_title({}, o), style: 'h2' },
			{
				table: {
					headerRows: 1,
					widths: [18, '*', 88, '*'],
					body: [
						[
							{ text: '№', style: 'head' },
							{ text: m.expertise_col_question({}, o), style: 'head' },
							{ text: m.expertise_col_answer({}, o), style: 'head' },
							{ text: m.expertise_col_comment({}, o), style: 'head' }
						],
						...rows
					]
				},
				layout: {
					hLineColor: () => '#999999',
					vLineColor: () => '#999999',
					paddingTop: () => 3,
					paddingBottom: () => 3
				}
			},
			{ text: m.expertise_conclusion({}, o), style: 'h2' },
			{
				text: act.outcome
					? say(`expertise_outcome_${act.outcome}`, lang)
					: m.expertise_outcome_none({}, o),
				bold: true,
				margin: [0, 0, 0, 4]
			},
			{ text: act.conclusion || '—' },
			{
				margin: [0, 28, 0, 0],
				columns: [
					{ text: m.expertise_pdf_signed({}, o) + ' ____________________' },
					{ text: m.expertise_pdf_date_line({}, o) + ' ____________', alignment: 'right' }
				]
			}
		]
	};
}

/** The checklist's PDF bytes (small: a page or two, rendered in the request). */
export async function renderChecklistPdf(act: Act, lang: PrintLang): Promise<Buffer> {
	return pdfBuffer(checklistDocDefinition(act, lang));
}
