import { getContext, setContext } from 'svelte';
import type { FormFailure } from '$lib/forms';

/** What a form tells the fields inside it: its id, and what the last refused post sent and why. */
export interface FormContext {
	readonly id: string;
	readonly failure: FormFailure | null;
}

const KEY = Symbol('form');

export function setFormContext(ctx: FormContext): void {
	setContext(KEY, ctx);
}

export function getFormContext(): FormContext {
	const ctx = getContext<FormContext | undefined>(KEY);
	if (!ctx) throw new Error('a form field must sit inside <Form>');
	return ctx;
}

/** The value a field had in the refused post, if this form was refused. */
export function sentValue(ctx: FormContext, name: string): string | string[] | undefined {
	return ctx.failure ? (ctx.failure.values[name] ?? '') : undefined;
}
