import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import { attempt, clientAddress, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	return { flash: f.flash(event), mustChange: actor.mustChangePassword };
};

const change = f.shape({
	current: f.password(LIMITS.password, { required: true, label: 'password_current' }),
	next: f.password(LIMITS.password, { required: true, label: 'password_new' }),
	confirm: f.password(LIMITS.password, { required: true, label: 'password_confirm' })
});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, change, 'password');
		if (!parsed.ok) return parsed.failure;
		const input = {
			...parsed.value,
			address: clientAddress(event),
			keepSessionId: event.locals.session?.id
		};
		const result = await attempt(
			() => users.changeOwnPassword(app.sql(), actor, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		// a redirect: the next page loads the actor afresh, no longer one who must change the password
		f.done(event, 'password', { message: t('password_changed') });
	}
};
