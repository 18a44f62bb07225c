import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_AMOUNT_TYIYN,
	addMoney,
	fromTyiyn,
	parseMoneyInput,
	percentOf,
	shareOf,
	shareOfTyiyn,
	toTyiyn
} from './money';

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
	it('reads the database’s two decimals and every shorter form alike', () => {
		for (const [text, tyiyn] of [
			['1250000.50', 125000050n],
			['-0.05', -5n],
			['-12.30', -1230n],
			['0.00', 0n],
			['12.3', 1230n],
			['12', 1200n],
			['-7', -700n],
			['.50', 50n]
		] as const)
			expect(toTyiyn(text), text).toBe(tyiyn);
		expect(shareOfTyiyn(33333n, '50')).toBe(16667n);
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

describe('money parsers on random and hostile input', () => {
	const typed = fc.string({
		unit: fc.constantFrom(
			'0',
			'1',
			'5',
			'9',
			' ',
			'\u00a0',
			"'",
			',',
			'.',
			'-',
			'+',
			'e',
			'с',
			'о',
			'м',
			'x',
			'٣',
			'\u2212'
		)
	});

	it('parseMoneyInput never throws: an exact amount within the limit with two decimals, or one of its problems', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), typed), (input) => {
				const r = parseMoneyInput(input);
				if (r.ok) {
					expect(r.value).toMatch(/^\d+\.\d{2}$/);
					expect(toTyiyn(r.value) <= MAX_AMOUNT_TYIYN).toBe(true);
				} else
					expect([
						'money_format',
						'money_negative',
						'money_too_large',
						'money_too_precise'
					]).toContain(r.problem);
			}),
			{ numRuns: 3000 }
		);
	});

	it('every amount as people type it (spaces, comma, "сом") reads back exactly, to the tyiyn', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: MAX_AMOUNT_TYIYN }),
				fc.constantFrom('.', ','),
				fc.boolean(),
				fc.boolean(),
				(tyiyn, point, grouped, som) => {
					const [whole, cents] = fromTyiyn(tyiyn).split('.');
					const digits = grouped ? whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : whole;
					const r = parseMoneyInput(`${digits}${point}${cents}${som ? ' сом' : ''}`);
					expect(r).toEqual({ ok: true, value: fromTyiyn(tyiyn) });
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('sums and shares stay exact: tyiyn round trip, addMoney as a BigInt sum, a share between zero and the amount', () => {
		const amount = fc.bigInt({ min: -MAX_AMOUNT_TYIYN, max: MAX_AMOUNT_TYIYN });
		fc.assert(
			fc.property(
				fc.array(amount, { maxLength: 10 }),
				fc.bigInt({ min: 0n, max: MAX_AMOUNT_TYIYN }),
				fc.integer({ min: 0, max: 10000 }),
				(list, positive, hundredths) => {
					for (const t of list) expect(toTyiyn(fromTyiyn(t))).toBe(t);
					expect(toTyiyn(addMoney(...list.map(fromTyiyn)))).toBe(list.reduce((s, t) => s + t, 0n));
					const share = toTyiyn(
						shareOf(
							fromTyiyn(positive),
							`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
						)
					);
					expect(share >= 0n && share <= positive).toBe(true);
				}
			),
			{ numRuns: 1000 }
		);
	});
});
