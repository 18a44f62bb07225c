import { describe, expect, it } from 'vitest';
import { sessionIdOf } from './session';

describe('a session id', () => {
	it('is the hex SHA-256 of the cookie token, so sessions stored before stay valid', () => {
		// FIPS 180-2's example: SHA-256("abc")
		expect(sessionIdOf('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});
