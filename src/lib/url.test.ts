import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeUrl } from './url';

describe('safeUrl', () => {
	it('keeps http and https links', () => {
		expect(safeUrl('https://cbd.minjust.gov.kg/act/view/ru-ru/12345')).toBe(
			'https://cbd.minjust.gov.kg/act/view/ru-ru/12345'
		);
		expect(safeUrl(' http://example.kg ')).toBe('http://example.kg/');
	});
	it('a javascript:, data:, relative or malformed link is no link', () => {
		for (const bad of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			' javascript:alert(1)',
			'java\nscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'//evil.example/x',
			'/catalogue',
			'https://',
			'http:// x',
			'',
			null,
			undefined,
			5,
			{}
		]) {
			expect(safeUrl(bad), String(bad)).toBeNull();
		}
	});
	it('whatever the text, the result is null or an http(s) URL', () => {
		fc.assert(
			fc.property(
				fc
					.oneof(
						fc.string(),
						fc.webUrl(),
						fc.constantFrom('javascript:', 'http://', 'https://', 'data:')
					)
					.chain((a) => fc.tuple(fc.constant(a), fc.string())),
				([head, tail]) => {
					const out = safeUrl(head + tail);
					expect(out === null || /^https?:\/\//.test(out)).toBe(true);
				}
			),
			{ numRuns: 500 }
		);
	});
});
