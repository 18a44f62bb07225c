/**
 * The embeddable view (DESIGN.md §9): what a municipality's own website shows in a frame, found by
 * its SOATE code — the approved plan in force, in brief, and its latest submitted report. Public:
 * only what the public plan page already shows.
 */
import type { Sql } from './db';
import * as documents from './documents';
import { DomainError } from './errors';
import type { PublicReportItem } from './reports/public';
import type { Money } from './plans/types';

export interface EmbedView {
	municipality: { id: number; soateCode: string; nameKy: string; nameRu: string; nameEn: string };
	/** the approved plan no approved revision replaced; null before the kenesh approved one */
	plan: {
		id: number;
		title: string;
		titleRu: string;
		periodStart: number;
		periodEnd: number;
		decisionNumber: string;
		decisionDate: string;
		activities: number;
		total: Money;
		sections: { title: string; titleRu: string; activities: number }[];
	} | null;
	/** the latest submitted report of any approved version (a revision starts with none of its own) */
	latestReport:
		(Pick<PublicReportItem, 'id' | 'period' | 'submittedAt'> & { planId: number }) | null;
}

const SOATE = /^\d{14}$/;

/** The view of a municipality (or town) by its SOATE code; any other code is not found. */
export async function embedView(sql: Sql, soateCode: string): Promise<EmbedView> {
	if (!SOATE.test(soateCode)) throw new DomainError('error_not_found', 404);
	const [m] = await sql<EmbedView['municipality'][]>`
		select id, soate_code, name_ky, name_ru, name_en
		from territory
		where soate_code = ${soateCode}
			and kind in ('municipality', 'town')`;
	if (!m) throw new DomainError('error_not_found', 404);
	const [current] = await sql<{ id: number }[]>`
		select p.id
		from local_plan p join plan_approval a on a.local_plan_id = p.id
		where p.municipality_id = ${m.id}
			and p.state = 'approved'
			and not exists (select 1 from local_plan r where r.revision_of = p.id and r.state = 'approved')
		order by a.decision_date desc, p.id desc
		limit 1`;
	if (!current) return { municipality: { ...m, id: Number(m.id) }, plan: null, latestReport: null };
	const { plan, view } = await documents.publicPlan(sql, Number(current.id));
	const [report] = await sql<NonNullable<EmbedView['latestReport']>[]>`
		select r.id, r.period, r.submitted_at, r.local_plan_id as plan_id
		from report r join local_plan p on p.id = r.local_plan_id
		where p.municipality_id = ${m.id}
			and p.state = 'approved'
			and r.state = 'submitted'
		order by r.period_end desc, r.submitted_at desc
		limit 1`;
	return {
		municipality: { ...m, id: Number(m.id) },
		plan: {
			id: plan.id,
			title: plan.title,
			titleRu: plan.titleRu,
			periodStart: plan.periodStart,
			periodEnd: plan.periodEnd,
			decisionNumber: plan.decisionNumber,
			decisionDate: plan.decisionDate,
			activities: view.summary.activities,
			total: view.summary.total.total,
			sections: view.sections.map((s) => ({
				title: s.title,
				titleRu: s.titleRu,
				activities: s.activities.length
			}))
		},
		latestReport: report
			? { ...report, id: Number(report.id), planId: Number(report.planId) }
			: null
	};
}
