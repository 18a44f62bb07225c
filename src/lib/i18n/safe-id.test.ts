import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeMessageId } from './safe-id';

describe('the name of a message in Paraglide’s per-language modules', () => {
	it('is what the compiled Kyrgyz module exports, for every message', () => {
		const compiled = readFileSync('src/lib/paraglide/messages/ky.js', 'utf8');
		const exported = new Set(
			[...compiled.matchAll(/^export const ([A-Za-z0-9_]+) =/gm)].map((m) => m[1])
		);
		const keys = Object.keys(
			JSON.parse(readFileSync('src/lib/i18n/messages/ky.json', 'utf8'))
		).filter((k) => !k.startsWith('$'));
		expect(keys.filter((k) => !exported.has(safeMessageId(k)))).toEqual([]);
		expect(safeMessageId('delete')).toBe('_delete');
		expect(safeMessageId('field_targetGroups')).toBe('field_targetgroups1');
	});
});
