import { describe, expect, it } from 'vitest';
import { chooseEncoding } from './compress';

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
