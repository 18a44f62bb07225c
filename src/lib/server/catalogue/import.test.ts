import { describe, expect, it } from 'vitest';
import { detectFormat } from './import';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
	it('recognises CSV, JSON and XLSX by their content, whatever the file is called', () => {
		expect(detectFormat(bytes('\uFEFFchapter_number;goal_number\n1;1.1'))).toBe('csv');
		expect(detectFormat(bytes('  {"plan": {}}'))).toBe('json');
		expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('xlsx');
	});
	it('reads a large Cyrillic CSV whose 64 KiB mark falls inside a letter', () => {
		const row = 'ң'.repeat(1000);
		let text = 'chapter_number,text_ky\n';
		while (text.length < 70_000) text += `1,${row}\n`;
		const b = bytes('x' + text); // one ASCII byte shifts every two-byte letter across the 64 KiB boundary
		expect(detectFormat(b)).toBe('csv');
		expect(detectFormat(bytes(text))).toBe('csv');
	});
	it('refuses binary and non-UTF-8 files', () => {
		expect(detectFormat(bytes('%PDF-1.4\n\u0001\u0002'))).toBeNull();
		expect(detectFormat(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
		expect(detectFormat(bytes('just some words without separators'))).toBeNull();
	});
});
