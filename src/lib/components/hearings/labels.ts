import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type {
	DocumentKind,
	Moderation,
	Outcome,
	ParticipantField,
	Subject
} from '$lib/hearings/vocabulary';

/** `12.03.2026, 10:00` from a hearing's `YYYY-MM-DDTHH:MM` (Bishkek time). */
export const heldAtText = (heldAt: string) =>
	`${formatDate(heldAt.slice(0, 10))}, ${heldAt.slice(11, 16)}`;

export const subjectLabel = (s: Subject) =>
	s === 'budget' ? m.hearing_subject_budget() : m.hearing_subject_plan();

export const documentLabel = (d: DocumentKind) =>
	d === 'plan_pdf'
		? m.hearing_document_plan_pdf()
		: d === 'budget_table'
			? m.hearing_document_budget_table()
			: m.hearing_document_indicators();

export const moderationLabel = (x: Moderation) =>
	x === 'published'
		? m.hearing_moderation_published()
		: x === 'hidden'
			? m.hearing_moderation_hidden()
			: m.hearing_moderation_pending();

export const outcomeLabel = (x: Outcome) =>
	x === 'accepted'
		? m.hearing_outcome_accepted()
		: x === 'rejected'
			? m.hearing_outcome_rejected()
			: m.hearing_outcome_open();

export const countLabel = (f: ParticipantField) =>
	f === 'womenUnder30'
		? m.hearing_count_women_under_30()
		: f === 'women3059'
			? m.hearing_count_women_30_59()
			: f === 'women60Plus'
				? m.hearing_count_women_60_plus()
				: f === 'menUnder30'
					? m.hearing_count_men_under_30()
					: f === 'men3059'
						? m.hearing_count_men_30_59()
						: m.hearing_count_men_60_plus();
