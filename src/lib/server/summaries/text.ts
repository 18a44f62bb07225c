/**
 * The words and figures of a summary in one language, from the one model: what the PDF and the PNG
 * both print, so the two formats cannot say different things. Pure; words are messages.
 */
import { m } from '../../paraglide/messages';
import { formatDate, formatMoney, formatNumber, formatShare } from '../../format';
import { barRatio, shortLink, type SummaryModel } from './model';

export type SummaryLang = 'ky' | 'ru';

export interface SummaryFigure {
	label: string;
	value: string;
	/** a smaller line under the value */
	note?: string;
}

export interface SummaryTexts {
	heading: string;
	municipality: string;
	oblast: string;
	title: string;
	/** the period, the decision and, for a report, its period and submission */
	facts: string[];
	/** the big figures, two to four */
	figures: SummaryFigure[];
	/** a line under the figures: the activities' statuses and who was reached (reports) */
	extra: string[];
	topHeading: string;
	top: { title: string; amount: string }[];
	more: string | null;
	chartHeading: string;
	legend: [string, string];
	chart: {
		label: string;
		first: string;
		second: string;
		firstRatio: number;
		secondRatio: number;
	}[];
	linkLabel: string;
	link: string;
	note: string;
	footer: string;
}

/** Every text of the summary in the language. */
export function summaryTexts(model: SummaryModel, lang: SummaryLang): SummaryTexts {
	const o = { locale: lang };
	const pick = (b: { ky: string; ru: string }) => (lang === 'ru' ? b.ru || b.ky : b.ky || b.ru);
	const som = (v: string) => `${formatMoney(v, lang, { currency: false })} ${m.share_som({}, o)}`;
	const plain = (v: string) => formatMoney(v, lang, { currency: false });
	const share = (v: string) => formatShare(v, lang);
	const r = model.report;
	const facts: string[] = [
		m.share_period({ start: model.plan.periodStart, end: model.plan.periodEnd }, o),
		m.share_decision(
			{ number: model.plan.decisionNumber, date: formatDate(model.plan.decisionDate) },
			o
		)
	];
	const seats: SummaryFigure = {
		label: m.share_seats({}, o),
		value: model.seats.share === null ? '—' : `${share(model.seats.share)} %`,
		note:
			model.seats.share === null
				? m.share_seats_none({}, o)
				: m.share_seats_value(
						{ women: model.seats.women, seats: model.seats.seats, share: share(model.seats.share) },
						o
					)
	};
	let figures: SummaryFigure[];
	const extra: string[] = [];
	if (r) {
		const period =
			r.frequency === 'half_year'
				? m.report_period_half_year({ year: r.year, number: r.number }, o)
				: r.frequency === 'quarter'
					? m.report_period_quarter({ year: r.year, number: r.number }, o)
					: m.report_period_annual({ year: r.year }, o);
		facts.push(
			`${m.share_report_period({ period }, o)} · ${m.share_report_submitted({ date: formatDate(r.submittedOn) }, o)}${r.version > 1 ? ` (${m.share_report_version({ version: r.version }, o)})` : ''}`
		);
		figures = [
			{ label: m.share_planned_year({ year: r.year }, o), value: som(r.planned) },
			{
				label: m.share_spent({}, o),
				value: som(r.spent),
				note: r.rate === null ? undefined : m.share_rate({ rate: share(r.rate) }, o)
			},
			{ label: m.share_gender_spent({}, o), value: som(r.genderSpent) },
			seats
		];
		extra.push(
			m.share_statuses(
				{ total: r.activities, done: r.statuses.done, progress: r.statuses.in_progress },
				o
			)
		);
		const c = r.reached;
		if ([c.women, c.men, c.girls, c.boys].some((v) => v !== null))
			extra.push(
				m.share_reached(
					{
						women: formatNumber(c.women, lang),
						men: formatNumber(c.men, lang),
						girls: formatNumber(c.girls, lang),
						boys: formatNumber(c.boys, lang)
					},
					o
				)
			);
	} else {
		figures = [
			{
				label: m.share_total({}, o),
				value: som(model.budget.total),
				note: `${m.share_activities({}, o)}: ${model.activities}`
			},
			{
				label: m.share_gender({}, o),
				value: som(model.budget.gender),
				note: m.share_gender_share({ share: share(model.budget.genderShare) }, o)
			},
			{ label: m.share_unfunded({}, o), value: som(model.budget.unfunded) },
			seats
		];
	}
	return {
		heading: r ? m.share_report_heading({}, o) : m.share_plan_heading({}, o),
		municipality: pick(model.municipality),
		oblast: pick(model.oblast),
		title: pick(model.plan.title),
		facts,
		figures,
		extra,
		topHeading: r ? m.share_top_report({}, o) : m.share_top_plan({}, o),
		top: model.top.map((a) => ({
			title: pick(a.title),
			amount: r ? `${plain(a.amount)} / ${plain(a.second)}` : plain(a.amount)
		})),
		more: model.more > 0 ? m.share_more({ count: model.more }, o) : null,
		chartHeading: r ? m.share_chart_report({}, o) : m.share_chart_plan({}, o),
		legend: r
			? [m.share_legend_planned({}, o), m.share_legend_spent({}, o)]
			: [m.share_legend_total({}, o), m.share_legend_gender({}, o)],
		chart: model.chart.map((c) => ({
			label: fundingLabel(c.source, lang),
			first: plain(c.first),
			second: plain(c.second),
			firstRatio: barRatio(c.first, model.chart),
			secondRatio: barRatio(c.second, model.chart)
		})),
		linkLabel: m.share_link({}, o),
		link: shortLink(model, lang),
		note: m.share_marker_note({}, o),
		footer: m.app_name({}, o)
	};
}

function fundingLabel(source: string, lang: SummaryLang): string {
	const o = { locale: lang };
	switch (source) {
		case 'local_budget':
			return m.funding_local_budget({}, o);
		case 'republican_budget':
			return m.funding_republican_budget({}, o);
		case 'incentive_grant':
			return m.funding_incentive_grant({}, o);
		case 'donor':
			return m.funding_donor({}, o);
		case 'community_private':
			return m.funding_community_private({}, o);
		default:
			return m.funding_unfunded({}, o);
	}
}
