import * as app from '$lib/server/app';
import * as hearings from '$lib/server/hearings';
import { attempt, clientAddress, idParam, load as guard } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/hearings/vocabulary';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * A hearing for everyone, without login: when and where, the documents shown, the published
 * proposals (texts only, never their authors' names), the record (counts) and, during the proposal
 * period, the form that takes a written proposal.
 */
export const load: PageServerLoad = async (event) => {
	const sql = app.sql();
	const id = idParam(event.params.id);
	const hearing = await guard(() => hearings.hearingRef(sql, id));
	const [published, counts] = await Promise.all([
		hearings.selectProposals(sql, id, { names: false, hidden: false, pending: false }),
		hearings.counts(sql, [id])
	]);
	return {
		hearing,
		proposals: published,
		counts: counts.get(id)!,
		// a fresh token on every load: the form's minimum fill time counts from here
		token: hearing.open ? await hearings.formToken(sql, id) : '',
		flash: f.flash(event)
	};
};

const propose = f.shape({
	authorName: f.text(LIMITS.authorName, { label: 'hearing_author_name' }),
	body: f.text(LIMITS.body, { required: true, label: 'hearing_proposal_text' }),
	token: f.text(200),
	// the honeypot: hidden from people, filled by bots
	website: f.text(500)
});

export const actions: Actions = {
	propose: async (event) => {
		const id = idParam(event.params.id);
		const parsed = await f.parseForm(event, propose, 'proposal-new');
		if (!parsed.ok) return parsed.failure;
		const { authorName, body, token, website } = parsed.value;
		const result = await attempt(
			() =>
				hearings.propose(app.sql(), id, {
					authorName,
					body,
					token,
					honeypot: website,
					address: clientAddress(event)
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'proposal-new', { message: t('hearing_proposal_sent') });
	}
};
