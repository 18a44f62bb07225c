import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as expertise from '$lib/server/expertise';
import { attempt, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { EXPERTISE_LIMITS } from '$lib/expertise/vocabulary';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Blank rows under the questions, for adding new ones. */
const BLANK_ROWS = 2;

const revise = f.shape(
	{ baseVersion: f.whole(1, f.INT_MAX) },
	{
		textKy: f.text(EXPERTISE_LIMITS.question, { label: 'expertise_question_ky' }),
		textRu: f.text(EXPERTISE_LIMITS.question, { label: 'expertise_question_ru' }),
		textEn: f.text(EXPERTISE_LIMITS.question, { label: 'expertise_question_en' }),
		hintKy: f.text(EXPERTISE_LIMITS.hint, { label: 'expertise_hint_ky' }),
		hintRu: f.text(EXPERTISE_LIMITS.hint, { label: 'expertise_hint_ru' }),
		hintEn: f.text(EXPERTISE_LIMITS.hint, { label: 'expertise_hint_en' })
	}
);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!expertise.canReviseQuestions(actor)) error(403, t('error_forbidden'));
	const sql = app.sql();
	return {
		current: await guard(() => expertise.currentSet(sql)),
		versions: await guard(() => expertise.versions(sql)),
		blankRows: BLANK_ROWS,
		flash: f.flash(event)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		if (!expertise.canReviseQuestions(actor)) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, revise, 'questions');
		if (!parsed.ok) return parsed.failure;
		// rows are numbered 1…n in the order of the page
		const questions = Object.entries(parsed.rows)
			.sort(([a], [b]) => Number(a) - Number(b))
			.map(([, r]) => ({
				textKy: String(r.textKy ?? ''),
				textRu: String(r.textRu ?? ''),
				textEn: String(r.textEn ?? ''),
				hintKy: String(r.hintKy ?? ''),
				hintRu: String(r.hintRu ?? ''),
				hintEn: String(r.hintEn ?? '')
			}));
		const result = await attempt(
			() =>
				expertise.revise(app.sql(), actor, {
					baseVersion: parsed.value.baseVersion,
					questions
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'questions', {
			message: t('expertise_questions_published', { version: result.value.version })
		});
	}
};
