import { describe, expect, it } from 'vitest';
import { versionChanges } from './diff';
import type { ReportContent } from './reports';

const extra = (id: number, description: string, spent: string) => ({
	id,
	activityId: null,
	description,
	spent,
	source: 'donor' as const,
	donorName: 'UN Women',
	marker: 1 as const,
	genderShare: '60',
	genderSpent: '0'
});
const content = (o: Partial<ReportContent>): ReportContent =>
	({
		year: 2025,
		sections: [],
		extras: [],
		summary: { bySource: {}, total: {} },
		beneficiaries: { planned: {}, reached: {} },
		...o
	}) as ReportContent;

describe('what a correction changed', () => {
	it('unplanned spending is matched by what it says, not by its id: an amount changed, one removed, one added', () => {
		const before = content({
			extras: [extra(1, 'Тренинг', '25000.00'), extra(2, 'Китептер', '3000.00')]
		});
		const after = content({
			extras: [extra(7, 'Тренинг', '27000.00'), extra(8, 'Автобус', '1200.00')]
		});
		expect(versionChanges(before, after).map((c) => [c.detail, c.old, c.new])).toEqual([
			['Тренинг', '25000.00', '27000.00'],
			['Автобус', null, '1200.00'],
			['Китептер', '3000.00', null]
		]);
	});

	it('an unchanged copy has no change, however its figures are written ("12.50" is "12.5")', () => {
		const a = content({ extras: [extra(1, 'Тренинг', '12.50')] });
		const b = content({ extras: [extra(9, 'Тренинг', '12.5')] });
		expect(versionChanges(a, b)).toEqual([]);
	});
});
