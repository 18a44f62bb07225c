import { describe, expect, it } from 'vitest';
import { safeNext } from './redirect';

const ORIGIN = 'http://localhost:3000';

/** What `?next=` holds once URLSearchParams has decoded it, as the login page reads it. */
const decoded = (query: string) => new URLSearchParams(query).get('next');

describe('the page after login', () => {
	it('a path of this site with its query and fragment is kept', () => {
		expect(safeNext('/plans/3?x=1', ORIGIN)).toBe('/plans/3?x=1');
		expect(safeNext('/ru/plans/3?tab=budget#line-4', ORIGIN)).toBe('/ru/plans/3?tab=budget#line-4');
		expect(safeNext(decoded('next=%2Fplans%2F3%3Fx%3D1'), ORIGIN)).toBe('/plans/3?x=1');
	});

	it('a path that a browser would read as another host goes home', () => {
		for (const next of [
			decoded('next=/%09/host/x'), // the tab is dropped: //host/x
			decoded('next=/%0a/host/x'),
			decoded('next=/%0d%0a/host/x'),
			'//evil.com',
			'//evil.com/plans',
			'/\\evil.com',
			'\\\\evil.com',
			'/\\/evil.com',
			'https://evil.com',
			'http://localhost:3000.evil.com/',
			'HTTPS://evil.com',
			' //evil.com',
			'\t//evil.com'
		]) {
			expect(safeNext(next, ORIGIN), JSON.stringify(next)).toBeNull();
		}
	});

	it('control characters go home instead of breaking the redirect', () => {
		for (const next of [
			decoded('next=/%0a'),
			'/\r\nSet-Cookie: x=1',
			'/plans\u0000',
			'/a\u007f',
			'/a\u0085'
		]) {
			expect(safeNext(next, ORIGIN), JSON.stringify(next)).toBeNull();
		}
	});

	it('script and other schemes, relative paths and nothing at all go home', () => {
		for (const next of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,x',
			'plans/3',
			'.',
			'',
			null,
			undefined
		]) {
			expect(safeNext(next, ORIGIN), JSON.stringify(next)).toBeNull();
		}
	});

	it('letters outside ASCII stay on the path, percent-encoded so the header is valid', () => {
		expect(safeNext('/catalogue?q=гендер', ORIGIN)).toBe(
			'/catalogue?q=%D0%B3%D0%B5%D0%BD%D0%B4%D0%B5%D1%80'
		);
	});
});
