import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
	CACHE_BUDGET_BYTES,
	chooseEncoding,
	compressBody,
	keptCompressedBytes,
	notModified
} from './compress';

describe('the encoding a response is compressed with', () => {
	it('is brotli when the browser takes it, gzip when only that, none when neither', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
	});

	it('respects q=0 refusals and the * wildcard', () => {
		expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
		expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
	});
});

describe('a body compressed for one reader', () => {
	const page = (n: number) =>
		Buffer.from(
			`<table>${Array.from({ length: 2000 }, (_, i) => `<tr><td>${n}</td><td>${i}</td></tr>`).join('')}</table>`
		);

	it('is compressed once for everyone who gets the same bytes, and decodes to them', async () => {
		const first = await compressBody(page(1), 'br');
		const again = await compressBody(page(1), 'br');
		expect(again).toBe(first);
		expect(brotliDecompressSync(again).equals(page(1))).toBe(true);
		const zipped = await compressBody(page(1), 'gzip');
		expect(gunzipSync(zipped).equals(page(1))).toBe(true);
	});

	it('never gives another body’s bytes, even of the same length', async () => {
		const a = await compressBody(page(2), 'br');
		const b = await compressBody(page(3), 'br');
		expect(page(2).length).toBe(page(3).length);
		expect(brotliDecompressSync(b).equals(page(3))).toBe(true);
		expect(b.equals(a)).toBe(false);
	});

	it('keeps within its budget however many different bodies pass, the oldest let go first', async () => {
		// random bytes written out compress poorly: 48 of them weigh more than the budget
		const bodies = Array.from({ length: 48 }, () =>
			Buffer.from(randomBytes(768 * 1024).toString('base64'))
		);
		const oldest = await compressBody(bodies[0]!, 'gzip');
		for (const body of bodies.slice(1)) await compressBody(body, 'gzip');
		expect(keptCompressedBytes()).toBeGreaterThan(CACHE_BUDGET_BYTES / 2);
		expect(keptCompressedBytes()).toBeLessThanOrEqual(CACHE_BUDGET_BYTES);
		expect(await compressBody(bodies[0]!, 'gzip')).not.toBe(oldest);
		const newest = bodies.at(-1)!;
		expect(await compressBody(newest, 'gzip')).toBe(await compressBody(newest, 'gzip'));
	});
});

describe('a revalidated page', () => {
	const page = (etag = '"1e95gs3"') => new Response('<p>…</p>', { headers: { etag } });
	const asking = (tags: string, method = 'GET') =>
		new Request('http://x/public', { method, headers: { 'if-none-match': tags } });

	it('is not modified when the browser holds its tag, weak (as a compressed page sent it) or not', () => {
		expect(notModified(asking('W/"1e95gs3"'), page())).toBe('W/"1e95gs3"');
		expect(notModified(asking('"other", W/"1e95gs3"'), page())).toBe('W/"1e95gs3"');
		expect(notModified(asking('"1e95gs3"'), page('W/"1e95gs3"'))).toBe('"1e95gs3"');
		expect(notModified(asking('*'), page())).toBe('W/"1e95gs3"');
	});

	it('is sent whole when the tag differs, for other methods and for other statuses', () => {
		expect(notModified(asking('W/"older"'), page())).toBeNull();
		expect(notModified(asking('W/"1e95gs3"', 'POST'), page())).toBeNull();
		const missing = new Response('', { status: 404, headers: { etag: '"1e95gs3"' } });
		expect(notModified(asking('W/"1e95gs3"'), missing)).toBeNull();
		expect(notModified(new Request('http://x/public'), page())).toBeNull();
	});
});
