import { describe, expect, it } from 'vitest';
import { beneficiaryTotals, shareAchieved, spendingSummary } from './summary';

describe('report spending summary', () => {
	it('applies each line’s marker share to what it spent, and leaves an overspent line nothing unspent', () => {
		const s = spendingSummary([
			{ source: 'local_budget', planned: '100000.00', spent: '80000.00', genderShare: '100' },
			{ source: 'local_budget', planned: '50000.00', spent: '60000.00', genderShare: '40' },
			{ source: 'donor', planned: '0.00', spent: '12345.67', genderShare: '0' },
			{ source: 'incentive_grant', planned: '20000.00', spent: null, genderShare: '100' }
		]);
		expect(s.bySource.local_budget).toEqual({
			planned: '150000.00',
			spent: '140000.00',
			rate: '93.3',
			gender: '104000.00',
			unspent: '20000.00'
		});
		expect(s.bySource.donor).toMatchObject({ planned: '0.00', rate: null, gender: '0.00' });
		expect(s.bySource.incentive_grant).toMatchObject({
			spent: '0.00',
			rate: '0.0',
			unspent: '20000.00'
		});
		expect(s.total).toEqual({
			planned: '170000.00',
			spent: '152345.67',
			rate: '89.6',
			gender: '104000.00',
			unspent: '40000.00'
		});
	});

	it('sums beneficiaries by sex and keeps a sex nobody counted empty', () => {
		expect(
			beneficiaryTotals([
				{
					planned: { women: 40, men: null, girls: 10, boys: null },
					reached: { women: 35, men: 2, girls: null, boys: null }
				},
				{
					planned: { women: 20, men: 5, girls: null, boys: null },
					reached: { women: 18, men: 4, girls: null, boys: null }
				}
			])
		).toEqual({
			planned: { women: 60, men: 5, girls: 10, boys: null },
			reached: { women: 53, men: 6, girls: null, boys: null }
		});
	});

	it('gives the share of a target achieved, or nothing without a target', () => {
		expect(shareAchieved('15', '20')).toBe('75.0');
		expect(shareAchieved('15', null)).toBeNull();
		expect(shareAchieved(null, '20')).toBeNull();
	});
});
