import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import * as hearings from '$lib/server/hearings';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { LOCAL_PLAN_KINDS } from '$lib/server/plans/types';
import { t } from '$lib/i18n';
import { wordingIn } from '$lib/plans/wording';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	// the plan as its page shows it: no indicators, figures or fields only the activity page reads
	const view = await guard(() => plans.planPage(sql, actor, idParam(event.params.id)));
	const ref = view.ref;
	const [review, allComments, allAmendments, planHearings] = await Promise.all([
		approval.approvalInfo(sql, actor, view.plan.id, { plan: ref }),
		approval.comments(sql, actor, view.plan.id, { plan: ref }),
		approval.amendments(sql, actor, view.plan.id, { plan: ref }),
		hearings.besidePlan(sql, actor, view.plan.id, { plan: ref })
	]);
	const canEdit = plans.can(actor, 'edit', ref) && ref.state === 'draft';
	return {
		// the fields the page shows, not every field of every activity
		view: plans.planOutline(view, allComments, getLocale()),
		review,
		canEdit,
		// the rows' move and delete controls, asked for with ?arrange: a plan is read far more often
		// than it is rearranged, and a large plan's page stays light without them
		arranging: canEdit && event.url.searchParams.has(ARRANGE),
		canSubmit: approval.can(actor, 'submit', ref) && ref.state === 'draft',
		canRevise:
			approval.can(actor, 'revise', ref) &&
			ref.state === 'approved' &&
			!review.revisions.some((r) => r.state !== 'approved'),
		canComment: approval.can(actor, 'comment', ref),
		hearings: planHearings,
		canAnnounceHearing: hearings.can(actor, 'announce', ref) && ref.state !== 'draft',
		// only an approved version reports on what was done
		hasReports: ref.state === 'approved',
		// an approved plan has a summary to share, printed with this short link
		shareLink:
			ref.state === 'approved'
				? new URL(localizeHref(`/s/${view.plan.id}`), event.url.origin).href
				: null,
		planComments: allComments.filter((c) => c.targetKind === 'plan'),
		sectionComments: allComments.filter((c) => c.targetKind === 'section'),
		openAmendments: openAmendments(view, allAmendments),
		flash: f.flash(event)
	};
};

/** The proposed amendments with the activity (and budget line) each targets, found by id in one pass. */
function openAmendments(
	view: plans.PlanPage,
	amendments: { id: number; state: string; targetKind: string; targetId: number }[]
) {
	const proposed = amendments.filter((a) => a.state === 'proposed');
	if (proposed.length === 0) return [];
	const activities = new Map<number, plans.PlanPage['sections'][number]['activities'][number]>();
	const lines = new Map<
		number,
		{ activityId: number; line: (typeof view.sections)[0]['activities'][0]['budget'][0] }
	>();
	for (const s of view.sections)
		for (const a of s.activities) {
			activities.set(a.id, a);
			for (const b of a.budget) lines.set(b.id, { activityId: a.id, line: b });
		}
	return proposed.map((am) => {
		const line = am.targetKind === 'budget_line' ? lines.get(am.targetId) : undefined;
		const activity = activities.get(
			am.targetKind === 'activity' ? am.targetId : (line?.activityId ?? 0)
		);
		return {
			id: am.id,
			activityId: activity?.id ?? null,
			activityTitle: activity?.title ?? '',
			line: line
				? { year: line.line.year, amount: line.line.amount, source: line.line.source }
				: null
		};
	});
}

const ARRANGE = 'arrange';

/** Where a row's move or delete leads back to: the plan, still arranging if it was. */
const arrangeBack = (event: { url: URL }) =>
	event.url.searchParams.has(ARRANGE) ? `${event.url.pathname}?${ARRANGE}` : undefined;

const none = f.shape({});

const comment = f.shape({
	targetKind: f.choice(['plan', 'section']),
	/** the section commented on; a comment on the plan itself needs none */
	targetId: f.id({ optional: true }),
	parentId: f.id({ optional: true }),
	body: f.text(LIMITS.comment, { required: true, label: 'comment_write' })
});

// a plan, a section, an activity is worded in Kyrgyz, Russian or both: the domain asks for one of the two
const settings = f.shape({
	rowVersion: f.whole(0, f.INT_MAX),
	title: f.text(LIMITS.planTitle, { label: 'plan_title_ky' }),
	titleRu: f.text(LIMITS.planTitle, { label: 'plan_title_ru' }),
	kind: f.choice(LOCAL_PLAN_KINDS, { label: 'plan_kind' }),
	...f.yearly('envelope_', (year) =>
		f.text(LIMITS.amount, { label: 'plan_envelope_year', labelParams: { year } })
	)
});

const section = f.shape({
	title: f.text(LIMITS.sectionTitle, { label: 'section_title_ky' }),
	titleRu: f.text(LIMITS.sectionTitle, { label: 'section_title_ru' })
});
const sectionTitles = f.shape({
	sectionId: f.requiredId(),
	rowVersion: f.whole(0, f.INT_MAX),
	title: f.text(LIMITS.sectionTitle, { label: 'section_title_ky' }),
	titleRu: f.text(LIMITS.sectionTitle, { label: 'section_title_ru' })
});
const sectionRef = f.shape({ sectionId: f.requiredId() });
const addLocal = f.shape({
	sectionId: f.requiredId(),
	title: f.text(LIMITS.activityTitle, { required: true, label: 'activity_add_local' }),
	lang: f.optionalChoice(['ky', 'ru'])
});
const move = f.shape({
	activityId: f.requiredId(),
	direction: f.optionalChoice(['up', 'down']),
	sectionId: f.id({ optional: true })
});
const deleteActivity = f.shape({ activityId: f.requiredId(), rowVersion: f.whole(0, f.INT_MAX) });

/** A field's parsed value if the form sent it; undefined (keep what is stored) when an older page did not. */
const sentOrKept = <T extends { submitted: f.Submitted; value: Record<string, unknown> }>(
	parsed: T,
	name: string
) => (name in parsed.submitted.values ? String(parsed.value[name]) : undefined);

/** The yearly envelope fields of a parsed form, as the domain takes them. */
const envelopesOf = (value: Record<string, unknown>) =>
	Object.entries(value)
		.filter(([k]) => k.startsWith('envelope_'))
		.map(([k, amount]) => ({ year: Number(k.slice(9)), amount: String(amount) }));

export const actions: Actions = {
	submit: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'submit');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => approval.submit(app.sql(), actor, idParam(event.params.id)),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		// a problem names its activity in the reader's language
		const named = (p: approval.Problem) =>
			p.wording ? { title: wordingIn(p.wording, event.locals.locale).text } : {};
		const problems = result.value.problems.map((p) => ({
			activityId: p.activityId ?? null,
			message: t(p.code, { ...p.params, ...named(p) })
		}));
		if (problems.length > 0)
			return fail(409, {
				...parsed.submitted,
				errors: {},
				message: t('review_submit_blocked', { count: problems.length }),
				problems
			});
		f.done(event, 'plan-status');
	},
	revise: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'revise');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => approval.startRevision(app.sql(), actor, idParam(event.params.id)),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${result.value}`));
	},
	comment: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const parsed = await f.parseForm(event, comment, 'comment');
		if (!parsed.ok) return parsed.failure;
		const { targetKind, targetId, parentId, body } = parsed.value;
		const input = {
			targetKind,
			targetId: targetKind === 'plan' ? planId : (targetId ?? 0),
			parentId,
			body
		};
		const result = await attempt(
			() => approval.addComment(app.sql(), actor, planId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	settings: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, settings, 'settings');
		if (!parsed.ok) return parsed.failure;
		const { kind, title, rowVersion } = parsed.value;
		const input = {
			kind,
			title,
			titleRu: sentOrKept(parsed, 'titleRu'),
			rowVersion,
			envelopes: envelopesOf(parsed.value)
		};
		const result = await attempt(
			() => plans.updatePlan(app.sql(), actor, idParam(event.params.id), input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'settings');
	},
	addSection: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, section, 'add-section');
		if (!parsed.ok) return parsed.failure;
		const { title, titleRu } = parsed.value;
		const result = await attempt(
			() => plans.addSection(app.sql(), actor, idParam(event.params.id), title, titleRu),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'add-section');
	},
	updateSection: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, sectionTitles, 'sec-title');
		if (!parsed.ok) return parsed.failure;
		const { sectionId, ...input } = parsed.value;
		const result = await attempt(
			() => plans.updateSection(app.sql(), actor, idParam(event.params.id), sectionId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	deleteSection: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, sectionRef, 'del-section');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => plans.deleteSection(app.sql(), actor, idParam(event.params.id), parsed.value.sectionId),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'plan-status', { message: t('deleted') });
	},
	addLocal: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, addLocal, 'add-local');
		if (!parsed.ok) return parsed.failure;
		// the one text box takes the wording in the page's language; the activity page has both
		const { sectionId, title, lang } = parsed.value;
		const input =
			lang === 'ru' ? { sectionId, title: '', titleRu: title } : { sectionId, title, titleRu: '' };
		const result = await attempt(
			() => plans.addLocalActivity(app.sql(), actor, idParam(event.params.id), input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${event.params.id}/activities/${result.value}`));
	},
	move: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, move, 'move');
		if (!parsed.ok) return parsed.failure;
		const { activityId, direction, sectionId } = parsed.value;
		const input = { direction: direction || undefined, sectionId: sectionId ?? undefined };
		const result = await attempt(
			() => plans.moveActivity(app.sql(), actor, activityId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form, { to: arrangeBack(event) });
	},
	deleteActivity: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, deleteActivity, 'del-act');
		if (!parsed.ok) return parsed.failure;
		const { activityId, rowVersion } = parsed.value;
		const result = await attempt(
			() => plans.deleteActivity(app.sql(), actor, activityId, { rowVersion }),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'plan-status', { message: t('deleted'), to: arrangeBack(event) });
	}
};
