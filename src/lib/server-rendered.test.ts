import { describe, expect, it } from 'vitest';
import { uneval } from 'devalue';
import { transport } from '../hooks';
import { rendered, serverRendered, ServerRendered } from './server-rendered';

/** How SvelteKit writes a page's data out: devalue with the app's transport hooks as replacer. */
const writtenOut = (data: unknown) =>
	uneval(data, (thing) => {
		for (const [key, t] of Object.entries(transport)) {
			const encoded = t.encode(thing);
			if (encoded) return `app.decode('${key}', ${uneval(encoded)})`;
		}
	});

describe('the data of a server-rendered page', () => {
	const matrix = {
		cells: Array.from({ length: 5000 }, (_, i) => ({ adopted: i, amount: `${i}.00` }))
	};

	it('reaches the page’s markup whole but is written out for hydration as one number', () => {
		const data = serverRendered({ isDataRequest: false }, matrix);
		expect(data).toBeInstanceOf(ServerRendered);
		expect(rendered(data)).toBe(matrix);
		expect(writtenOut({ view: data })).toBe(`{view:app.decode('ServerRendered', 1)}`);
		expect(writtenOut({ view: matrix }).length).toBeGreaterThan(100_000);
	});

	it('is plain for a browser that navigates to the page and renders it itself', () => {
		const data = serverRendered({ isDataRequest: true }, matrix);
		expect(data).toBe(matrix);
		expect(rendered(data)).toBe(matrix);
	});

	it('cannot be hydrated by mistake: decoding it says why', () => {
		expect(() => transport.ServerRendered!.decode(1)).toThrow(/csr = false/);
	});
});
