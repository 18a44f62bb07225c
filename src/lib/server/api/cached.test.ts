import { describe, expect, it } from 'vitest';
import { cachedJson, problem } from './cached';

describe('the public API’s cached answers', () => {
	it('a body carries an entity tag over its bytes; the same body, the same tag', async () => {
		const a = cachedJson(new Request('http://x/'), { n: 1 });
		const b = cachedJson(new Request('http://x/'), { n: 1 });
		const c = cachedJson(new Request('http://x/'), { n: 2 });
		expect(a.status).toBe(200);
		expect(a.headers.get('cache-control')).toBe('public, max-age=300');
		expect(a.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
		expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
		expect(c.headers.get('etag')).not.toBe(a.headers.get('etag'));
		expect(await a.json()).toEqual({ n: 1 });
	});

	it('a client holding the tag, strong or weakened by compression, gets a 304 without a body', async () => {
		const tag = cachedJson(new Request('http://x/'), { n: 1 }).headers.get('etag')!;
		for (const held of [tag, `W/${tag}`, `"other", W/${tag}`]) {
			const r = cachedJson(new Request('http://x/', { headers: { 'if-none-match': held } }), {
				n: 1
			});
			expect(r.status, held).toBe(304);
			expect(await r.text()).toBe('');
		}
		const changed = cachedJson(new Request('http://x/', { headers: { 'if-none-match': tag } }), {
			n: 2
		});
		expect(changed.status).toBe(200);
	});

	it('a problem is a problem document', async () => {
		const r = problem(400, 'unknown plan key', 'no plan x');
		expect(r.status).toBe(400);
		expect(r.headers.get('content-type')).toBe('application/problem+json');
		expect(await r.json()).toEqual({ status: 400, title: 'unknown plan key', detail: 'no plan x' });
	});
});
