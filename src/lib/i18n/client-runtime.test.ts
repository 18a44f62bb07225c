import { describe, expect, it } from 'vitest';
import * as paraglide from '../paraglide/runtime';
import * as client from './client-runtime';

const HREFS = [
	'/',
	'/login',
	'/ru',
	'/ru/',
	'/en/plans/12?tab=budget#line-3',
	'/RU/catalogue',
	'/plans/5/activities/7',
	'//example.org/x',
	'/ky/login',
	'http://fallback.com/ru/public',
	'https://elsewhere.kg/en/x?y=1',
	'/rus/login',
	'/public/plans/3/pdf/ru'
];

describe('the browser runtime', () => {
	it('has the locales, base locale and cookie of Paraglide’s compile', () => {
		// Paraglide's own here (vite.config.ts hands client-runtime to browser code only)
		expect('setLocale' in paraglide && !('setLocale' in client)).toBe(true);
		expect(client.locales).toEqual(paraglide.locales);
		expect(client.baseLocale).toBe(paraglide.baseLocale);
		expect(paraglide.cookieName).toBe('PARAGLIDE_LOCALE');
		expect(paraglide.cookieMaxAge).toBe(34560000);
		expect(paraglide.strategy).toEqual(['url', 'cookie', 'baseLocale']);
	});

	it('localizes and de-localizes paths and URLs as Paraglide does', () => {
		for (const href of HREFS) {
			expect(client.deLocalizeHref(href), href).toBe(paraglide.deLocalizeHref(href));
			expect(client.extractLocaleFromUrl(new URL(href, 'http://fallback.com')), href).toBe(
				paraglide.extractLocaleFromUrl(new URL(href, 'http://fallback.com'))
			);
			expect(client.deLocalizeUrl(new URL(href, 'http://fallback.com')).href, href).toBe(
				paraglide.deLocalizeUrl(new URL(href, 'http://fallback.com')).href
			);
			for (const locale of paraglide.locales) {
				expect(client.localizeHref(href, { locale }), `${href} ${locale}`).toBe(
					paraglide.localizeHref(href, { locale })
				);
				expect(
					client.localizeUrl(new URL(href, 'http://fallback.com'), { locale }).href,
					`${href} ${locale}`
				).toBe(paraglide.localizeUrl(new URL(href, 'http://fallback.com'), { locale }).href);
			}
		}
	});
});
