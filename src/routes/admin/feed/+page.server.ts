import { error, fail } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as feed from '$lib/server/feed';
import { attempt, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The one-time cookie that carries a new sender key's secret across the redirect to this page
 * (like the flash message, on `/`: the page is also served under /ru and /en); this page's next
 * load takes it, and it expires in a minute otherwise.
 */
const SECRET_COOKIE = 'feed_new_secret';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!feed.can(actor, 'view')) error(403, t('error_forbidden'));
	const sql = app.sql();
	const deliveries = await feed.listDeliveries(sql);
	const attempts = await feed.listAttempts(
		sql,
		deliveries.map((d) => d.id)
	);
	return {
		endpoints: await feed.listEndpoints(sql),
		keys: await feed.listSenderKeys(sql),
		deliveries: deliveries.map((d) => ({
			...d,
			attempts: attempts.filter((a) => a.deliveryId === d.id)
		})),
		newSecret: takeSecret(event),
		flash: f.flash(event)
	};
};

/** The secret of the key just created, shown this once: the cookie is gone after this load. */
function takeSecret(
	event: Pick<RequestEvent, 'cookies'>
): { keyId: string; secret: string } | null {
	const stored = event.cookies.get(SECRET_COOKIE);
	if (!stored) return null;
	event.cookies.delete(SECRET_COOKIE, { path: '/' });
	try {
		const v = JSON.parse(stored);
		return typeof v?.keyId === 'string' && typeof v?.secret === 'string' ? v : null;
	} catch {
		return null;
	}
}

const addEndpoint = f.shape({
	url: f.text(2000, { required: true, label: 'feed_url' }),
	keyId: f.text(100, { required: true, label: 'feed_key_id' }),
	secret: f.password(200, { required: true, label: 'feed_secret' })
});
/** The fields endpointProblems may name. */
type EndpointField = keyof ReturnType<typeof feed.endpointProblems>;
const ENDPOINT_LABELS: Record<EndpointField, string> = {
	url: 'feed_url',
	keyId: 'feed_key_id',
	secret: 'feed_secret'
};
const rowId = f.shape({ id: f.requiredId() });
const createKey = f.shape({
	keyId: f.text(100, { required: true, label: 'feed_key_id' }),
	label: f.text(200, { label: 'feed_key_label' })
});

export const actions: Actions = {
	addEndpoint: async (event) => {
		const actor = requireActor(event);
		// who may comes before what was sent
		if (!feed.can(actor, 'add_endpoint')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, addEndpoint, 'new-endpoint');
		if (!parsed.ok) return parsed.failure;
		// every field's problem beside it at once, not one per try
		const problems = Object.entries(feed.endpointProblems(parsed.value)) as [
			EndpointField,
			string
		][];
		if (problems.length)
			return fail(400, {
				...parsed.submitted,
				message:
					problems.length === 1
						? t(problems[0]![1])
						: t('form_errors_summary', { count: problems.length }),
				errors: Object.fromEntries(problems.map(([field, code]) => [field, t(code)])),
				labels: Object.fromEntries(problems.map(([field]) => [field, t(ENDPOINT_LABELS[field])])),
				conflict: undefined
			});
		const result = await attempt(() => feed.addEndpoint(app.sql(), parsed.value), parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, 'new-endpoint', { message: t('feed_endpoint_added') });
	},
	deactivateEndpoint: async (event) => {
		const actor = requireActor(event);
		if (!feed.can(actor, 'deactivate_endpoint')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, rowId, 'endpoint');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(() => feed.setEndpointActive(app.sql(), parsed.value.id, false));
		if (!result.ok) return result.failure;
		f.done(event, 'endpoints', { message: t('feed_endpoint_deactivated') });
	},
	createKey: async (event) => {
		const actor = requireActor(event);
		if (!feed.can(actor, 'create_sender_key')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, createKey, 'new-key');
		if (!parsed.ok) return parsed.failure;
		const { keyId, label } = parsed.value;
		const result = await attempt(
			() => feed.createSenderKey(app.sql(), keyId.trim(), label),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		event.cookies.set(
			SECRET_COOKIE,
			JSON.stringify({ keyId: result.value.keyId, secret: result.value.secret }),
			{
				path: '/',
				httpOnly: true,
				sameSite: 'strict',
				secure: event.url.protocol === 'https:',
				maxAge: 60
			}
		);
		f.done(event, 'new-key', { message: t('feed_key_created') });
	},
	revokeKey: async (event) => {
		const actor = requireActor(event);
		if (!feed.can(actor, 'revoke_sender_key')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, rowId, 'key');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(() => feed.revokeSenderKey(app.sql(), parsed.value.id));
		if (!result.ok) return result.failure;
		f.done(event, 'keys', { message: t('feed_key_revoked') });
	},
	sendAgain: async (event) => {
		const actor = requireActor(event);
		if (!feed.can(actor, 'send_again')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, rowId, 'delivery');
		if (!parsed.ok) return parsed.failure;
		const queued = await attempt(() => feed.sendAgain(app.sql(), app.jobs(), parsed.value.id));
		if (!queued.ok) return queued.failure;
		if (!queued.value)
			return fail(409, {
				form: parsed.submitted.form,
				values: {},
				errors: {},
				labels: {},
				message: t('feed_error_not_dead')
			});
		f.done(event, 'deliveries', { message: t('feed_sent_again') });
	}
};
