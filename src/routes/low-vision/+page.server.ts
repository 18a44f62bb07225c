import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import * as app from '$lib/server/app';
import { returnPath, setLowVision } from '$lib/server/preferences';
import type { Actions, PageServerLoad } from './$types';

/** The switch is a form in every page's header; the address itself only leads home. */
export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions: Actions = {
	/** Turns large text and high contrast on or off, for this browser and the signed-in user, then goes back. */
	default: async (event) => {
		const form = await event.request.formData().catch(() => null);
		const on = form?.get('on');
		if (on !== '1' && on !== '0') error(400, t('low_vision_bad_request'));
		await setLowVision(app.sql(), event.cookies, event.locals.actor?.id ?? null, on === '1');
		redirect(303, returnPath(form?.get('back')));
	}
};
