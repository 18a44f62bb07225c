import { describe, expect, it } from 'vitest';
import { assemblePlanPage, planOutline, type PageActivityRow, type PageLineRow } from './outline';
import type { PlanHeadRow } from './view';

/** Wraps rows and their arrays so that every property and element read is counted. */
function counted<T extends object>(value: T, reads: { n: number }): T {
	return new Proxy(value, {
		get(target, key, receiver) {
			reads.n++;
			return Reflect.get(target, key, receiver);
		}
	});
}

/** The rows of a plan page of n activities: ten per section, every tenth from a catalogue measure, three budget lines each. */
function rows(n: number, reads: { n: number }) {
	const list = <T extends object>(items: T[]) =>
		counted(
			items.map((x) => counted(x, reads)),
			reads
		);
	const sections = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
		id: i + 1,
		title: `Бөлүм ${i + 1}`,
		titleRu: '',
		position: i,
		rowVersion: 1
	}));
	const activities: PageActivityRow[] = Array.from({ length: n }, (_, i) => {
		const measure = i % 10 === 0;
		return {
			id: i + 1,
			sectionId: Math.floor(i / 10) + 1,
			title: `Иш-чара ${i + 1}`,
			titleRu: `Мероприятие ${i + 1}`,
			rowVersion: 1,
			indicators: i % 3,
			measureNodeId: measure ? 100 + i : null,
			measureNumber: measure ? `1.${i}` : null,
			planKey: measure ? 'nap-1325' : null,
			planKind: measure ? 'nap_1325' : null,
			planStart: measure ? 2022 : null,
			planEnd: measure ? 2025 : null,
			planTitleKy: measure ? 'УИП 1325' : null,
			planTitleRu: measure ? 'НПД 1325' : null,
			planTitleEn: null,
			tags: measure ? ['pillar:prevention', 'other'] : null
		};
	});
	const lines: PageLineRow[] = activities.flatMap((a) =>
		[2026, 2027, 2028].map((year, k) => ({
			id: a.id * 3 + k,
			activityId: a.id,
			year,
			amount: '1000.00',
			source: 'local_budget' as const,
			marker: k as 0 | 1 | 2,
			genderShare: k === 1 ? '50.00' : k === 2 ? '100.00' : '0.00'
		}))
	);
	const p = {
		id: 1,
		municipalityId: 1,
		regionId: 1,
		state: 'draft' as const,
		kind: 'gender_plan' as const,
		title: 'План',
		titleRu: 'План',
		periodStart: 2026,
		periodEnd: 2028,
		rowVersion: 1,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nameKy: 'Ак-Турпак',
		nameRu: 'Ак-Турпак',
		nameEn: 'Ak-Turpak',
		soateCode: '41705258804000',
		envelopes: [],
		sections: list(sections)
	} as PlanHeadRow;
	return { p, activities: list(activities), lines: list(lines) };
}

describe('building the plan page', () => {
	it('reads each row a fixed number of times: 1,000 activities cost ten times 100, not a hundred times', () => {
		const small = { n: 0 };
		const large = { n: 0 };
		const page100 = assemblePlanPage(rows(100, small));
		const page1000 = assemblePlanPage(rows(1000, large));
		expect(page100.summary.activities).toBe(100);
		expect(page1000.sections).toHaveLength(100);
		const last = page1000.sections[99]!.activities[9]!;
		expect(last).toMatchObject({ id: 1000, indicators: 0, provenance: null });
		expect(last.budget.map((b) => b.year)).toEqual([2026, 2027, 2028]);
		expect(page1000.sections[10]!.activities[0]!.provenance).toEqual({
			measureNumber: '1.100',
			planKey: 'nap-1325',
			planKind: 'nap_1325',
			planPeriod: { start: 2022, end: 2025 },
			pillars: ['prevention']
		});
		expect(page1000.planTitles).toEqual({ 'nap-1325': { ky: 'УИП 1325', ru: 'НПД 1325' } });
		expect(page1000.summary.total.total).toBe('3000000.00');
		expect(page1000.summary.total.genderAmount).toBe('1500000.00');
		expect(page1000.summary.total.byPillar).toEqual({ prevention: '300000.00' });
		const outline = planOutline({ ref: {} as never, ...page1000 });
		expect(outline.sections[0]!.activities[0]).toMatchObject({
			wording: { lang: 'ky', fallback: false },
			yearTotals: { 2026: '1000.00', 2027: '1000.00', 2028: '1000.00' },
			markers: [0, 1, 2],
			indicators: 0
		});
		// a per-activity rescan of lines, or a per-section rescan of activities, makes this ~100
		expect(large.n / small.n).toBeLessThan(11);
	});
});
