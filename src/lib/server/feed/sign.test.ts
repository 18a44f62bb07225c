import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signatureHeader, verifySignature } from './sign';

const secret = 'a-shared-secret-of-the-test';
const body = '{"format":"aiyl-plan/feed@1"}';
const now = Date.UTC(2026, 11, 2, 12);

describe('feed signatures', () => {
	it('a header signed with the secret over the body verifies; its parts are the key id, the time and the HMAC', () => {
		const parsed = parseSignatureHeader(signatureHeader('kyshtut', secret, body, now));
		expect(parsed).toMatchObject({ keyId: 'kyshtut', timestamp: now / 1000 });
		expect(verifySignature(secret, parsed!, body, now)).toBe(true);
	});

	it('another body, another secret, or a timestamp more than five minutes off does not verify', () => {
		const parsed = parseSignatureHeader(signatureHeader('kyshtut', secret, body, now))!;
		expect(verifySignature(secret, parsed, body + ' ', now)).toBe(false);
		expect(verifySignature('another-secret-entirely', parsed, body, now)).toBe(false);
		expect(verifySignature(secret, parsed, body, now + 5 * 60_000)).toBe(true);
		expect(verifySignature(secret, parsed, body, now + 5 * 60_000 + 1000)).toBe(false);
		expect(verifySignature(secret, parsed, body, now - 5 * 60_000 - 1000)).toBe(false);
	});

	it('a header that is not one is refused before any key is looked up', () => {
		for (const h of [
			null,
			'',
			'garbage',
			'keyId=a,t=x,v1=00',
			`keyId=a b,t=1,v1=${'0'.repeat(64)}`
		])
			expect(parseSignatureHeader(h)).toBeNull();
	});
});
