/**
 * A highlighted text as plain pieces: the page prints each piece as text (Svelte escapes it) and
 * wraps the marked ones in <mark>, so a text from the catalogue can never become markup.
 */
export interface Segment {
	text: string;
	mark?: true;
}

/** Where a search word was found when the measure's own text (in the page language) does not hold it. */
export type MatchField =
	'text' | 'indicator' | 'expected' | 'baseline' | 'bodies' | 'task' | 'goal' | 'chapter';

export interface MatchedIn {
	field: MatchField;
	segments: Segment[];
}

/** Start and end of a highlight in PostgreSQL's ts_headline output: private-use characters no text uses. */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';

/**
 * Puts the highlights that ts_headline placed on the folded copy of a text onto the original text.
 * Folding keeps one character for one, so positions carry over; if they do not (a text holding the
 * marker characters, an unusual lower-casing), the text is returned unmarked rather than misplaced.
 */
export function segmentsFrom(
	original: string,
	...headlines: (string | null | undefined)[]
): Segment[] {
	const chars = Array.from(original);
	const marked: boolean[] = new Array(chars.length).fill(false);
	for (const headline of headlines) {
		if (headline == null) continue;
		let at = 0;
		let on = false;
		for (const ch of headline) {
			if (ch === MARK_START) on = true;
			else if (ch === MARK_STOP) on = false;
			else {
				if (on && at < chars.length) marked[at] = true;
				at++;
			}
		}
		if (at !== chars.length) return original ? [{ text: original }] : [];
	}
	const segments: Segment[] = [];
	for (let i = 0; i < chars.length;) {
		let j = i;
		while (j < chars.length && marked[j] === marked[i]) j++;
		const text = chars.slice(i, j).join('');
		segments.push(marked[i] ? { text, mark: true } : { text });
		i = j;
	}
	return segments;
}

/** True when some piece is marked. */
export const hasMark = (segments: Segment[] | null | undefined): boolean =>
	!!segments?.some((s) => s.mark);
