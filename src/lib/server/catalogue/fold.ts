/**
 * Search folding: lower case, and the Kyrgyz letters ң ө ү written as the Russian letters people
 * type for them on a Russian keyboard (н о у), so "онугуу" finds "өнүгүү" and "кенеш" finds "кеңеш".
 * The same folding is applied to the stored text and to the query.
 */
const LOOK_ALIKES: Record<string, string> = { ң: 'н', ө: 'о', ү: 'у', ё: 'е', һ: 'х', ә: 'а' };

export function fold(text: string): string {
	return text
		.toLowerCase()
		.replace(/[ңөүёһә]/g, (ch) => LOOK_ALIKES[ch])
		.replace(/\s+/g, ' ')
		.trim();
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
