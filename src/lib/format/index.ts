/** Dates and money the way Kyrgyz and Russian officials write them: 12.03.2026 and 1 250 000 сом. */

export type Locale = 'ky' | 'ru' | 'en';

const NBSP = '\u00a0';
const TZ = 'Asia/Bishkek';

/** dd.mm.yyyy in Bishkek time; accepts a Date or an ISO date string (a bare yyyy-mm-dd is taken as that calendar day). */
export function formatDate(value: Date | string | null | undefined): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const [y, m, d] = value.split('-');
		return `${d}.${m}.${y}`;
	}
	const date = typeof value === 'string' ? new Date(value) : value;
	if (Number.isNaN(date.getTime())) return '';
	const { year, month, day } = bishkekParts(date);
	return `${day}.${month}.${year}`;
}

// built once: an Intl.DateTimeFormat is costly to construct
const DATE_PARTS = new Intl.DateTimeFormat('en-GB', {
	timeZone: TZ,
	day: '2-digit',
	month: '2-digit',
	year: 'numeric'
});
const TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: TZ,
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

function bishkekParts(date: Date): { year: string; month: string; day: string } {
	const parts = DATE_PARTS.formatToParts(date);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return { year: get('year'), month: get('month'), day: get('day') };
}

/** Today's calendar date in Bishkek as yyyy-mm-dd (the default of every date field). */
export function todayInBishkek(now: Date = new Date()): string {
	const { year, month, day } = bishkekParts(now);
	return `${year}-${month}-${day}`;
}

/** The current year in Bishkek. */
export function yearInBishkek(now: Date = new Date()): number {
	return Number(bishkekParts(now).year);
}

/** dd.mm.yyyy hh:mm in Bishkek time. */
export function formatDateTime(value: Date | string | null | undefined): string {
	if (!value) return '';
	const date = typeof value === 'string' ? new Date(value) : value;
	if (Number.isNaN(date.getTime())) return '';
	const time = TIME.format(date);
	return `${formatDate(date)} ${time}`;
}

/** Groups the digits of a whole number by three with no-break spaces: 1250000 → "1 250 000". */
export function groupDigits(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/**
 * Formats an amount of som exactly (no floating point): numbers, bigints and numeric strings
 * such as PostgreSQL returns for numeric(14,2). Tyiyn are shown only when not zero.
 */
export function formatMoney(
	amount: number | bigint | string,
	locale: Locale = 'ky',
	options: { currency?: boolean } = {}
): string {
	let text =
		typeof amount === 'string'
			? amount.trim()
			: typeof amount === 'bigint'
				? amount.toString()
				: amount.toFixed(2);
	if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not an amount: ${String(amount)}`);
	const negative = text.startsWith('-');
	if (negative) text = text.slice(1);
	const [whole = '', fraction = ''] = text.split('.');
	const tyiyn = (fraction + '00').slice(0, 2);
	const wholeTrimmed = whole.replace(/^0+(?=\d)/, '');
	const decimalMark = locale === 'en' ? '.' : ',';
	const isZero = /^0*$/.test(wholeTrimmed) && tyiyn === '00';
	let out =
		(negative && !isZero ? '−' : '') +
		groupDigits(wholeTrimmed) +
		(tyiyn !== '00' ? decimalMark + tyiyn : '');
	if (options.currency !== false) out += NBSP + (locale === 'en' ? 'som' : 'сом');
	return out;
}

/** A percent share as the summaries write it, always with one decimal: "62,0", "48,1". */
export function formatShare(share: string, locale: Locale = 'ky'): string {
	const [whole = '0', fraction = ''] = share.split('.');
	return groupDigits(whole) + (locale === 'en' ? '.' : ',') + (fraction + '0').slice(0, 1);
}

/** A territory's (or any ky/ru/en record's) name in the page language. */
export function nameIn(
	record: { nameKy: string; nameRu: string; nameEn: string },
	locale: Locale
): string {
	return locale === 'ru' ? record.nameRu : locale === 'en' ? record.nameEn : record.nameKy;
}

/** Content text in the page language, falling back to Russian and then Kyrgyz where a translation is missing. */
export function textIn(
	t: { ky: string; ru?: string | null; en?: string | null } | null | undefined,
	locale: Locale
): string {
	if (!t) return '';
	if (locale === 'ru') return t.ru || t.ky;
	if (locale === 'en') return t.en || t.ru || t.ky;
	return t.ky || t.ru || '';
}

/** A measured value ("12.00", "37.5") as people write it: no trailing zeros, the decimal comma in ky and ru. */
export function formatNumber(
	value: string | number | null | undefined,
	locale: Locale = 'ky'
): string {
	if (value === null || value === undefined || value === '') return '—';
	let text = String(value);
	if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
	const [whole = '', fraction] = text.split('.');
	return groupDigits(whole) + (fraction ? (locale === 'en' ? '.' : ',') + fraction : '');
}
