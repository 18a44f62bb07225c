import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Highlight from './Highlight.svelte';

describe('highlighted search text', () => {
	it('marks the found words and prints the rest of the text as text, never as markup', () => {
		const rendered = render(Highlight, {
			props: {
				segments: [
					{ text: '<img src=x onerror=alert(1)> ' },
					{ text: 'насилие', mark: true },
					{ text: ' & <b>' }
				]
			}
		});
		const body = rendered.body.replace(/<!--[^>]*-->/g, ''); // hydration markers
		expect(body).toContain('&lt;img src=x onerror=alert(1)> <mark>насилие</mark> &amp; &lt;b>');
		expect(body).not.toContain('<img');
		expect(body).not.toContain('<b>');
	});
});
