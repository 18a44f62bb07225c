import { describe, expect, it } from 'vitest';
import { figureField, figuresFromForm, periodRows, type Disaggregation } from './indicator-values';

const count: Disaggregation = {
	kind: 'count',
	population: 'adults',
	bySex: true,
	byAge: true,
	byDisability: true
};

describe('figures as the indicator form posts them', () => {
	it('every figure field names its period and part, and reads back into periods', () => {
		const names = [
			figureField(null),
			figureField(null, 'female'),
			figureField(2026, 'male'),
			figureField(2026, 'age_18-29'),
			figureField(2027, 'disability_with')
		];
		expect(names).toEqual([
			'baseline',
			'baseline_female',
			'target_2026_male',
			'target_2026_age_18-29',
			'target_2027_disability_with'
		]);
		const posted = {
			name: 'x',
			baseline: '5',
			baseline_female: '3',
			target_2026_male: '40',
			'target_2026_age_18-29': '12',
			target_2027_disability_with: '2',
			target_2028: '',
			target_2028_female: ' '
		};
		expect(figuresFromForm(posted)).toEqual({
			baseline: { total: '5', female: '3' },
			targets: { 2026: { male: '40', age: { '18-29': '12' } }, 2027: { disability: { with: '2' } } }
		});
	});
});

describe('the rows of one period', () => {
	it('a count by sex keeps women and men, not their total; typed figures may use a comma and spaces', () => {
		expect(periodRows(count, 2026, { total: '7', female: '1 200', male: '80,5' })).toEqual([
			{ year: 2026, sex: 'female', ageBand: '', disability: '', value: '1200' },
			{ year: 2026, sex: 'male', ageBand: '', disability: '', value: '80.5' }
		]);
	});

	it('a count not by sex, given women and men, keeps their sum as its total', () => {
		expect(periodRows({ ...count, bySex: false }, null, { female: '3', male: '4' })).toEqual([
			{ year: null, sex: '', ageBand: '', disability: '', value: '7.00' }
		]);
	});

	it('age bands of the other population are not taken; bands and disability must reach the total', () => {
		const rows = periodRows({ ...count, population: 'children' }, 2026, {
			female: '6',
			male: '4',
			age: { '6-13': '10', '30-59': '99' }
		});
		expect(rows.map((r) => r.ageBand || r.sex)).toEqual(['female', 'male', '6-13']);
		expect(() =>
			periodRows(count, 2026, { total: '10', disability: { with: '1', without: '8' } })
		).toThrow(
			expect.objectContaining({
				code: 'error_indicator_disability_sum',
				params: { year: 2026, sum: '9', total: '10' }
			})
		);
		expect(() => periodRows(count, null, { age: { '18-29': '1' } })).toThrow(
			expect.objectContaining({
				code: 'error_indicator_breakdown_total_baseline',
				field: 'baseline_age_18-29'
			})
		);
	});

	it('yes/no figures are 1 or 0; anything that is not a number is refused with the field', () => {
		expect(() =>
			periodRows({ ...count, kind: 'yes_no' }, 2026, { female: '1', male: '2' })
		).toThrow(
			expect.objectContaining({ code: 'error_indicator_yes_no', field: 'target_2026_male' })
		);
		expect(() => periodRows(count, 2026, { female: 'он', male: '2' })).toThrow(
			expect.objectContaining({ code: 'error_indicator_number', field: 'target_2026_female' })
		);
	});
});
