/**
 * Search folding: lower case; the Kyrgyz letters ң ө ү written as the Russian letters people type
 * for them on a Russian keyboard (н о у), so "онугуу" finds "өнүгүү" and "кенеш" finds "кеңеш"; and
 * Latin letters that look like Cyrillic ones read as Cyrillic, so "ССМ" finds the "CСМ" printed with
 * a Latin C. The database folds the stored text with `catalogue_fold` (migration 0014), the same map.
 */
const FOLD_FROM = 'ңөүёһәabcehkmoptxy';
const FOLD_TO = 'ноуехаавсенкмортху';
const FOLD = new Map([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i]]));
const FOLDED = new RegExp(`[${FOLD_FROM}]`, 'g');

/** The folded form of a text, one character for one (whitespace is kept as it is). */
export function foldChars(text: string): string {
	return text.toLowerCase().replace(FOLDED, (ch) => FOLD.get(ch)!);
}

export function fold(text: string): string {
	return foldChars(text).replace(/\s+/g, ' ').trim();
}

/** The words of a query, folded, for a prefix-matching full-text query; punctuation is dropped. */
export function queryWords(query: string): string[] {
	return fold(query)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length >= 2)
		.slice(0, 12);
}

/** A printed measure number such as 1.1.3 or 4.5, as users type it. */
export function asMeasureNumber(query: string): string | null {
	const q = query.trim().replace(/\.$/, '');
	return /^\d{1,3}(\.\d{1,3}){0,4}$/.test(q) ? q : null;
}

/**
 * Words the plans use for what people call otherwise, as folded word beginnings: Kyrgyz law and the
 * plans say "семейное насилие" (үй-бүлөлүк зомбулук) where people type "домашнее" or "бытовое".
 */
const SYNONYMS: [string, string[]][] = [
	['домашн', ['семейн']],
	['бытов', ['семейн']]
];

/** Word beginnings to look for besides the word itself. */
export function synonymsOf(word: string): string[] {
	return SYNONYMS.filter(([head]) => word.startsWith(head)).flatMap(([, alt]) => alt);
}
