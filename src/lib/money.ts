/**
 * Som amounts are exact: kept as decimal strings with two places and added up in whole tyiyn
 * (BigInt), never as floating point numbers.
 */

export const MAX_AMOUNT_TYIYN = 100_000_000_000n; // 1 000 000 000 som: more than any municipal budget line

/** "1250000.50" → 125000050n. Trusts its input: use parseMoneyInput for what users type. */
export function toTyiyn(amount: string): bigint {
	// the database's form, two decimals ("1250000.50"): the digits without the point are the tyiyn
	const dot = amount.length - 3;
	if (dot >= 0 && amount.charCodeAt(dot) === 46 && amount.indexOf('.') === dot)
		return BigInt(amount.slice(0, dot) + amount.slice(dot + 1));
	const negative = amount.startsWith('-');
	const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
	const value = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
	return negative ? -value : value;
}

/** 125000050n → "1250000.50" */
export function fromTyiyn(tyiyn: bigint): string {
	const negative = tyiyn < 0n;
	const abs = negative ? -tyiyn : tyiyn;
	return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function addMoney(...amounts: string[]): string {
	return fromTyiyn(amounts.reduce((s, a) => s + toTyiyn(a), 0n));
}

/** The part of an amount given by a percent share ("37.50"), rounded half up to the tyiyn. */
export function shareOf(amount: string, percent: string): string {
	return fromTyiyn(shareOfTyiyn(toTyiyn(amount), percent));
}

/** `shareOf` in tyiyn, for sums kept in tyiyn: no string between the amount and its share. */
export function shareOfTyiyn(tyiyn: bigint, percent: string): bigint {
	const [w, f = ''] = percent.split('.');
	const hundredths = BigInt(w || '0') * 100n + BigInt((f + '00').slice(0, 2));
	return (tyiyn * hundredths + 5000n) / 10000n;
}

/** A percent with one decimal, "0.0" when the whole is zero. */
export function percentOf(part: string, whole: string): string {
	const w = toTyiyn(whole);
	if (w === 0n) return '0.0';
	const tenths = (toTyiyn(part) * 1000n + w / 2n) / w;
	return `${tenths / 10n}.${tenths % 10n}`;
}

export type MoneyProblem =
	'money_format' | 'money_negative' | 'money_too_large' | 'money_too_precise';

/**
 * Reads an amount as people type it — "1 250 000", "1250000,50", "1250000.5" — into "1250000.50",
 * or says what is wrong with it.
 */
export function parseMoneyInput(
	input: string
): { ok: true; value: string } | { ok: false; problem: MoneyProblem } {
	const text = input
		.replace(/[\s\u00a0\u202f']/g, '')
		.replace(/сом$|som$/i, '')
		.replace(',', '.');
	if (/^-\d/.test(text)) return { ok: false, problem: 'money_negative' };
	if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, problem: 'money_format' };
	const [, fraction = ''] = text.split('.');
	if (fraction.length > 2) return { ok: false, problem: 'money_too_precise' };
	const tyiyn = toTyiyn(text);
	if (tyiyn > MAX_AMOUNT_TYIYN) return { ok: false, problem: 'money_too_large' };
	return { ok: true, value: fromTyiyn(tyiyn) };
}
