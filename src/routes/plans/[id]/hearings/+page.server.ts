import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as hearings from '$lib/server/hearings';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { DOCUMENT_KINDS, LIMITS, SUBJECTS } from '$lib/hearings/vocabulary';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const ref = await guard(() => plans.planRef(sql, planId));
	const list = await guard(() => hearings.forPlan(sql, actor, planId));
	const counts = await hearings.counts(
		sql,
		list.map((h) => h.id)
	);
	return {
		planId,
		planState: ref.state,
		hearings: list.map((h) => ({ ...h, counts: counts.get(h.id)! })),
		canAnnounce: hearings.can(actor, 'announce', ref) && ref.state !== 'draft',
		flash: f.flash(event)
	};
};

const announce = f.shape({
	subject: f.choice(SUBJECTS, { label: 'hearing_subject' }),
	heldDate: f.date({ required: true, label: 'hearing_held_date' }),
	heldTime: f.text(5, { required: true, label: 'hearing_held_time' }),
	place: f.text(LIMITS.place, { required: true, label: 'hearing_place' }),
	documents: f.list(f.choice(DOCUMENT_KINDS), DOCUMENT_KINDS.length, {
		label: 'hearing_documents'
	}),
	documentsNote: f.text(LIMITS.documentsNote, { label: 'hearing_documents_note' }),
	proposalsFrom: f.date({ required: true, label: 'hearing_proposals_from' }),
	proposalsTo: f.date({ required: true, label: 'hearing_proposals_to' })
});

export const actions: Actions = {
	announce: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const parsed = await f.parseForm(event, announce, 'hearing-new');
		if (!parsed.ok) return parsed.failure;
		const { heldDate, heldTime, ...rest } = parsed.value;
		const result = await attempt(
			() =>
				hearings.announce(app.sql(), actor, planId, {
					...rest,
					heldAt: `${heldDate}T${heldTime.trim()}`
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'hearing-status', {
			message: t('hearing_announced'),
			to: localizeHref(`/plans/${planId}/hearings/${result.value}`)
		});
	}
};
