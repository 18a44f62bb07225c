import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import { attempt, field, idParam, intField, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import { todayInBishkek } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const review = await guard(() => approval.approvalInfo(sql, actor, planId));
	if (!review.isSecretary) error(403, t('error_forbidden'));
	const ref = await plans.planRef(sql, planId);
	const [p] = await sql<{ title: string; titleRu: string }[]>`select title, title_ru from local_plan where id = ${planId}`;
	const roster = await approval.rosterFor(sql, ref.municipalityId);
	return { planId, title: p.title, titleRu: p.titleRu, state: review.state, roster, quorum: await approval.quorumFor(sql, ref.municipalityId, roster.length), today: todayInBishkek() };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const form = await event.request.formData();
		const input: approval.SessionInput = {
			sessionDate: field(form, 'sessionDate'),
			presentDeputyIds: form.getAll('present').map(Number).filter(Number.isInteger),
			votesFor: intField(form, 'votesFor') ?? -1,
			votesAgainst: intField(form, 'votesAgainst') ?? 0,
			votesAbstained: intField(form, 'votesAbstained') ?? 0,
			decisionNumber: field(form, 'decisionNumber'),
			outcome: field(form, 'outcome') === 'returned' ? 'returned' : 'approved'
		};
		const result = await attempt(() => approval.recordSession(app.sql(), app.jobs(), actor, planId, input), { submitted: { ...input, presentDeputyIds: input.presentDeputyIds } });
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${planId}`));
	}
};
