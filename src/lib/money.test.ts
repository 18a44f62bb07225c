import { describe, expect, it } from 'vitest';
import { addMoney, parseMoneyInput, percentOf, shareOf } from './money';

describe('money', () => {
	it('adds exactly where floating point would not', () => {
		expect(addMoney('0.10', '0.20')).toBe('0.30');
		expect(addMoney('999999999.99', '0.01', '1250000.50')).toBe('1001250000.50');
	});
	it('takes a share rounded half up to the tyiyn', () => {
		expect(shareOf('100000.00', '30')).toBe('30000.00');
		expect(shareOf('333.33', '50')).toBe('166.67');
		expect(shareOf('0.01', '50')).toBe('0.01');
		expect(shareOf('1000.00', '0')).toBe('0.00');
	});
	it('gives a percent with one decimal', () => {
		expect(percentOf('375.00', '1000.00')).toBe('37.5');
		expect(percentOf('1.00', '3.00')).toBe('33.3');
		expect(percentOf('0.00', '0.00')).toBe('0.0');
	});
	it('reads amounts as people type them and says what is wrong', () => {
		expect(parseMoneyInput('1 250 000')).toEqual({ ok: true, value: '1250000.00' });
		expect(parseMoneyInput('1250000,5')).toEqual({ ok: true, value: '1250000.50' });
		expect(parseMoneyInput('45 500,50 сом')).toEqual({ ok: true, value: '45500.50' });
		expect(parseMoneyInput('-100')).toEqual({ ok: false, problem: 'money_negative' });
		expect(parseMoneyInput('12abc')).toEqual({ ok: false, problem: 'money_format' });
		expect(parseMoneyInput('')).toEqual({ ok: false, problem: 'money_format' });
		expect(parseMoneyInput('10.555')).toEqual({ ok: false, problem: 'money_too_precise' });
		expect(parseMoneyInput('5000000000')).toEqual({ ok: false, problem: 'money_too_large' });
	});
});
