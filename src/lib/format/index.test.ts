import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatShare,
	formatMoney,
	formatNumber,
	nameIn,
	todayInBishkek,
	yearInBishkek
} from './index';

const nb = (s: string) => s.replace(/ /g, '\u00a0');

describe('formatDate', () => {
	it('writes dates as dd.mm.yyyy', () => {
		expect(formatDate('2026-03-12')).toBe('12.03.2026');
		expect(formatDate(new Date('2026-03-12T10:00:00Z'))).toBe('12.03.2026');
	});
	it('uses Bishkek time, so a late UTC evening is already the next day', () => {
		expect(formatDate(new Date('2026-03-11T20:30:00Z'))).toBe('12.03.2026');
	});
	it('leaves empty and invalid values empty', () => {
		expect(formatDate(null)).toBe('');
		expect(formatDate('not a date')).toBe('');
	});
});

describe('formatMoney', () => {
	it('groups thousands with spaces and names the som', () => {
		expect(formatMoney(1250000)).toBe(nb('1 250 000 сом'));
		expect(formatMoney('1250000.00', 'ru')).toBe(nb('1 250 000 сом'));
		expect(formatMoney(1250000, 'en')).toBe(nb('1 250 000 som'));
	});
	it('keeps tyiyn exactly, with the decimal mark of the language', () => {
		expect(formatMoney('35000000.05', 'ky')).toBe(nb('35 000 000,05 сом'));
		expect(formatMoney('0.1', 'en')).toBe(nb('0.10 som'));
		expect(formatMoney(12345678901234567890n, 'ru', { currency: false })).toBe(
			nb('12 345 678 901 234 567 890')
		);
	});
	it('shows small and negative amounts', () => {
		expect(formatMoney(0)).toBe(nb('0 сом'));
		expect(formatMoney(999)).toBe(nb('999 сом'));
		expect(formatMoney('-1500')).toBe(nb('−1 500 сом'));
	});
	it('refuses what is not an amount', () => {
		expect(() => formatMoney('12,5')).toThrow();
	});
});

describe('nameIn', () => {
	it('picks the name in the page language', () => {
		const t = { nameKy: 'Ысык-Көл', nameRu: 'Иссык-Куль', nameEn: 'Issyk-Kul' };
		expect(nameIn(t, 'ky')).toBe('Ысык-Көл');
		expect(nameIn(t, 'ru')).toBe('Иссык-Куль');
		expect(nameIn(t, 'en')).toBe('Issyk-Kul');
	});
});

describe('formatNumber', () => {
	it('drops trailing zeros and uses the decimal comma in ky and ru', () => {
		expect(formatNumber('12.00')).toBe('12');
		expect(formatNumber('37.50', 'ru')).toBe('37,5');
		expect(formatNumber('1250000.25', 'en')).toBe('1\u00a0250\u00a0000.25');
		expect(formatNumber(null)).toBe('—');
	});
});

describe('Bishkek time', () => {
	// 03:49 on 02.12 in Bishkek (UTC+6) is still 21:49 on 01.12 in UTC
	const lateUtcEvening = new Date('2026-12-01T21:49:00Z');
	it('today is the Bishkek date, not the UTC one', () => {
		expect(todayInBishkek(lateUtcEvening)).toBe('2026-12-02');
	});
	it('timestamps are shown in Bishkek time', () => {
		expect(formatDateTime(lateUtcEvening)).toBe('02.12.2026 03:49');
	});
	it('the year turns in Bishkek first', () => {
		expect(yearInBishkek(new Date('2026-12-31T19:00:00Z'))).toBe(2027);
	});
});

describe('formatShare', () => {
	it('every share has one decimal, so yearly shares and the total read alike', () => {
		expect(formatShare('62.0')).toBe('62,0');
		expect(formatShare('48.1', 'ru')).toBe('48,1');
		expect(formatShare('100.0', 'en')).toBe('100.0');
		expect(formatShare('0')).toBe('0,0');
	});
});
