/**
 * The gender-expertise checklist's words, shared by the pages and the server: the kinds of draft
 * local acts, the answers a question takes and the outcomes of a conclusion. Each is a message key
 * `expertise_<group>_<value>`.
 */

export const ACT_KINDS = [
	'kenesh_resolution',
	'charter_change',
	'budget_decision',
	'other'
] as const;
export type ActKind = (typeof ACT_KINDS)[number];

export const ANSWERS = ['yes', 'no', 'partly', 'not_applicable'] as const;
export type Answer = (typeof ANSWERS)[number];

export const OUTCOMES = ['recommended', 'recommended_with_changes', 'not_recommended'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Lengths the server holds and the forms count down from. */
export const EXPERTISE_LIMITS = {
	title: 500,
	number: 50,
	conclusion: 5000,
	comment: 2000,
	question: 500,
	hint: 1000,
	/** questions one set may hold */
	questions: 30
} as const;

/** A checklist's languages for print and PDF: the ones its content is kept in. */
export const PRINT_LANGS = ['ky', 'ru'] as const;
export type PrintLang = (typeof PRINT_LANGS)[number];
