import { describe, expect, it } from 'vitest';
import { hasUnprintable, printable, stripUnprintable } from './printable';

describe('characters the PDF font cannot draw', () => {
	it('emoji are left out of the document, Kyrgyz letters and punctuation stay', () => {
		expect(stripUnprintable('Аялдар 👩‍🌾 үчүн ✅ семинар ⭐️')).toBe('Аялдар үчүн семинар');
		expect(stripUnprintable('Ңөү — «№ 7», 50 % © ✓')).toBe('Ңөү — «№ 7», 50 % ©');
		expect(hasUnprintable('Ысык-Көл')).toBe(false);
		expect(hasUnprintable('🇰🇬 Кыргызстан')).toBe(true);
	});
	it('every string inside a plan is cleaned, numbers and dates are kept', () => {
		const at = new Date('2026-01-01T00:00:00Z');
		expect(printable({ title: 'План 🚀', n: 3, at, list: ['ok', '🔥'] })).toEqual({
			title: 'План',
			n: 3,
			at,
			list: ['ok', '']
		});
	});
});
