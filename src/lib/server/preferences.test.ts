import { describe, expect, it } from 'vitest';
import { lowVisionOf, returnPath } from './preferences';

describe('the low-vision switch', () => {
	it('goes back only to a path of this site', () => {
		expect(returnPath('/ru/public/plans/3?x=1')).toBe('/ru/public/plans/3?x=1');
		for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '', null, 7])
			expect(returnPath(bad)).toBe('/');
	});

	it('reads the browser’s choice first, then the account’s', () => {
		expect(lowVisionOf('1', false)).toBe(true);
		expect(lowVisionOf('0', true)).toBe(false);
		expect(lowVisionOf(undefined, true)).toBe(true);
		expect(lowVisionOf('garbage', null)).toBe(false);
	});
});
