import * as app from '$lib/server/app';
import * as hearings from '$lib/server/hearings';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { error } from '@sveltejs/kit';
import { LIMITS, PARTICIPANT_COLUMNS, PARTICIPANT_FIELDS } from '$lib/hearings/vocabulary';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const planId = idParam(event.params.id);
	const page = await guard(() =>
		hearings.manage(app.sql(), actor, idParam(event.params.hearingId))
	);
	if (page.hearing.planId !== planId) error(404, t('error_not_found'));
	return { ...page, flash: f.flash(event) };
};

/** The hearing, after checking it belongs to the plan of the address. */
async function hearingOf(event: { params: { id: string; hearingId: string } }) {
	const hearing = await hearings.hearingRef(app.sql(), idParam(event.params.hearingId));
	if (hearing.planId !== idParam(event.params.id)) error(404, t('error_not_found'));
	return hearing;
}

const moderate = f.shape({
	proposalId: f.requiredId(),
	moderation: f.choice(['published', 'hidden'] as const, { label: 'hearing_moderation' })
});
const decide = f.shape({
	proposalId: f.requiredId(),
	outcome: f.choice(['open', 'accepted', 'rejected'] as const, { label: 'hearing_outcome' }),
	became: f.text(40, { label: 'hearing_became' }),
	reason: f.text(LIMITS.reason, { label: 'hearing_reason' })
});
const count = (field: (typeof PARTICIPANT_FIELDS)[number]) =>
	f.whole(0, LIMITS.count, { label: `hearing_count_${PARTICIPANT_COLUMNS[field]}` });
const record = f.shape({
	...(Object.fromEntries(PARTICIPANT_FIELDS.map((p) => [p, count(p)])) as Record<
		(typeof PARTICIPANT_FIELDS)[number],
		ReturnType<typeof count>
	>),
	questions: f.text(LIMITS.questions, { label: 'hearing_questions' }),
	decisions: f.text(LIMITS.decisions, { label: 'hearing_decisions' })
});

/** `activity-12` or `amendment-4` from the select of what an accepted proposal became. */
function became(value: string): { activityId: number | null; amendmentId: number | null } {
	const m = /^(activity|amendment)-([1-9]\d{0,14})$/.exec(value);
	if (!m) return { activityId: null, amendmentId: null };
	const id = Number(m[2]);
	return m[1] === 'activity'
		? { activityId: id, amendmentId: null }
		: { activityId: null, amendmentId: id };
}

export const actions: Actions = {
	moderate: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, moderate, 'proposal-moderate');
		if (!parsed.ok) return parsed.failure;
		const { proposalId, moderation } = parsed.value;
		const result = await attempt(async () => {
			await hearingOf(event);
			await hearings.moderate(app.sql(), actor, proposalId, moderation);
		}, parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, `proposal-moderate-${proposalId}`, {
			message: t(moderation === 'published' ? 'hearing_published' : 'hearing_hidden')
		});
	},
	decide: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, decide, 'proposal-decide');
		if (!parsed.ok) return parsed.failure;
		const { proposalId, outcome, reason } = parsed.value;
		const input: hearings.DecisionInput =
			outcome === 'accepted'
				? { outcome, ...became(parsed.value.became) }
				: outcome === 'rejected'
					? { outcome, reason }
					: { outcome };
		const result = await attempt(async () => {
			await hearingOf(event);
			await hearings.decide(app.sql(), actor, proposalId, input);
		}, parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, `proposal-decide-${proposalId}`);
	},
	record: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, record, 'hearing-record');
		if (!parsed.ok) return parsed.failure;
		const { questions, decisions, ...participants } = parsed.value;
		const result = await attempt(async () => {
			const hearing = await hearingOf(event);
			await hearings.record(app.sql(), actor, hearing.id, { participants, questions, decisions });
		}, parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, 'hearing-record', { message: t('hearing_recorded') });
	}
};
