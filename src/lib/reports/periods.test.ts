import { describe, expect, it } from 'vitest';
import { addDays, parsePeriod, periodsOfYear, reportState } from './periods';

describe('reporting periods', () => {
	it('split a year by the chosen frequency, with ISO-like codes and exact dates', () => {
		expect(periodsOfYear(2025, 'annual')).toEqual([
			{
				code: '2025',
				year: 2025,
				frequency: 'annual',
				number: 1,
				start: '2025-01-01',
				end: '2025-12-31'
			}
		]);
		expect(periodsOfYear(2026, 'half_year').map((p) => [p.code, p.start, p.end])).toEqual([
			['2026S1', '2026-01-01', '2026-06-30'],
			['2026S2', '2026-07-01', '2026-12-31']
		]);
		expect(periodsOfYear(2028, 'quarter').map((p) => p.end)).toEqual([
			'2028-03-31',
			'2028-06-30',
			'2028-09-30',
			'2028-12-31'
		]);
	});

	it('read a code back, and refuse what is not one', () => {
		expect(parsePeriod('2026Q3')).toMatchObject({ frequency: 'quarter', start: '2026-07-01' });
		expect(parsePeriod('2026S2')).toMatchObject({ frequency: 'half_year', number: 2 });
		for (const bad of ['2026Q5', '2026S3', '26', '2026-1', '2026q1'])
			expect(parsePeriod(bad)).toBeNull();
	});

	it('fall due 15 days after the period ends by default, across a year end', () => {
		expect(addDays('2025-12-31', 15)).toBe('2026-01-15');
		expect(addDays('2026-06-30', 15)).toBe('2026-07-15');
	});

	it('a report not submitted by its due date is late; a submitted one never is', () => {
		const p = { start: '2026-01-01', dueDate: '2026-07-15' };
		expect(reportState({ ...p, stored: null, today: '2025-12-31' })).toBe('upcoming');
		expect(reportState({ ...p, stored: null, today: '2026-03-01' })).toBe('due');
		expect(reportState({ ...p, stored: 'draft', today: '2026-07-15' })).toBe('in_progress');
		expect(reportState({ ...p, stored: 'draft', today: '2026-07-16' })).toBe('late');
		expect(reportState({ ...p, stored: null, today: '2026-07-16' })).toBe('late');
		expect(reportState({ ...p, stored: 'submitted', today: '2027-01-01' })).toBe('submitted');
	});
});
