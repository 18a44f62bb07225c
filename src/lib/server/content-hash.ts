import { createHash } from 'node:crypto';

/**
 * A stable SHA-256 of a value, independent of key order (dates as ISO text, undefined fields
 * left out): the approved plan's snapshot, a draft's document, a catalogue version.
 */
export function contentHash(value: unknown): string {
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canonical)
			: v instanceof Date
				? v.toISOString()
				: v && typeof v === 'object'
					? Object.fromEntries(
							Object.keys(v)
								.sort()
								.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
						)
					: v;
	return createHash('sha256')
		.update(JSON.stringify(canonical(value)))
		.digest('hex');
}
