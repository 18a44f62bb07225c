import { error, fail } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { importReportForm } from '$lib/server/reports/workbook';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { locale, t } from '$lib/i18n';
import { FUNDING } from '$lib/plans/vocabulary';
import {
	ACTIVITY_STATUSES,
	ACTUAL_AGE_KEYS,
	ACTUAL_DISABILITY_KEYS,
	STOP_REASONS
} from '$lib/reports/vocabulary';
import { parsePeriod } from '$lib/reports/periods';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A period code from the route (2025, 2026S1, 2026Q3); anything else is "not found". */
const periodParam = (event: Pick<RequestEvent, 'params'>) => {
	const code = event.params.period;
	if (!parsePeriod(code)) error(404, t('error_not_found'));
	return code;
};

/** One report of an approved plan: filled here by its staff, read by the kenesh, the oblast and the ministry once submitted. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	// ?version=1 reads an earlier version of the period's report; none, the latest
	const asked = event.url.searchParams.get('version');
	if (asked !== null && !/^[1-9]\d{0,3}$/.test(asked)) error(404, t('error_not_found'));
	const page = await guard(() =>
		reports.reportPage(app.sql(), actor, idParam(event.params.id), periodParam(event), {
			...(asked !== null && { version: Number(asked) })
		})
	);
	// the files of the report, for those who read its content (its staff, and everyone once submitted)
	const evidence =
		page.content && page.report ? await reports.evidenceOf(app.sql(), page.report.id) : [];
	const hearing = page.report
		? ((await reports.hearingsOf(app.sql(), page.plan.id)).get(page.report.id) ?? null)
		: null;
	const latestSubmitted = page.versions.filter((v) => v.state === 'submitted').at(-1);
	const canHear =
		// hearing asks for the municipality's secretary only, whatever the region
		reports.can(actor, 'hear', { municipalityId: page.plan.municipalityId, regionId: 0 }) &&
		page.report?.state === 'submitted' &&
		// the hearing is recorded on the latest submitted version
		page.report.id === latestSubmitted?.id &&
		!hearing;
	return { page, evidence, hearing, canHear, flash: f.flash(event) };
};

/**
 * One activity's part: its status and words, and per row of the page (`female_<indicator id>`,
 * `spent_<budget line id>`…) an indicator's actuals or a budget line's spending and beneficiaries.
 */
const activity = f.shape(
	{
		activityId: f.requiredId(),
		status: f.choice(ACTIVITY_STATUSES, { label: 'report_status' }),
		reason: f.optionalChoice(STOP_REASONS, { label: 'report_reason' }),
		reasonText: f.text(LIMITS.reportReason, { label: 'report_reason_text' }),
		narrative: f.text(LIMITS.reportText, { label: 'report_narrative' }),
		problems: f.text(LIMITS.reportText, { label: 'report_problems' })
	},
	{
		female: f.text(LIMITS.number, { label: 'report_actual_female' }),
		male: f.text(LIMITS.number, { label: 'report_actual_male' }),
		total: f.text(LIMITS.number, { label: 'report_actual_total' }),
		...Object.fromEntries(
			Object.values({ ...ACTUAL_AGE_KEYS, ...ACTUAL_DISABILITY_KEYS }).map((k) => [
				k,
				f.text(LIMITS.number, { label: 'report_col_actual' })
			])
		),
		spent: f.text(LIMITS.amount, { label: 'report_col_spent' }),
		women: f.int(0, f.INT_MAX, { label: 'indicator_women' }),
		men: f.int(0, f.INT_MAX, { label: 'indicator_men' }),
		girls: f.int(0, f.INT_MAX, { label: 'indicator_girls' }),
		boys: f.int(0, f.INT_MAX, { label: 'indicator_boys' })
	}
);

type Row = Partial<Record<string, string | number | null>> & {
	female?: string;
	male?: string;
	total?: string;
	spent?: string;
	women?: number | null;
	men?: number | null;
	girls?: number | null;
	boys?: number | null;
};

const extra = f.shape({
	activityId: f.id({ optional: true }),
	description: f.text(LIMITS.reportExtra, { required: true, label: 'report_extra_description' }),
	spent: f.text(LIMITS.amount, { required: true, label: 'report_col_spent' }),
	source: f.choice(
		FUNDING.filter((s) => s !== 'unfunded'),
		{ label: 'budget_source' }
	),
	donorName: f.text(LIMITS.donorName, { label: 'budget_donor' }),
	marker: f.choice(['0', '1', '2'], { label: 'budget_marker' }),
	genderShare: f.text(LIMITS.number, { label: 'budget_share' })
});

const extraRef = f.shape({ extraId: f.requiredId() });
/** `target` is the line commented on: `report_activity:<activity id>` or `report_spending:<budget line id>`. */
const comment = f.shape({
	target: f.text(60, { label: 'report_comment_kind' }),
	body: f.text(LIMITS.comment, { required: true, label: 'comment_write' })
});
const TARGET = /^(report_activity|report_spending):([1-9]\d{0,14})$/;
const none = f.shape({});
const evidence = f.shape({ activityId: f.requiredId(), file: f.file() });
const evidenceRef = f.shape({ evidenceId: f.requiredId() });
const evidencePublic = f.shape({
	evidenceId: f.requiredId(),
	isPublic: f.choice(['0', '1'], { label: 'report_evidence_public' })
});
const upload = f.shape({ file: f.file() });
const hearing = f.shape({
	heardOn: f.date({ required: true, label: 'report_hearing_date' }),
	decisionNumber: f.text(reports.DECISION_NUMBER_MAX, {
		required: true,
		label: 'report_hearing_decision'
	})
});

export const actions: Actions = {
	/**
	 * The filled report form: checked cell by cell and, when every cell is good, written at once;
	 * otherwise nothing is written and the bad cells come back to the page.
	 */
	reportForm: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, upload, 'report-form');
		if (!parsed.ok) return parsed.failure;
		// no file is the domain's to refuse, after it has checked who asks
		const file = parsed.value.file;
		const bytes = file ? new Uint8Array(await file.arrayBuffer()) : null;
		const result = await attempt(
			() =>
				importReportForm(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					bytes,
					locale()
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		if (!result.value.ok)
			return fail(400, {
				...parsed.submitted,
				errors: {},
				message: t('report_form_problems'),
				problems: result.value.problems
			});
		f.done(event, 'report-form', {
			message: t('report_form_imported', { count: result.value.activities })
		});
	},
	activity: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, activity, 'activity');
		if (!parsed.ok) return parsed.failure;
		const actuals: reports.ActivityReportInput['actuals'] = {};
		const spending: reports.ActivityReportInput['spending'] = {};
		for (const [id, raw] of Object.entries(parsed.rows)) {
			const row = raw as Row;
			// age bands and disability by their row keys (see ACTUAL_AGE_KEYS), only those posted
			const typed = <K extends string>(keys: Record<K, string>) =>
				Object.fromEntries(
					Object.entries<string>(keys).flatMap(([part, key]) =>
						typeof row[key] === 'string' ? [[part, row[key]]] : []
					)
				);
			const age = typed(ACTUAL_AGE_KEYS);
			const disability = typed(ACTUAL_DISABILITY_KEYS);
			if (
				'female' in row ||
				'male' in row ||
				'total' in row ||
				Object.keys(age).length ||
				Object.keys(disability).length
			)
				actuals[Number(id)] = {
					female: row.female,
					male: row.male,
					total: row.total,
					age,
					disability
				};
			if (['spent', 'women', 'men', 'girls', 'boys'].some((k) => k in row))
				spending[Number(id)] = {
					spent: row.spent ?? '',
					women: row.women ?? null,
					men: row.men ?? null,
					girls: row.girls ?? null,
					boys: row.boys ?? null
				};
		}
		const result = await attempt(
			() =>
				reports.saveActivity(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					...parsed.value,
					actuals,
					spending
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	extra: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, extra, 'extra', {});
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.addExtraSpending(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					...parsed.value,
					marker: Number(parsed.value.marker)
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'extra');
	},
	deleteExtra: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, extraRef, 'del-extra');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.deleteExtraSpending(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					parsed.value.extraId
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'extras', { message: t('deleted') });
	},
	comment: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, comment, 'comment');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.addReportComment(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					targetKind: TARGET.exec(parsed.value.target)?.[1] ?? '',
					targetId: Number(TARGET.exec(parsed.value.target)?.[2] ?? 0),
					body: parsed.value.body
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	/** Attaches a file to an activity; a body over BODY_SIZE_LIMIT is refused while it is read. */
	evidence: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, evidence, 'evidence', {
			tooLarge: 'report_evidence_body_too_large'
		});
		if (!parsed.ok) return parsed.failure;
		const { activityId, file } = parsed.value;
		// the permission, then the size and type, are the domain's (no file is an empty one)
		const result = await attempt(
			async () =>
				reports.addEvidence(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					activityId,
					fileName: file?.name ?? '',
					bytes: file ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form, { message: t('report_evidence_added') });
	},
	deleteEvidence: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, evidenceRef, 'del-evidence');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.deleteEvidence(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					parsed.value.evidenceId
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form, { message: t('deleted') });
	},
	/** Publishes a file or takes it back — also on a submitted report (consent is not content). */
	evidencePublic: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, evidencePublic, 'pub-evidence');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.setEvidencePublic(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					parsed.value.evidenceId,
					parsed.value.isPublic === '1'
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	submit: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'submit-report');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.submitReport(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					boss: app.jobs()
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'report-status', { message: t('report_submitted_flash') });
	},
	correct: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'correct-report');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => reports.startCorrection(app.sql(), actor, idParam(event.params.id), periodParam(event)),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'report-status', {
			message: t('report_version_started_flash', { version: result.value.version })
		});
	},
	hearing: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, hearing, 'hearing');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.recordHearing(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					parsed.value
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'report-status', { message: t('report_hearing_recorded_flash') });
	}
};
