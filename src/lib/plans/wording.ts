/**
 * A plan's texts in two languages: an activity, a section and a plan keep a Kyrgyz and a Russian
 * wording, either of which may be empty. Pages and documents pick the one to show here, and mark
 * a text that exists only in the other language.
 */

import { m } from '../paraglide/messages';

export type WordingLang = 'ky' | 'ru';

/** Both wordings of a text; a missing one (e.g. in a snapshot approved before Russian wordings existed) counts as empty. */
export interface Wording {
	ky?: string | null;
	ru?: string | null;
}

export interface WordingChoice {
	text: string;
	/** the language `text` is in */
	lang: WordingLang;
	/** only the other language has a wording */
	fallback: boolean;
}

/**
 * The wording to show in a language: its own when there is one, else the other language's with
 * `fallback` set. English has no wording of its own and reads the Kyrgyz one, the plan's base
 * language, first. Both empty: an empty text in the asked language, not a fallback.
 */
export function wordingIn(wording: Wording, lang: WordingLang | 'en'): WordingChoice {
	const want: WordingLang = lang === 'ru' ? 'ru' : 'ky';
	const other: WordingLang = want === 'ky' ? 'ru' : 'ky';
	const own = (wording[want] ?? '').trim();
	if (own) return { text: own, lang: want, fallback: false };
	const theirs = (wording[other] ?? '').trim();
	if (theirs) return { text: theirs, lang: other, fallback: true };
	return { text: '', lang: want, fallback: false };
}

/** The wording pair of anything titled: an activity, a section, a plan (`title` is Kyrgyz). */
export function wordingOf(x: { title?: string | null; titleRu?: string | null }): Wording {
	return { ky: x.title, ru: x.titleRu };
}

/** The text of anything titled in a language, for places that take plain text (a page title, a label, an option). */
export function titleIn(
	x: { title?: string | null; titleRu?: string | null },
	lang: WordingLang | 'en'
): string {
	return wordingIn(wordingOf(x), lang).text;
}

/** The short mark a document in `docLang` puts before a text only in `textLang`: "[кырг.]", "[рус.]". */
export function fallbackMark(textLang: WordingLang, docLang: WordingLang | 'en'): string {
	return textLang === 'ky'
		? m.wording_mark_ky({}, { locale: docLang })
		: m.wording_mark_ru({}, { locale: docLang });
}

/** The footnote explaining a mark, in the document's language: "[кырг.] — текст есть только на кыргызском языке". */
export function fallbackNote(textLang: WordingLang, docLang: WordingLang | 'en'): string {
	const mark = fallbackMark(textLang, docLang);
	return textLang === 'ky'
		? m.wording_note_ky({ mark }, { locale: docLang })
		: m.wording_note_ru({ mark }, { locale: docLang });
}

/** The text a document prints: the wording in its language, or the other one after its mark. */
export function markedWording(wording: Wording, docLang: WordingLang | 'en'): string {
	const w = wordingIn(wording, docLang);
	return w.fallback ? `${fallbackMark(w.lang, docLang)} ${w.text}` : w.text;
}
