import * as v from 'valibot';
import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import type { FormFailure, Flash, SubmittedValues } from '$lib/forms';
import { LIMITS } from '$lib/limits';
import { readUpload } from './http';

/**
 * One declared shape per form and per query string, checked at the edge with valibot: types,
 * lengths, ranges, unknown and repeated fields. What is refused comes back as a 400 carrying every
 * value the user sent (so the form refills), a message per field and a summary, in the user's
 * language. Field schemas carry their message keys; they are translated only when answering.
 */

/** A message key with its parameters, `form_too_long?max=300&count=301`, translated by `say`. */
function key(name: string, params: Record<string, string | number> = {}): string {
	const query = new URLSearchParams(
		Object.entries(params).map(([k, x]) => [k, String(x)])
	).toString();
	return query ? `${name}?${query}` : name;
}

function say(message: string): string {
	// split gives at least one part, so name is always there
	const [name = '', query = ''] = message.split('?', 2);
	if (!name.startsWith('form_') && !name.startsWith('error_')) return t('form_invalid');
	return t(name, Object.fromEntries(new URLSearchParams(query)));
}

// Control characters other than tab and line breaks: PostgreSQL refuses NUL, the rest is never typed.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

interface FieldInfo {
	/** Message key of the field's label, for the summary ("Amount: not a number"), and its parameters. */
	label?: string;
	labelParams?: Record<string, string | number>;
	/** Sent as several values (`present` checkboxes); any other field sent twice is refused. */
	list?: boolean;
	/** Never sent back to the page (passwords). */
	secret?: boolean;
}

const INFO = new WeakMap<object, FieldInfo>();
function described<S extends object>(schema: S, info: FieldInfo): S {
	INFO.set(schema, info);
	return schema;
}

interface Options {
	label?: string;
	labelParams?: Record<string, string | number>;
	required?: boolean;
}

const raw = () => v.optional(v.string('form_invalid'), '');
const clean = () => v.check((s: string) => !CONTROL.test(s), 'form_control_characters');

/** Free text of at most `max` characters; refused, not cut, when longer. */
export function text(max: number, o: Options = {}) {
	return described(
		v.pipe(
			raw(),
			clean(),
			v.check((s: string) => !o.required || s.trim() !== '', 'form_required'),
			v.maxLength(max, (i) => key('form_too_long', { max, count: i.input.length }))
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A password: checked like text, never echoed back to the form. */
export function password(max: number, o: Options = {}) {
	return described(text(max, o), { label: o.label, labelParams: o.labelParams, secret: true });
}

/** An optional whole number within a range: empty is null. */
export function int(min: number, max: number, o: Options = {}) {
	return described(
		v.pipe(
			raw(),
			clean(),
			v.transform((s) => s.trim()),
			v.check((s) => !o.required || s !== '', 'form_required'),
			v.check((s) => s === '' || /^-?\d{1,15}$/.test(s), 'form_whole_number'),
			v.transform((s) => (s === '' ? null : Number(s))),
			v.check((n) => n === null || (n >= min && n <= max), key('form_out_of_range', { min, max }))
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A required whole number within a range. */
export function whole(min: number, max: number, o: Omit<Options, 'required'> = {}) {
	return described(
		v.pipe(
			int(min, max, { ...o, required: true }),
			v.transform((n) => n as number)
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** The id of a record, as a hidden field or a route parameter: digits only, never zero. */
export function id(o: { optional?: boolean } & Omit<Options, 'required'> = {}) {
	return described(
		v.pipe(
			raw(),
			v.check((s) => (o.optional && s === '') || /^[1-9]\d{0,14}$/.test(s), 'form_bad_id'),
			v.transform((s) => (s === '' ? null : Number(s)))
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A required id. */
export function requiredId() {
	return v.pipe(
		id(),
		v.transform((n) => n as number)
	);
}

/** One of the given values. */
export function choice<const T extends readonly string[]>(
	values: T,
	o: Omit<Options, 'required'> = {}
) {
	return described(
		v.pipe(
			raw(),
			v.check((s) => values.includes(s), 'form_choice'),
			v.transform((s) => s as T[number])
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** One of the given values, or nothing chosen (''). */
export function optionalChoice<const T extends readonly string[]>(
	values: T,
	o: Omit<Options, 'required'> = {}
) {
	return described(
		v.pipe(
			raw(),
			v.check((s) => s === '' || values.includes(s), 'form_choice'),
			v.transform((s) => s as T[number] | '')
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A checkbox: present (`on`) or absent. */
export function checkbox(o: Omit<Options, 'required'> = {}) {
	return described(
		v.pipe(
			raw(),
			v.check((s) => s === '' || s === 'on', 'form_choice'),
			v.transform((s) => s === 'on')
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A calendar date as `YYYY-MM-DD` (an `<input type="date">`); empty is ''. */
export function date(o: Options = {}) {
	return described(
		v.pipe(
			raw(),
			v.transform((s) => s.trim()),
			v.check((s) => !o.required || s !== '', 'form_required'),
			v.check(
				(s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))),
				'form_date'
			)
		),
		{ label: o.label, labelParams: o.labelParams }
	);
}

/** A field sent several times (checkboxes of one name), at most `max` values. */
export function list<S extends v.GenericSchema<string | undefined, unknown>>(
	item: S,
	max: number,
	o: Omit<Options, 'required'> = {}
) {
	return described(
		v.pipe(v.optional(v.array(item), []), v.maxLength(max, key('form_too_many', { max }))),
		{
			label: o.label,
			labelParams: o.labelParams,
			list: true
		}
	);
}

/** An uploaded file; an empty file part (nothing chosen) is null. */
export function file() {
	return v.pipe(
		v.optional(v.union([v.instance(File), v.literal('')], 'form_invalid'), ''),
		v.transform((f) => (f instanceof File && f.size > 0 ? f : null))
	);
}

/** One field per year of the plans' range, `target_2026`…: the domain refuses years outside a plan's period. */
export function yearly<S>(prefix: string, field: (year: number) => S): Record<string, S> {
	const out: Record<string, S> = {};
	for (let y = YEARS.min; y <= YEARS.max; y++) out[prefix + y] = field(y);
	return out;
}

/** The years a plan may cover. */
export const YEARS = { min: 2000, max: 2100 } as const;

/** The largest row version or count an integer column holds. */
export const INT_MAX = 2_147_483_647;

/** The fields a form repeats once per row of a list (`amount_12`, `amount_40`…), by field name. */
const ROW_FIELDS = new WeakMap<object, v.ObjectEntries>();
const ROW_NAME = /^([A-Za-z]+)_([1-9]\d{0,14})$/;

/**
 * A form's declared fields; every other field is refused. `rows` declares fields a form repeats
 * per row (a field `amount` is sent as `amount_<row id>`); they are checked one by one and come
 * back as `rows[id].amount`.
 */
export function shape<E extends v.ObjectEntries>(entries: E, rows?: v.ObjectEntries) {
	const schema = v.strictObject(entries, (i) =>
		key('form_unknown_field', { field: String(i.path?.[0]?.key ?? '') })
	);
	if (rows) ROW_FIELDS.set(schema, rows);
	return schema;
}

type Shape = ReturnType<typeof shape>;

/** The schema of a field by its sent name: a declared field, or one of a row (`amount_12`). */
function entryOf(schema: Shape, name: string): object | undefined {
	const entries = schema.entries as Record<string, object>;
	if (entries[name]) return entries[name];
	const row = ROW_NAME.exec(name);
	return row ? ROW_FIELDS.get(schema)?.[row[1]!] : undefined;
}

/** The hidden field that says which form on a page was sent, so its errors show beside it. */
export const FORM_FIELD = '_form';

/** The values of the fields a form repeats per row, by row id then field name. */
export type Rows = Record<number, Record<string, unknown>>;

export type Parsed<S extends Shape> =
	| { ok: true; value: v.InferOutput<S>; rows: Rows; submitted: Submitted }
	| { ok: false; failure: ActionFailure<FormFailure> };

/** What a refusal after parsing sends back: the form's id and every value as typed. */
export type Submitted = {
	form: string;
	values: SubmittedValues;
};

function isEvent(x: RequestEvent | FormData): x is RequestEvent {
	return !(x instanceof FormData);
}

/**
 * Reads a posted form against its shape. `form` names the form on the page; a form sends it in
 * `_form` when one page repeats it (`line-12`), which must then start with `form`.
 */
export async function parseForm<S extends Shape>(
	source: RequestEvent | FormData,
	schema: S,
	form: string,
	options: { tooLarge?: string } = {}
): Promise<Parsed<S>> {
	const data = isEvent(source) ? await readUpload(source.request) : source;
	// a body over BODY_SIZE_LIMIT cannot be read at all: say so on the form instead of a bare 413
	if (!data) {
		const message = t(options.tooLarge ?? 'error_body_too_large');
		return { ok: false, failure: fail(413, { form, values: {}, errors: {}, labels: {}, message }) };
	}
	const sentId = data.get(FORM_FIELD);
	const formId =
		typeof sentId === 'string' && /^[a-z0-9-]{1,60}$/.test(sentId) && sentId.startsWith(form)
			? sentId
			: form;
	const entries = schema.entries as Record<string, object>;
	const rowFields = ROW_FIELDS.get(schema);
	const input: Record<string, unknown> = {};
	const rows: Rows = {};
	const values: SubmittedValues = {};
	const errors: Record<string, string> = {};
	for (const name of new Set(data.keys())) {
		if (name === FORM_FIELD) continue;
		const all = data
			.getAll(name)
			.map((x) => (typeof x === 'string' ? x.replace(/\r\n?/g, '\n') : x));
		const entry = entryOf(schema, name);
		const info = entry ? INFO.get(entry) : undefined;
		const row = !entries[name] && rowFields && entry ? ROW_NAME.exec(name) : null;
		if (row) {
			const strings = all.filter((x): x is string => typeof x === 'string');
			values[name] = strings[0] ?? '';
			const id = Number(row[2]);
			if (Object.keys(rows).length >= LIMITS.pick && !rows[id])
				errors[name] = key('form_too_many_rows', { max: LIMITS.pick });
			else if (all.length > 1) errors[name] = key('form_duplicate_field', { field: name });
			else {
				const checked = v.safeParse(entry as v.GenericSchema, all[0], { abortPipeEarly: true });
				if (checked.success) (rows[id] ??= {})[row[1]!] = checked.output;
				else errors[name] = checked.issues[0].message;
			}
			continue;
		}
		const strings = all.filter((x): x is string => typeof x === 'string');
		if (!info?.secret) values[name] = info?.list ? strings : (strings[0] ?? '');
		if (info?.list) input[name] = all;
		else if (all.length > 1) errors[name] = key('form_duplicate_field', { field: name });
		else input[name] = all[0];
	}
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (!result.success) {
		for (const issue of result.issues) {
			const name = String(issue.path?.[0]?.key ?? '');
			errors[name] ??= issue.message;
		}
	}
	if (Object.keys(errors).length > 0)
		return { ok: false, failure: refuse(formId, values, errors, schema) };
	return {
		ok: true,
		value: (result as v.SafeParseResult<S> & { success: true }).output,
		rows,
		submitted: { form: formId, values }
	};
}

function refuse(
	form: string,
	values: SubmittedValues,
	keys: Record<string, string>,
	schema: Shape
): ActionFailure<FormFailure> {
	const errors: Record<string, string> = {};
	const labels: Record<string, string> = {};
	for (const [name, k] of Object.entries(keys)) {
		errors[name] = say(k);
		const entry = entryOf(schema, name);
		const info = entry ? INFO.get(entry) : undefined;
		labels[name] = info?.label ? t(info.label, info.labelParams) : name;
	}
	const count = Object.keys(errors).length;
	const message =
		count === 1
			? `${Object.values(labels)[0]}: ${Object.values(errors)[0]}`
			: t('form_errors_summary', { count });
	return fail(400, { form, values, errors, labels, message });
}

/**
 * Reads a query string against its shape; a refused one is a 400 page with the reason in the
 * user's language. Unknown parameters are ignored unless `strict` (the read API refuses them).
 */
export function parseQuery<E extends v.ObjectEntries>(
	url: URL,
	entries: E,
	o: { strict?: boolean } = {}
): v.InferOutput<v.ObjectSchema<E, undefined>> {
	const result = checkQuery(url, entries, o);
	if (!result.ok) error(400, result.message);
	return result.value;
}

/** The same check as `parseQuery`, answering instead of throwing (for endpoints that answer JSON). */
export function checkQuery<E extends v.ObjectEntries>(
	url: URL,
	entries: E,
	o: { strict?: boolean } = {}
):
	| { ok: true; value: v.InferOutput<v.ObjectSchema<E, undefined>> }
	| { ok: false; message: string; errors: Record<string, string> } {
	const input: Record<string, unknown> = {};
	const keys: Record<string, string> = {};
	for (const name of new Set(url.searchParams.keys())) {
		const all = url.searchParams.getAll(name);
		const info = entries[name] ? INFO.get(entries[name]) : undefined;
		if (!(name in entries) && !o.strict) continue;
		if (info?.list) input[name] = all;
		else if (all.length > 1) keys[name] = key('form_duplicate_field', { field: name });
		else input[name] = all[0];
	}
	const schema = o.strict ? shape(entries) : v.object(entries);
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (!result.success)
		for (const issue of result.issues) keys[String(issue.path?.[0]?.key ?? '')] ??= issue.message;
	const names = Object.keys(keys);
	if (names.length === 0)
		return { ok: true, value: result.output as v.InferOutput<v.ObjectSchema<E, undefined>> };
	const errors = Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, say(k)]));
	// the read API's callers name parameters themselves; a page's reader followed a link or a filter
	// form, so the message says which part of the address it is, by its label where it has one
	const named = (n: string) => {
		if (o.strict) return `${n}: ${errors[n]}`;
		const info = entries[n] ? INFO.get(entries[n]) : undefined;
		const name = info?.label ? t(info.label, info.labelParams) : n;
		return t('query_refused', { name, reason: errors[n]! });
	};
	return { ok: false, errors, message: names.map(named).join(' ') };
}

/** Reads one route parameter as an id; anything else is "not found". */
export function routeId(value: string | undefined): number {
	const result = v.safeParse(requiredId(), value ?? '');
	if (!result.success) error(404, t('error_not_found'));
	return result.output;
}

const FLASH_COOKIE = 'flash';

/**
 * Answers a successful post with a redirect (303) back to the form, so reloading the page does not
 * post again. The message travels in a short-lived cookie that the next page load takes once.
 */
export function done(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	form: string,
	o: { message?: string; warnings?: string[]; to?: string } = {}
): never {
	const to = o.to ?? event.url.pathname;
	const flash: Flash & { path: string } = {
		path: new URL(to, event.url).pathname,
		form,
		message: o.message ?? t('saved'),
		warnings: o.warnings ?? []
	};
	event.cookies.set(FLASH_COOKIE, JSON.stringify(flash), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 60
	});
	redirect(303, `${to}#${form}`);
}

/** The message a redirect after a post left for this page, taken once. */
export function flash(event: Pick<RequestEvent, 'cookies' | 'url'>): Flash | null {
	const stored = event.cookies.get(FLASH_COOKIE);
	if (!stored) return null;
	let f: Partial<Flash & { path: string }> | null;
	try {
		f = JSON.parse(stored);
	} catch {
		f = null;
	}
	if (f && f.path !== event.url.pathname) return null;
	event.cookies.delete(FLASH_COOKIE, { path: '/' });
	if (!f || typeof f.form !== 'string' || typeof f.message !== 'string') return null;
	return {
		form: f.form,
		message: f.message,
		warnings: Array.isArray(f.warnings) ? f.warnings.filter((w) => typeof w === 'string') : []
	};
}
