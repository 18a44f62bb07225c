import { describe, expect, it } from 'vitest';
import { breaches, shareOf } from './vocabulary';

describe('the 30% rule', () => {
	it('3 of 10 passes and 299 of 1000 fails, in exact arithmetic', () => {
		expect(breaches({ women: 3, men: 7 })).toEqual([]);
		expect(breaches({ women: 299, men: 701 })).toEqual([{ reason: 'women_below', share: '29.9' }]);
		expect(breaches({ women: 700, men: 300 })).toEqual([]);
		expect(breaches({ women: 701, men: 299 })).toEqual([{ reason: 'men_below', share: '29.9' }]);
	});
	it('a head and a deputy of the same sex break it; one of them unknown does not', () => {
		expect(breaches({ women: 5, men: 5, headSex: 'female', deputySex: 'female' })).toEqual([
			{ reason: 'same_sex_leaders', sex: 'female' }
		]);
		expect(breaches({ women: 5, men: 5, headSex: 'female', deputySex: null })).toEqual([]);
		expect(breaches({ women: 5, men: 5, headSex: 'male', deputySex: 'female' })).toEqual([]);
	});
	it('a body with no members does not meet it', () => {
		expect(breaches({ women: 0, men: 0 })).toEqual([{ reason: 'empty' }]);
	});
	it('shares round half up to one decimal', () => {
		expect(shareOf(1, 3)).toBe('33.3');
		expect(shareOf(2, 3)).toBe('66.7');
		expect(shareOf(1, 8)).toBe('12.5');
		expect(shareOf(0, 0)).toBe('0.0');
	});
});
