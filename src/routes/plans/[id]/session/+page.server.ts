import { error } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
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
	const [p] = await sql<{ title: string }[]>`select title from local_plan where id = ${planId}`;
	const roster = await approval.rosterFor(sql, ref.municipalityId);
	return {
		planId,
		title: p.title,
		state: review.state,
		roster,
		quorum: await approval.quorumFor(sql, ref.municipalityId, roster.length),
		today: todayInBishkek()
	};
};

const VOTES = 100_000;
const session = f.shape({
	sessionDate: f.date({ required: true, label: 'session_date' }),
	decisionNumber: f.text(LIMITS.decisionNumber, {
		required: true,
		label: 'session_decision_number'
	}),
	present: f.list(f.requiredId(), LIMITS.present),
	votesFor: f.whole(0, VOTES, { label: 'session_for' }),
	votesAgainst: f.int(0, VOTES, { label: 'session_against' }),
	votesAbstained: f.int(0, VOTES, { label: 'session_abstained' }),
	outcome: f.choice(['approved', 'returned'], { label: 'session_outcome' })
});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const parsed = await f.parseForm(event, session, 'session');
		if (!parsed.ok) return parsed.failure;
		const { present, votesAgainst, votesAbstained, ...rest } = parsed.value;
		const input: approval.SessionInput = {
			...rest,
			presentDeputyIds: present,
			votesAgainst: votesAgainst ?? 0,
			votesAbstained: votesAbstained ?? 0
		};
		const result = await attempt(
			() => approval.recordSession(app.sql(), app.jobs(), actor, planId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'plan-status', { to: localizeHref(`/plans/${planId}`) });
	}
};
