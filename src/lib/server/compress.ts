import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this a compressed body saves less than the headers it adds. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;

/**
 * Bodies up to this size are compressed on the spot: zlib's asynchronous call costs about 200 µs of
 * CPU to hand a body to libuv's pool and back, three to four times what compressing a page of a
 * few kilobytes takes (`node` microbench, 6 KB of HTML: 240 µs async, 100 µs in place for brotli),
 * and blocks the event loop no longer than that. Larger bodies go to the pool.
 */
const IN_PLACE_MAX_BYTES = 64 * 1024;

/** A body at least this large is kept compressed for the next reader who gets the same bytes. */
const CACHE_MIN_BYTES = 16 * 1024;
/** What the kept compressed bodies may weigh together. */
export const CACHE_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Compressed bodies by encoding and the SHA-256 of their bytes, least recently used first out. A
 * public page, the national view or an API answer that many readers get alike is compressed once
 * (hashing a megabyte costs about a millisecond, compressing it fifteen), and the key is the bytes
 * themselves: nobody is ever sent what another reader's different answer compressed to.
 */
const kept = new Map<string, Buffer<ArrayBuffer>>();
let keptBytes = 0;

/** The bytes the kept compressed bodies weigh now (for tests and the bench). */
export const keptCompressedBytes = () => keptBytes;

/** The body compressed with the encoding: brotli at a fast level or gzip, small bodies in place, the same bytes compressed once. */
export async function compressBody(
	raw: Buffer,
	encoding: 'br' | 'gzip'
): Promise<Buffer<ArrayBuffer>> {
	const key =
		raw.length >= CACHE_MIN_BYTES
			? `${encoding}:${createHash('sha256').update(raw).digest('base64')}`
			: null;
	const held = key ? kept.get(key) : undefined;
	if (key && held) {
		kept.delete(key);
		kept.set(key, held);
		return held;
	}
	const inPlace = raw.length <= IN_PLACE_MAX_BYTES;
	const body = encoding === 'br' ? await brotliOf(raw, inPlace) : await gzipOf(raw, inPlace);
	if (key && body.length <= CACHE_BUDGET_BYTES / 8 && !kept.has(key)) {
		kept.set(key, body);
		keptBytes += body.length;
		for (const [oldest, bytes] of kept) {
			if (keptBytes <= CACHE_BUDGET_BYTES) break;
			kept.delete(oldest);
			keptBytes -= bytes.length;
		}
	}
	return body;
}

function brotliOf(
	raw: Buffer,
	inPlace: boolean
): Buffer<ArrayBuffer> | Promise<Buffer<ArrayBuffer>> {
	const options = {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: 4,
			[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
			[constants.BROTLI_PARAM_SIZE_HINT]: raw.length
		}
	};
	return inPlace ? brotliCompressSync(raw, options) : brotli(raw, options);
}

function gzipOf(raw: Buffer, inPlace: boolean): Buffer<ArrayBuffer> | Promise<Buffer<ArrayBuffer>> {
	return inPlace ? gzipSync(raw, { level: 6 }) : gz(raw, { level: 6 });
}

/** The encoding to answer with: brotli when the client takes it, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	const accepted = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		if (!name) continue;
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		accepted.set(name, q === undefined ? 1 : Number(q));
	}
	const ok = (name: string) =>
		(accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
	if (ok('br')) return 'br';
	if (ok('gzip')) return 'gzip';
	return null;
}

/**
 * Compresses the app's own text responses (pages, page data, JSON) when no proxy in front does it:
 * brotli at a fast level, or gzip; bodies over 64 KiB off the main thread (on libuv's pool).
 * Static assets are precompressed at build time and served by adapter-node.
 */
export const handleCompression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const unchanged = notModified(event.request, response);
	if (unchanged) return notModifiedResponse(response, unchanged);
	const type = response.headers.get('content-type') ?? '';
	if (
		event.request.method === 'HEAD' ||
		!response.body ||
		response.status < 200 ||
		response.status === 204 ||
		response.status === 206 ||
		response.headers.has('content-encoding') ||
		/no-transform/.test(response.headers.get('cache-control') ?? '') ||
		!COMPRESSIBLE.test(type)
	) {
		return response;
	}
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (!encoding)
		return new Response(response.body, {
			status: response.status,
			statusText: response.statusText,
			headers
		});
	const raw = Buffer.from(await response.arrayBuffer());
	if (raw.length < MIN_BYTES)
		return new Response(raw, { status: response.status, statusText: response.statusText, headers });
	const body = await compressBody(raw, encoding);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(body.length));
	// the compressed bytes differ from the ones the entity tag was computed on
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
};

/**
 * The entity tag to answer 304 with when the browser's copy is still the page: its If-None-Match
 * names the page's tag by the weak comparison GET uses (RFC 9110 §13.1.2); null otherwise.
 * SvelteKit answers 304 only to the tag exactly as it made it, but a compressed page goes out with
 * the weak form (`W/"…"`, see handleCompression), which is what browsers send back: without this
 * an anonymous page, revalidated on every visit (`no-cache`), came whole again over a slow line
 * each time although nothing had changed.
 */
export function notModified(request: Request, response: Response): string | null {
	if ((request.method !== 'GET' && request.method !== 'HEAD') || response.status !== 200)
		return null;
	const etag = response.headers.get('etag');
	const wanted = request.headers.get('if-none-match');
	if (!etag || !wanted) return null;
	const opaque = (tag: string) => tag.replace(/^W\//, '');
	if (wanted.trim() === '*') return etag.startsWith('W/') ? etag : `W/${etag}`;
	return (
		wanted
			.split(',')
			.map((tag) => tag.trim())
			.find((tag) => opaque(tag) === opaque(etag)) ?? null
	);
}

/**
 * 304 with the headers a cache updates its copy with (RFC 9110 §15.4.5): the entity tag as the
 * browser holds it (weak when its copy came compressed) and the 200's Cache-Control and Vary.
 */
function notModifiedResponse(response: Response, etag: string): Response {
	const headers = new Headers({ etag });
	for (const name of ['cache-control', 'content-location', 'expires', 'vary']) {
		const value = response.headers.get(name);
		if (value !== null) headers.set(name, value);
	}
	headers.append('vary', 'Accept-Encoding');
	response.body?.cancel().catch(() => {});
	return new Response(null, { status: 304, headers });
}

/**
 * Cache-Control for pages and page data that set none: a signed-in page is private and never stored
 * (it shows the user's own data); an anonymous page may be kept but is revalidated each time, and
 * varies with the cookie that picks its language.
 */
export const handleCacheControl: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.headers.has('cache-control')) return response;
	const type = response.headers.get('content-type') ?? '';
	if (!/^(text\/html|application\/json)/.test(type)) return response;
	const signedIn = event.locals.actor !== null && event.locals.actor !== undefined;
	const headers = new Headers(response.headers);
	if (signedIn) {
		headers.set('cache-control', 'private, no-store');
	} else {
		headers.set('cache-control', 'no-cache');
		headers.append('vary', 'Cookie');
	}
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
