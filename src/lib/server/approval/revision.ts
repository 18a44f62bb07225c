/** Revisions of an approved plan: starting one, and what it changes against the approved version. */

import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { withPlanLock } from '../plans/plans';
import { planView } from '../plans/view';
import { readSnapshot } from '../plans/snapshot';
import { can } from './permissions';
import { planEvent } from './submission';
import type { ApprovalInfo } from './session';

/** Starts a revision of an approved plan: a new draft holding a copy of everything, each part remembering its original. */
export async function startRevision(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<number> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!can(actor, 'revise', plan)) throw new Forbidden();
		if (plan.state !== 'approved')
			throw new DomainError('error_transition', 409, { from: plan.state, to: 'revision' });
		const [open] = await tx<
			{ id: number }[]
		>`select id from local_plan where revision_of = ${planId} and state <> 'approved'`;
		if (open) throw new DomainError('error_revision_open', 409, { id: open.id });
		const { id: newId } = (
			await tx<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, title_ru, period_start, period_end, created_by, revision_of)
			select municipality_id, kind, title, title_ru, period_start, period_end, ${actor.id}, id
			from local_plan
			where id = ${planId}
			returning id`
		)[0]!;
		await tx`insert into local_plan_envelope (local_plan_id, municipality_id, year, amount) select ${newId}, municipality_id, year, amount from local_plan_envelope where local_plan_id = ${planId}`;
		const sections = await tx<{ id: number; title: string; titleRu: string; position: number }[]>`
			select id, title, title_ru, position
			from plan_section
			where local_plan_id = ${planId}
			order by position`;
		for (const s of sections) {
			const { id: sectionId } = (
				await tx<{ id: number }[]>`
				insert into plan_section (local_plan_id, municipality_id, title, title_ru, position)
				values (${newId}, ${plan.municipalityId}, ${s.title}, ${s.titleRu}, ${s.position})
				returning id`
			)[0]!;
			const activities = await tx<
				{ id: number }[]
			>`select id from activity where section_id = ${s.id} order by position`;
			for (const a of activities) {
				const { id: activityId } = (
					await tx<{ id: number }[]>`
					insert into activity (local_plan_id, municipality_id, section_id, position, measure_node_id, national_text, national_text_ru,
						title, title_ru, reason, responsible, partners, target_groups, start_year, start_quarter, end_year, end_quarter, copied_from)
					select ${newId}, municipality_id, ${sectionId}, position, measure_node_id, national_text, national_text_ru,
						title, title_ru, reason, responsible, partners, target_groups, start_year, start_quarter, end_year, end_quarter, id
					from activity
					where id = ${a.id}
					returning id`
				)[0]!;
				for (const i of await tx<
					{ id: number }[]
				>`select id from indicator where activity_id = ${a.id} order by position, id`) {
					const { id: indicatorId } = (
						await tx<{ id: number }[]>`
						insert into indicator (activity_id, municipality_id, name, unit, kind, population, by_sex, by_age, by_disability, data_source, position)
						select ${activityId}, municipality_id, name, unit, kind, population, by_sex, by_age, by_disability, data_source, position
						from indicator
						where id = ${i.id}
						returning id`
					)[0]!;
					await tx`
						insert into indicator_value (indicator_id, municipality_id, year, sex, age_band, disability, value)
						select ${indicatorId}, municipality_id, year, sex, age_band, disability, value
						from indicator_value
						where indicator_id = ${i.id}`;
				}
				await tx`
					insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, classification_code, marker, gender_share, justification,
						beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys)
					select ${activityId}, municipality_id, year, amount, source, donor_name, classification_code, marker, gender_share, justification,
						beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys from budget_line where activity_id = ${a.id} order by id`;
			}
		}
		await planEvent(tx, plan, 'revision_started', actor.id, String(newId));
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'local_plan',
			entityId: newId,
			action: 'revise',
			after: { revisionOf: planId }
		});
		return newId;
	});
}

/** What a revision changes against the approved version it started from, with the revision's titles (Kyrgyz, Russian). */
export async function revisionDiff(
	sql: Sql,
	actor: Actor | null,
	revisionId: number
): Promise<{
	title: string;
	titleRu: string;
	diff: import('./diff').PlanDiff;
	approvedId: number;
	approval: NonNullable<ApprovalInfo['approval']>;
}> {
	const { diffPlans } = await import('./diff');
	const revision = await planView(sql, actor, revisionId);
	const [p] = await sql<
		{ revisionOf: number | null }[]
	>`select revision_of from local_plan where id = ${revisionId}`;
	if (!p?.revisionOf) throw new DomainError('error_not_revision', 404);
	const [a] = await sql<
		{
			snapshot: unknown;
			decisionNumber: string;
			decisionDate: string;
			contentHash: string;
			approvedAt: Date;
		}[]
	>`
		select snapshot, decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date, content_hash, approved_at from plan_approval where local_plan_id = ${p.revisionOf}`;
	if (!a) throw new DomainError('error_not_found', 404);
	const copiedFrom = new Map(
		(
			await sql<
				{ id: number; copiedFrom: number | null }[]
			>`select id, copied_from from activity where local_plan_id = ${revisionId}`
		).map((r) => [r.id, r.copiedFrom])
	);
	const diff = diffPlans(readSnapshot(a.snapshot), revision, {
		originOf: (act, side) =>
			act.provenance?.measureStableId ??
			'copy:' + (side === 'approved' ? act.id : (copiedFrom.get(act.id) ?? 'new-' + act.id))
	});
	return {
		title: revision.plan.title,
		titleRu: revision.plan.titleRu,
		diff,
		approvedId: p.revisionOf,
		approval: {
			decisionNumber: a.decisionNumber,
			decisionDate: a.decisionDate,
			contentHash: a.contentHash,
			approvedAt: a.approvedAt
		}
	};
}
