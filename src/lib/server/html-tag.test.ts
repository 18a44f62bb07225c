import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { htmlTag } from './html-tag';

const template = readFileSync('src/app.html', 'utf8');

describe('the page’s <html> tag', () => {
	it('gets the page’s language and class, and the rest of a large page is left as it was', () => {
		const rows = '<tr><td>%paraglide.lang% stays as typed</td></tr>'.repeat(20_000);
		const page = template.replace('%sveltekit.body%', rows);
		const out = htmlTag(page, 'ru', 'low-vision');
		expect(out).toContain('<html lang="ru" class="low-vision">');
		expect(out).not.toContain('%aiyl.html_class%');
		expect(out.length).toBe(page.length - '%paraglide.lang%%aiyl.html_class%'.length + 12);
		expect(out.endsWith(page.slice(-1000))).toBe(true);
		expect(out.split('%paraglide.lang% stays as typed').length).toBe(20_001);
	});

	it('fills a short page too', () => {
		expect(
			htmlTag('<html lang="%paraglide.lang%" class="%aiyl.html_class%"></html>', 'ky', '')
		).toBe('<html lang="ky" class=""></html>');
	});
});
