import type { Sql } from '../db';
import { contentHash } from '../content-hash';
import { seatShares } from '../kenesh/seat-share';
import { annex } from '../hearings/hearings';
import type { Participants } from '../../hearings/vocabulary';

export const FEED_FORMAT = 'aiyl-plan/feed@1';

/** An `aiyl-plan/feed@1` document; `feed-v1.schema.json` is its contract. */
export interface FeedDocument {
	format: typeof FEED_FORMAT;
	kind: 'plan' | 'report';
	instance: string;
	municipality: { soate: string; oblastCode: string | null; nameKy: string; nameRu: string };
	plan: {
		id: number;
		revisionOf: number | null;
		kind: string;
		title: string;
		periodStart: number;
		periodEnd: number;
		contentHash: string;
		approvedAt: string;
		decision: { number: string; date: string };
		/** the local budget's envelope for the plan, per year */
		envelope?: { year: number; amount: string }[];
	};
	activities: FeedActivity[];
	report?: {
		id: number;
		period: string;
		status: 'submitted';
		contentHash: string;
		submittedAt: string;
		spent: string;
		dueDate?: string;
		/** the people the spending reached, by sex and age (null: nobody reported that group) */
		reached?: {
			women: number | null;
			men: number | null;
			girls: number | null;
			boys: number | null;
		};
		/** spending that no budget line planned, per source */
		extraSpending?: { source: string; spent: string }[];
	};
	kenesh: { seats: number; women: number };
	/** the recorded public hearings on the plan: counts only, never names */
	hearings?: FeedHearing[];
}

export interface FeedHearing {
	id: number;
	subject: 'plan' | 'budget';
	heldOn: string;
	participants: Participants;
	proposals: { received: number; published: number; accepted: number; rejected: number };
}

export interface FeedActivity {
	id: number;
	title: string;
	measure: { planKey: string; measureId: string; catalogueVersion: number } | null;
	status?: string;
	budgetLines: {
		id: number;
		year: number;
		amount: string;
		source: string;
		donorName: string;
		marker: number;
		genderShare: string;
		spent?: string;
	}[];
	indicators: {
		id: number;
		name: string;
		unit: string;
		kind: string;
		baseline: Figure[];
		targets: (Figure & { year: number })[];
		actuals?: Figure[];
	}[];
}

/** A figure in its breakdown: by sex, by age band or by disability (or none, a total). */
export interface Figure {
	sex: string;
	ageBand: string;
	disability: string;
	value: string;
}

/** The name this instance gives itself in the documents it sends (`FEED_INSTANCE`, by default its origin). */
export function instanceName(): string {
	return process.env.FEED_INSTANCE || process.env.ORIGIN || 'aiyl-plan';
}

/**
 * The document of an approved plan version, or of one of its submitted reports: read in the
 * transaction of the approval or the submission, so it is exactly what was decided.
 */
export async function buildDocument(
	sql: Sql,
	ref: { planId: number; reportId?: number }
): Promise<FeedDocument> {
	const [p] = await sql<
		{
			id: number;
			revisionOf: number | null;
			kind: string;
			title: string;
			periodStart: number;
			periodEnd: number;
			municipalityId: number;
			contentHash: string;
			approvedAt: Date;
			decisionNumber: string;
			decisionDate: string;
			soate: string;
			oblastCode: string | null;
			nameKy: string;
			nameRu: string;
		}[]
	>`
		select lp.id, lp.revision_of, lp.kind, lp.title, lp.period_start, lp.period_end, lp.municipality_id,
			pa.content_hash, pa.approved_at, pa.decision_number, to_char(pa.decision_date, 'YYYY-MM-DD') as decision_date,
			t.soate_code as soate, r.stat_code as oblast_code, t.name_ky, t.name_ru
		from local_plan lp
		join plan_approval pa on pa.local_plan_id = lp.id
		join territory t on t.id = lp.municipality_id
		left join territory r on r.id = t.region_id
		where lp.id = ${ref.planId}`;
	if (!p) throw new Error(`feed: plan ${ref.planId} is not approved`);

	const report = ref.reportId
		? (
				await sql<
					{
						id: number;
						period: string;
						contentHash: string;
						submittedAt: Date;
						state: string;
						dueDate: string;
					}[]
				>`select id, period, content_hash, submitted_at, state, to_char(due_date, 'YYYY-MM-DD') as due_date
				from report
				where id = ${ref.reportId} and local_plan_id = ${ref.planId}`
			)[0]
		: undefined;
	if (ref.reportId && report?.state !== 'submitted')
		throw new Error(`feed: report ${ref.reportId} is not submitted`);
	const reportId = report?.id ?? null;

	const activities = await sql<
		{
			id: number;
			title: string;
			planKey: string | null;
			measureId: string | null;
			catalogueVersion: number | null;
			status: string | null;
		}[]
	>`
		select a.id, a.title, np.key as plan_key, n.stable_id as measure_id, cv.number as catalogue_version,
			ra.status
		from activity a
		join plan_section s on s.id = a.section_id
		left join plan_node n on n.id = a.measure_node_id
		left join catalogue_version cv on cv.id = n.version_id
		left join national_plan np on np.id = cv.plan_id
		left join report_activity ra on ra.activity_id = a.id and ra.report_id = ${reportId}
		where a.local_plan_id = ${ref.planId}
		order by s.position, a.position, a.id`;
	const lines = await sql<
		{
			id: number;
			activityId: number;
			year: number;
			amount: string;
			source: string;
			donorName: string;
			marker: number;
			genderShare: string;
			spent: string | null;
		}[]
	>`
		select b.id, b.activity_id, b.year, b.amount::text as amount, b.source, b.donor_name, b.marker,
			b.gender_share::text as gender_share, rs.spent::text as spent
		from budget_line b
		join activity a on a.id = b.activity_id
		left join report_spending rs on rs.budget_line_id = b.id and rs.report_id = ${reportId}
		where a.local_plan_id = ${ref.planId}
		order by b.year, b.id`;
	const indicators = await sql<
		{
			id: number;
			activityId: number;
			name: string;
			unit: string;
			kind: string;
		}[]
	>`
		select i.id, i.activity_id, i.name, i.unit, i.kind
		from indicator i
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${ref.planId}
		order by i.position, i.id`;
	// the baseline (no year) and the targets, each in its breakdown
	const values = await sql<(Figure & { indicatorId: number; year: number | null })[]>`
		select v.indicator_id, v.year, v.sex, v.age_band, v.disability, v.value::text as value
		from indicator_value v
		join indicator i on i.id = v.indicator_id
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${ref.planId}
		order by v.year nulls first, v.sex, v.age_band, v.disability`;
	const figure = (v: Figure): Figure => ({
		sex: v.sex,
		ageBand: v.ageBand,
		disability: v.disability,
		value: v.value
	});
	const actuals = reportId
		? await sql<
				{ indicatorId: number; sex: string; ageBand: string; disability: string; value: string }[]
			>`
			select indicator_id, sex, age_band, disability, value::text as value
			from report_indicator_value where report_id = ${reportId}
			order by indicator_id, sex, age_band, disability`
		: [];
	const extra = reportId
		? await sql<{ source: string; spent: string }[]>`
			select source, sum(spent)::text as spent
			from report_extra_spending
			where report_id = ${reportId}
			group by source
			order by source`
		: [];
	const [reached] = reportId
		? await sql<
				{ women: number | null; men: number | null; girls: number | null; boys: number | null }[]
			>`
			select sum(reached_women)::int as women, sum(reached_men)::int as men,
				sum(reached_girls)::int as girls, sum(reached_boys)::int as boys
			from report_spending
			where report_id = ${reportId}`
		: [];
	const envelope = await sql<{ year: number; amount: string }[]>`
		select year, amount::text as amount
		from local_plan_envelope
		where local_plan_id = ${ref.planId}
		order by year`;
	const seats = (await seatShares(sql, [p.municipalityId])).get(p.municipalityId) ?? {
		seats: 0,
		women: 0
	};

	const document: FeedDocument = {
		format: FEED_FORMAT,
		kind: report ? 'report' : 'plan',
		instance: instanceName(),
		municipality: { soate: p.soate, oblastCode: p.oblastCode, nameKy: p.nameKy, nameRu: p.nameRu },
		plan: {
			id: p.id,
			revisionOf: p.revisionOf,
			kind: p.kind,
			title: p.title,
			periodStart: p.periodStart,
			periodEnd: p.periodEnd,
			contentHash: p.contentHash,
			approvedAt: p.approvedAt.toISOString(),
			decision: { number: p.decisionNumber, date: p.decisionDate },
			...(envelope.length ? { envelope } : {})
		},
		activities: activities.map((a) => ({
			id: a.id,
			title: a.title,
			measure:
				a.planKey && a.measureId && a.catalogueVersion
					? { planKey: a.planKey, measureId: a.measureId, catalogueVersion: a.catalogueVersion }
					: null,
			...(report ? { status: a.status ?? 'not_started' } : {}),
			budgetLines: lines
				.filter((b) => b.activityId === a.id)
				.map((b) => ({
					id: b.id,
					year: b.year,
					amount: b.amount,
					source: b.source,
					donorName: b.donorName,
					marker: b.marker,
					genderShare: b.genderShare,
					...(report ? { spent: b.spent ?? '0.00' } : {})
				})),
			indicators: indicators
				.filter((i) => i.activityId === a.id)
				.map((i) => ({
					id: i.id,
					name: i.name,
					unit: i.unit,
					kind: i.kind,
					baseline: values.filter((v) => v.indicatorId === i.id && v.year === null).map(figure),
					targets: values
						.filter((v) => v.indicatorId === i.id && v.year !== null)
						.map((v) => ({ year: v.year as number, ...figure(v) })),
					...(report
						? {
								actuals: actuals.filter((v) => v.indicatorId === i.id).map(figure)
							}
						: {})
				}))
		})),
		kenesh: seats
	};
	const hearings = await annex(sql, ref.planId);
	if (hearings.length)
		document.hearings = hearings.map(({ hearing: h, counts }) => ({
			id: h.id,
			subject: h.subject,
			heldOn: h.heldAt.slice(0, 10),
			participants: h.participants!,
			proposals: counts
		}));
	if (report) {
		const spent =
			lines.reduce((sum, b) => sum + cents(b.spent ?? '0'), 0n) +
			extra.reduce((sum, x) => sum + cents(x.spent), 0n);
		document.report = {
			id: report.id,
			period: report.period,
			status: 'submitted',
			contentHash: report.contentHash,
			submittedAt: report.submittedAt.toISOString(),
			spent: fromCents(spent),
			dueDate: report.dueDate,
			reached: reached ?? { women: null, men: null, girls: null, boys: null },
			extraSpending: extra
		};
	}
	return document;
}

/** The idempotency key of a document: the SHA-256 of its canonical form. */
export function documentHash(document: FeedDocument | object): string {
	return contentHash(document);
}

// money is summed in whole tyiyn, never in floats
const cents = (s: string): bigint => {
	const [whole = '', frac = ''] = s.split('.');
	return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
};
const fromCents = (c: bigint): string => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
