import { describe, expect, it } from 'vitest';
import { hasBadText, hasControlCharacters, isFramable, securityHeaders } from './edge';
import { isDatabaseUnavailable, isUnstorableText } from './db';

const form = (fields: Record<string, string>, url = 'http://localhost/plans/new') =>
	new Request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});

describe('the edge', () => {
	it('control characters are refused except tab, line feed and carriage return', () => {
		expect(hasControlCharacters('a\u0000b')).toBe(true);
		expect(hasControlCharacters('\u001b[31m')).toBe(true);
		expect(hasControlCharacters('строка\tтаб\r\nновая')).toBe(false);
		expect(hasControlCharacters('Ак-Турпак ң ө ү')).toBe(false);
	});

	it('a form is refused for a control character in a text field, not for one inside an uploaded file', async () => {
		const url = new URL('http://localhost/plans/new');
		expect(await hasBadText(form({ title: 'План\u0000' }), url)).toBe(true);
		expect(await hasBadText(form({ title: 'План' }), url)).toBe(false);
		const upload = new FormData();
		upload.set('file', new File(['a\u0000b'], 'data.csv'));
		upload.set('note', 'ok');
		expect(await hasBadText(new Request(url, { method: 'POST', body: upload }), url)).toBe(false);
		upload.set('note', 'b\u0001');
		expect(await hasBadText(new Request(url, { method: 'POST', body: upload }), url)).toBe(true);
	});

	it('the route still reads the form the guard looked at', async () => {
		const request = form({ title: 'План' });
		await hasBadText(request, new URL(request.url));
		expect((await request.formData()).get('title')).toBe('План');
	});

	it('only pages under /embed/, in any language, may be framed', () => {
		expect(isFramable(new URL('http://localhost/embed/plans/1'))).toBe(true);
		expect(isFramable(new URL('http://localhost/ru/embed/plans/1'))).toBe(true);
		expect(isFramable(new URL('http://localhost/public/plans/1'))).toBe(false);
		expect(isFramable(new URL('http://localhost/embedded'))).toBe(false);
	});

	it('an embeddable page lets any site frame it; every other page refuses every site', () => {
		const headersOf = (url: string) => {
			const h = new Headers({ 'content-type': 'text/html; charset=utf-8' });
			securityHeaders(h, { url: new URL(url), signedIn: false, isDataRequest: false });
			return h;
		};
		for (const url of ['http://localhost/embed/41705214835000', 'http://localhost/ru/embed/1']) {
			const embed = headersOf(url);
			expect(embed.get('x-frame-options')).toBeNull();
			expect(embed.get('content-security-policy')).toBe('frame-ancestors *');
		}
		const other = headersOf('http://localhost/public/plans/1');
		expect(other.get('x-frame-options')).toBe('DENY');
		expect(other.get('content-security-policy')).toBe("frame-ancestors 'none'");
	});

	it('what a signed-in user was shown is kept by no cache; a file keeps the caching its route chose', () => {
		const page = new Headers({ 'content-type': 'text/html' });
		securityHeaders(page, {
			url: new URL('http://localhost/'),
			signedIn: true,
			isDataRequest: false
		});
		expect(page.get('cache-control')).toBe('private, no-store');
		const pdf = new Headers({
			'content-type': 'application/pdf',
			'cache-control': 'private, max-age=3600'
		});
		securityHeaders(pdf, {
			url: new URL('http://localhost/plans/1/document/ky/file'),
			signedIn: true,
			isDataRequest: false
		});
		expect(pdf.get('cache-control')).toBe('private, max-age=3600');
		expect(pdf.get('x-frame-options')).toBeNull();
	});

	it('a refused, reset or timed-out connection and a shutting-down server are an outage; a bad query is not', () => {
		for (const code of [
			'ECONNREFUSED',
			'ECONNRESET',
			'CONNECT_TIMEOUT',
			'CONNECTION_CLOSED',
			'57P01',
			'57P03',
			'08006'
		]) {
			expect(isDatabaseUnavailable(Object.assign(new Error(code), { code })), code).toBe(true);
		}
		const both = Object.assign(
			new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]),
			{ code: undefined }
		);
		expect(isDatabaseUnavailable(both)).toBe(true);
		for (const code of ['23505', '42P01', '22021', 'P0001', undefined])
			expect(isDatabaseUnavailable({ code }), String(code)).toBe(false);
		expect(isUnstorableText({ code: '22021' })).toBe(true);
		expect(isUnstorableText({ code: '22P05' })).toBe(true);
		expect(isUnstorableText({ code: '23505' })).toBe(false);
	});
});
