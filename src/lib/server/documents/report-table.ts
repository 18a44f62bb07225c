/**
 * A submitted report as the table officials fill in (issue 10, item 9): one row per indicator of
 * each activity (No | activity | indicator | target | actual women / men / total | status | planned |
 * spent | source | notes), then the summary figures. Built once from the report's content; the PDF
 * and the XLSX both draw this model. Pure: content in, words from the messages, no database.
 */
import { m } from '../../paraglide/messages';
import { fromTyiyn, toTyiyn } from '../../money';
import type { ReportContent } from '../reports/reports';
import { BENEFICIARIES, type Beneficiary } from '../../reports/summary';
import type { Funding } from '../../plans/vocabulary';
import type { ActivityStatus } from '../../reports/vocabulary';
import { printable } from './printable';

export type ReportDocLang = 'ky' | 'ru';

export const REPORT_COLUMNS = [
	'no',
	'activity',
	'indicator',
	'target',
	'women',
	'men',
	'total',
	'status',
	'planned',
	'spent',
	'source',
	'notes'
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** A row of the matrix: text cells, money as exact decimal strings ('' for none). */
export type ReportRow = Record<ReportColumn, string>;

export interface ReportTable {
	labels: Record<ReportColumn, string>;
	rows: ReportRow[];
	totals: { planned: string; spent: string };
	bySource: {
		source: Funding;
		label: string;
		planned: string;
		spent: string;
		rate: string | null;
		unspent: string;
	}[];
	total: { planned: string; spent: string; rate: string | null; unspent: string; gender: string };
	beneficiaries: {
		sex: Beneficiary;
		label: string;
		planned: number | null;
		reached: number | null;
	}[];
}

const LABEL_KEYS: Record<ReportColumn, (o: { locale: ReportDocLang }) => string> = {
	no: (o) => m.report_document_col_no({}, o),
	activity: (o) => m.report_document_col_activity({}, o),
	indicator: (o) => m.report_document_col_indicator({}, o),
	target: (o) => m.report_document_col_target({}, o),
	women: (o) => m.report_document_col_women({}, o),
	men: (o) => m.report_document_col_men({}, o),
	total: (o) => m.report_document_col_total({}, o),
	status: (o) => m.report_document_col_status({}, o),
	planned: (o) => m.report_document_col_planned({}, o),
	spent: (o) => m.report_document_col_spent({}, o),
	source: (o) => m.report_document_col_source({}, o),
	notes: (o) => m.report_document_col_notes({}, o)
};

/** A message of Paraglide's, looked up by a key built from a vocabulary (there is one for each word of it). */
type Message = (p: object, o: object) => string;

export const fundingLabel = (source: Funding, locale: ReportDocLang): string =>
	(m as unknown as Record<`funding_${Funding}`, Message>)[`funding_${source}`]({}, { locale });

const statusLabel = (status: ActivityStatus, locale: ReportDocLang): string =>
	(m as unknown as Record<`report_status_${ActivityStatus}`, Message>)[`report_status_${status}`](
		{},
		{ locale }
	);

const sexLabel: Record<Beneficiary, (o: { locale: ReportDocLang }) => string> = {
	women: (o) => m.report_document_women({}, o),
	men: (o) => m.report_document_men({}, o),
	girls: (o) => m.report_document_girls({}, o),
	boys: (o) => m.report_document_boys({}, o)
};

const sum = (xs: (string | null)[]) => fromTyiyn(xs.reduce((s, x) => s + toTyiyn(x ?? '0'), 0n));
const inLang = (ky: string, ru: string, lang: ReportDocLang) =>
	lang === 'ru' ? ru || ky : ky || ru;

export function reportTable(raw: ReportContent, lang: ReportDocLang): ReportTable {
	const content = printable(raw);
	const o = { locale: lang };
	const labels = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, LABEL_KEYS[c](o)])) as Record<
		ReportColumn,
		string
	>;
	const rows: ReportRow[] = [];
	let n = 0;
	for (const s of content.sections) {
		for (const a of s.activities) {
			n += 1;
			const planned = sum(a.lines.map((l) => l.planned));
			const spent = a.lines.some((l) => l.spent !== null) ? sum(a.lines.map((l) => l.spent)) : '';
			const sources = [...new Set(a.lines.map((l) => fundingLabel(l.source, lang)))].join(', ');
			const notes = [a.reasonText, a.narrative, a.problems].filter((x) => x.trim()).join('; ');
			const inds = a.indicators.length ? a.indicators : [null];
			inds.forEach((i, k) => {
				rows.push({
					no: k === 0 ? String(n) : '',
					activity: k === 0 ? inLang(a.title, a.titleRu, lang) : '',
					indicator: i ? `${i.name}${i.unit ? `, ${i.unit}` : ''}` : '—',
					target: i?.target.total ?? '',
					women: i?.actual.female ?? '',
					men: i?.actual.male ?? '',
					total: i?.actual.total ?? '',
					status: k === 0 ? statusLabel(a.status, lang) : '',
					planned: k === 0 ? planned : '',
					spent: k === 0 ? spent : '',
					source: k === 0 ? sources : '',
					notes: k === 0 ? notes : ''
				});
			});
		}
	}
	for (const x of content.extras) {
		rows.push({
			no: '',
			activity: `${m.report_document_extra({}, o)}: ${x.description}`,
			indicator: '',
			target: '',
			women: '',
			men: '',
			total: '',
			status: '',
			planned: '',
			spent: x.spent,
			source: fundingLabel(x.source, lang),
			notes: x.donorName
		});
	}
	const t = content.summary.total;
	return {
		labels,
		rows,
		totals: { planned: t.planned, spent: t.spent },
		bySource: (
			Object.entries(content.summary.bySource) as [
				Funding,
				NonNullable<(typeof content.summary.bySource)[Funding]>
			][]
		).map(([source, r]) => ({
			source,
			label: fundingLabel(source, lang),
			planned: r.planned,
			spent: r.spent,
			rate: r.rate,
			unspent: r.unspent
		})),
		total: {
			planned: t.planned,
			spent: t.spent,
			rate: t.rate,
			unspent: t.unspent,
			gender: t.gender
		},
		beneficiaries: BENEFICIARIES.map((sex) => ({
			sex,
			label: sexLabel[sex](o),
			planned: content.beneficiaries.planned[sex],
			reached: content.beneficiaries.reached[sex]
		}))
	};
}
