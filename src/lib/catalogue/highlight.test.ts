import { describe, expect, it } from 'vitest';
import { MARK_START as S, MARK_STOP as E, hasMark, segmentsFrom } from './highlight';

describe('highlight segments', () => {
	it('puts the marks found on the folded text onto the original letters', () => {
		// ts_headline marked "кенеш" in the folded copy of "Кеңеш"
		expect(segmentsFrom('Айыл Кеңеши', `айыл ${S}кенеши${E}`)).toEqual([
			{ text: 'Айыл ' },
			{ text: 'Кеңеши', mark: true }
		]);
	});
	it('joins the marks of several headlines (stems and written forms)', () => {
		const segments = segmentsFrom(
			'семейное насилие',
			`${S}семейное${E} насилие`,
			`семейное ${S}насилие${E}`
		);
		expect(segments).toEqual([
			{ text: 'семейное', mark: true },
			{ text: ' ' },
			{ text: 'насилие', mark: true }
		]);
		expect(hasMark(segments)).toBe(true);
	});
	it('returns the text unmarked when the headline does not fit it', () => {
		expect(segmentsFrom('abc', `${S}abcd${E}`)).toEqual([{ text: 'abc' }]);
		expect(hasMark(segmentsFrom('abc', null))).toBe(false);
	});
});
