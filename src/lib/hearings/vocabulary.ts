/** Vocabulary of public hearings, shared by the server and the pages. */

/** What a hearing is about: the whole plan or its budget. */
export const SUBJECTS = ['plan', 'budget'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** The plan's own documents a hearing can show (others are named in free text). */
export const DOCUMENT_KINDS = ['plan_pdf', 'budget_table', 'indicators'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SEXES = ['women', 'men'] as const;
export const AGE_BANDS = ['under_30', '30_59', '60_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The participant counts a record keeps, one per sex and age band, as the form and the rows name them. */
export const PARTICIPANT_FIELDS = [
	'womenUnder30',
	'women3059',
	'women60Plus',
	'menUnder30',
	'men3059',
	'men60Plus'
] as const;
export type ParticipantField = (typeof PARTICIPANT_FIELDS)[number];
export type Participants = Record<ParticipantField, number>;
/** The column (and message key part) of each count: `women_under_30`. */
export const PARTICIPANT_COLUMNS: Record<ParticipantField, string> = {
	womenUnder30: 'women_under_30',
	women3059: 'women_30_59',
	women60Plus: 'women_60_plus',
	menUnder30: 'men_under_30',
	men3059: 'men_30_59',
	men60Plus: 'men_60_plus'
};
/** The sex and the age band a count is of. */
export const participantOf = (f: ParticipantField) => ({
	sex: f.startsWith('women') ? ('women' as const) : ('men' as const),
	band: AGE_BANDS[PARTICIPANT_FIELDS.indexOf(f) % 3]!
});

export const MODERATIONS = ['pending', 'published', 'hidden'] as const;
export type Moderation = (typeof MODERATIONS)[number];

export const OUTCOMES = ['open', 'accepted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const LIMITS = {
	place: 300,
	documentsNote: 1000,
	authorName: 200,
	body: 2000,
	reason: 2000,
	questions: 4000,
	decisions: 4000,
	count: 100_000
} as const;

export const totalParticipants = (p: Participants) =>
	PARTICIPANT_FIELDS.reduce((sum, f) => sum + p[f], 0);

/** Minimum seconds between showing the public form and sending it: a person reads and types, a bot posts at once. */
export const MIN_FILL_SECONDS = 3;
/** Proposals one address may send in PROPOSAL_WINDOW_MINUTES. */
export const PROPOSAL_LIMIT = 5;
export const PROPOSAL_WINDOW_MINUTES = 60;
