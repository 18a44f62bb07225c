import * as app from '$lib/server/app';
import * as expertise from '$lib/server/expertise';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { ACT_KINDS, ANSWERS, EXPERTISE_LIMITS, OUTCOMES } from '$lib/expertise/vocabulary';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const details = f.shape({
	rowVersion: f.whole(1, f.INT_MAX),
	kind: f.choice(ACT_KINDS, { label: 'expertise_kind' }),
	titleKy: f.text(EXPERTISE_LIMITS.title, { label: 'expertise_title_ky' }),
	titleRu: f.text(EXPERTISE_LIMITS.title, { label: 'expertise_title_ru' }),
	number: f.text(EXPERTISE_LIMITS.number, { label: 'expertise_number' }),
	actDate: f.date({ label: 'expertise_date' })
});
const checklist = f.shape(
	{
		rowVersion: f.whole(1, f.INT_MAX),
		setId: f.requiredId(),
		conclusion: f.text(EXPERTISE_LIMITS.conclusion, { label: 'expertise_conclusion_text' }),
		outcome: f.optionalChoice(OUTCOMES, { label: 'expertise_outcome' })
	},
	{
		answer: f.optionalChoice(ANSWERS, { label: 'expertise_answer' }),
		comment: f.text(EXPERTISE_LIMITS.comment, { label: 'expertise_comment' })
	}
);
const linkForm = f.shape({ activityId: f.requiredId() });

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.aid);
	const act = await guard(() => expertise.get(sql, actor, id));
	const canEdit = expertise.can(actor, 'edit', act.scope);
	const current = await guard(() => expertise.currentSet(sql));
	return {
		act,
		currentVersion: current.version,
		canEdit,
		linkable: canEdit ? await guard(() => expertise.linkable(sql, actor, id)) : [],
		flash: f.flash(event)
	};
};

export const actions: Actions = {
	details: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, details, 'act-details');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => expertise.updateDetails(app.sql(), actor, idParam(event.params.aid), parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'act-details');
	},
	checklist: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, checklist, 'checklist');
		if (!parsed.ok) return parsed.failure;
		const answers = Object.fromEntries(
			Object.entries(parsed.rows).map(([qid, r]) => [
				Number(qid),
				{ answer: String(r.answer ?? ''), comment: String(r.comment ?? '') }
			])
		);
		const result = await attempt(
			() =>
				expertise.saveChecklist(app.sql(), actor, idParam(event.params.aid), {
					...parsed.value,
					answers
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'checklist');
	},
	link: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, linkForm, 'link');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => expertise.link(app.sql(), actor, idParam(event.params.aid), parsed.value.activityId),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'links', { message: t('expertise_linked') });
	},
	unlink: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, linkForm, 'unlink');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => expertise.unlink(app.sql(), actor, idParam(event.params.aid), parsed.value.activityId),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'links', { message: t('expertise_unlinked') });
	}
};
