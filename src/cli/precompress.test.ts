import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { zopfliGzip } from './precompress.js';

const handlers = () => [
	process.listeners('uncaughtException').length,
	process.listeners('unhandledRejection').length
];
// before any test has loaded Zopfli
const beforeZopfli = handlers();
const dir = mkdtempSync(join(tmpdir(), 'aiyl-zopfli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file as adapter-node leaves it: beside its zlib gzip copy. */
function written(path: string, text: string) {
	const file = join(dir, path);
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, text);
	writeFileSync(`${file}.gz`, gzipSync(text, { level: 9 }));
	return file;
}

describe('zopfliGzip', () => {
	it('rewrites the code’s gzip copies smaller, each still the same file when a browser unpacks it', async () => {
		// code as the build writes it: repetitive, with Kyrgyz text in it
		const code = Array.from(
			{ length: 400 },
			(_, i) => `export const m${i} = () => \`Иш-чара ${i}: өзгөртүү, күнү ${i % 31}\`;`
		).join('\n');
		const js = written('_app/immutable/chunks/a.js', code);
		const css = written('_app/immutable/assets/a.css', `.x{color:red}\n`.repeat(200));
		const zlibSize = statSync(`${js}.gz`).size;

		const result = await zopfliGzip(dir);

		expect(result.files).toBe(2);
		expect(result.after).toBeLessThan(result.before);
		expect(statSync(`${js}.gz`).size).toBeLessThan(zlibSize);
		expect(gunzipSync(readFileSync(`${js}.gz`)).toString()).toBe(code);
		expect(gunzipSync(readFileSync(`${css}.gz`)).toString()).toBe(readFileSync(css, 'utf8'));
	});

	it('leaves the process’s handling of errors as Node has it', async () => {
		written('_app/immutable/chunks/b.js', 'export const b = 1;\n'.repeat(50));
		await zopfliGzip(dir);
		expect(handlers()).toEqual(beforeZopfli);
	});

	it('leaves alone what has no gzip copy and what is not code', async () => {
		const html = join(dir, 'page.html');
		writeFileSync(html, '<p>бир</p>');
		const svg = written('icon.svg', '<svg></svg>'.repeat(50));
		const before = readFileSync(`${svg}.gz`);
		await zopfliGzip(dir);
		expect(() => statSync(`${html}.gz`)).toThrow();
		expect(readFileSync(`${svg}.gz`)).toEqual(before);
	});
});
