/** What the server sends back about forms, shared by the schema helper and the form components. */

/** Every value a form sent, as typed: one string per field, a list for repeated checkboxes. */
export type SubmittedValues = Record<string, string | string[]>;

/** A refused post: which form, what it sent, a message per field and one for the summary. */
export interface FormFailure {
	form: string;
	values: SubmittedValues;
	errors: Record<string, string>;
	/** The label of each field with an error, for the summary's links. */
	labels?: Record<string, string>;
	message: string;
	/** Someone else saved the record: what is stored now and which fields differ. */
	/** The record as it is now; `labels`: the changed fields' names in the page's language. */
	conflict?: {
		current: Record<string, unknown>;
		changed: string[];
		labels?: Record<string, string>;
	};
	/** Reasons a step cannot be taken yet, each with the activity it is about. */
	problems?: { activityId: number | null; message: string }[];
}

/** The message a successful post leaves for the page it redirects to. */
export interface Flash {
	form: string;
	message: string;
	warnings: string[];
}

/** The failure of this form, if the last post was this form's and it was refused. */
export function failureOf(pageForm: unknown, form: string): FormFailure | null {
	const f = pageForm as Partial<FormFailure> | null | undefined;
	return f && typeof f === 'object' && f.form === form && typeof f.message === 'string'
		? (f as FormFailure)
		: null;
}

/** The flash of this form, if the last successful post was this form's. */
export function flashOf(data: unknown, form: string): Flash | null {
	const f = (data as { flash?: Flash | null } | null | undefined)?.flash;
	return f && f.form === form ? f : null;
}
