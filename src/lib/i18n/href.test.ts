import { describe, expect, it } from 'vitest';
import * as paraglide from '../paraglide/runtime';
import { localizeHref, plainParts } from './href';

// the app's own links: localized without parsing a URL
const PLAIN = [
	'/',
	'/login',
	'/ru',
	'/ru/',
	'/RU/catalogue',
	'/ky/login',
	'/en',
	'/en/plans/12?tab=budget#line-3',
	'/rus/login',
	'/plans/5/activities/7',
	'/plans/5?arrange#section-3',
	'/public?oblast=KG05#plans',
	'/public?oblast=KG05&page=2',
	'/public/plans/3/pdf/ru',
	'/territories/4?plans=submitted#plans-h',
	'/a?',
	'/a#',
	'/a?#b',
	'/a/',
	'/a//b'
];
// what a URL would resolve or escape, another origin, a relative href: left to Paraglide's
const OTHER = [
	'/a/./b',
	'/a/../b',
	'/a/..',
	'/catalogue?q=аялдар',
	'/catalogue?q=a b',
	'/x?q="1"',
	"/x?q='1'",
	'/x#a b',
	'/x\\y',
	'/%D0%B0',
	'//example.org/x',
	'http://fallback.com/ru/public',
	'https://elsewhere.kg/en/x?y=1',
	'plans/3',
	'?page=2',
	'#plans'
];

describe('localizeHref', () => {
	it('writes every href in every locale as Paraglide’s does', () => {
		for (const href of [...PLAIN, ...OTHER])
			for (const locale of paraglide.locales)
				expect(localizeHref(href, { locale }), `${href} in ${locale}`).toBe(
					paraglide.localizeHref(href, { locale })
				);
	});

	it('localizes the app’s own links without Paraglide’s URL parsing, and nothing else', () => {
		expect(PLAIN.filter((h) => !plainParts(h))).toEqual([]);
		expect(OTHER.filter((h) => plainParts(h))).toEqual([]);
	});

	it('takes the page’s locale when given none', () => {
		// no request here: Paraglide's strategies end at the base locale
		expect(localizeHref('/public')).toBe(paraglide.localizeHref('/public'));
		expect(localizeHref('/ru/public')).toBe(paraglide.localizeHref('/ru/public'));
	});
});
