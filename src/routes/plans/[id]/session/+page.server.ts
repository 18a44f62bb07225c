import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as approval from '$lib/server/approval';
import * as hearings from '$lib/server/hearings';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { todayInBishkek } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const planId = idParam(event.params.id);
	const page = await guard(() => approval.sessionPage(app.sql(), actor, planId));
	return {
		...page,
		// the public hearings' record, beside the plan while the kenesh votes
		hearings: await guard(() => hearings.besidePlan(app.sql(), actor, planId)),
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
