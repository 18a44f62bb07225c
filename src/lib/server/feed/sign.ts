import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header carrying the key id, the timestamp and the signature: `keyId=…,t=…,v1=…`. */
export const SIGNATURE_HEADER = 'x-aiyl-signature';
/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** HMAC-SHA256 over `timestamp.rawBody`, hex. */
export function signature(secret: string, timestamp: number, body: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(
	keyId: string,
	secret: string,
	body: string,
	now = Date.now()
): string {
	const t = Math.floor(now / 1000);
	return `keyId=${keyId},t=${t},v1=${signature(secret, t, body)}`;
}

export interface ParsedSignature {
	keyId: string;
	timestamp: number;
	signature: string;
}

/** The parts of the header, or null when it is not one. */
export function parseSignatureHeader(header: string | null): ParsedSignature | null {
	if (!header) return null;
	const parts = new Map(
		header.split(',').map((p) => {
			const i = p.indexOf('=');
			return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
		})
	);
	const keyId = parts.get('keyId') ?? '';
	const t = parts.get('t') ?? '';
	const v1 = parts.get('v1') ?? '';
	if (!/^[A-Za-z0-9._-]{1,100}$/.test(keyId) || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1))
		return null;
	return { keyId, timestamp: Number(t), signature: v1 };
}

/** Whether the signature is the secret's over this body and its timestamp is within the allowed skew. */
export function verifySignature(
	secret: string,
	parsed: ParsedSignature,
	body: string,
	now = Date.now()
): boolean {
	if (Math.abs(Math.floor(now / 1000) - parsed.timestamp) > MAX_SKEW_SECONDS) return false;
	const expected = Buffer.from(signature(secret, parsed.timestamp, body), 'hex');
	const given = Buffer.from(parsed.signature, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A new shared secret: 32 random bytes, base64url. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}
