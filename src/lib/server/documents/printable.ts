/**
 * Characters the PDF font (Roboto) has no glyph for — emoji, pictographs, dingbats and the joiners
 * between them — would print as empty boxes. They are left out of the document, and the page that
 * offers the download says so first. The same ranges serve the JavaScript and the SQL check.
 */
const RANGES: [number, number][] = [
	[0x200d, 0x200d], // zero-width joiner of emoji sequences
	[0x2300, 0x23ff], // miscellaneous technical (⌚ ⏰ …)
	[0x2600, 0x27bf], // miscellaneous symbols and dingbats (☀ ✅ …)
	[0x2b00, 0x2bff], // arrows and stars used as emoji (⭐ ⬆ …)
	[0xfe0f, 0xfe0f], // emoji presentation selector
	[0x1f000, 0x1faff] // emoji, flags, pictographs
];

const hex = (n: number) => n.toString(16).padStart(n > 0xffff ? 8 : 4, '0');
const UNPRINTABLE = new RegExp(
	'[' +
		RANGES.map(([a, b]) => (a === b ? `\\u{${hex(a)}}` : `\\u{${hex(a)}}-\\u{${hex(b)}}`)).join(
			''
		) +
		']',
	'gu'
);

/** The PostgreSQL regular expression for the same characters (\uXXXX and \UXXXXXXXX escapes). */
export const UNPRINTABLE_SQL =
	'[' +
	RANGES.map(([a, b]) => {
		const e = (n: number) => (n > 0xffff ? `\\U${hex(n)}` : `\\u${hex(n)}`);
		return a === b ? e(a) : `${e(a)}-${e(b)}`;
	}).join('') +
	']';

export function hasUnprintable(text: string): boolean {
	UNPRINTABLE.lastIndex = 0;
	return UNPRINTABLE.test(text);
}

/** The text without the characters the font cannot draw, with no doubled spaces left behind. */
export function stripUnprintable(text: string): string {
	if (!hasUnprintable(text)) return text;
	return text.replace(UNPRINTABLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Every string in a value, stripped; other values as they are. */
export function printable<T>(value: T): T {
	if (typeof value === 'string') return stripUnprintable(value) as T;
	if (Array.isArray(value)) return value.map(printable) as T;
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)])) as T;
	}
	return value;
}
