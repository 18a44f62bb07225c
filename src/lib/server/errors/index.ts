/**
 * A refusal a user can read: `code` is a message key of src/lib/i18n/messages, `params` fill it;
 * `field` names the form field it is about, so the page shows it beside that field.
 */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly status: 400 | 403 | 404 | 409 | 429 = 400,
		readonly params: Record<string, string | number> = {},
		readonly field?: string
	) {
		super(code);
		this.name = 'DomainError';
	}
}

/** Thrown when the acting user may not do something; routes answer 403. */
export class Forbidden extends DomainError {
	constructor() {
		super('error_forbidden', 403);
		this.name = 'Forbidden';
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}

/**
 * Someone else saved the same record since the user opened it. Carries what is stored now and
 * which fields differ from what the user started from, so the page can show it instead of overwriting.
 */
export class ConflictError extends DomainError {
	constructor(
		readonly current: Record<string, unknown>,
		readonly changed: string[]
	) {
		super('error_conflict', 409);
		this.name = 'ConflictError';
	}
}
