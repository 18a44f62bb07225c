import { describe, expect, it } from 'vitest';
import { assemblePlanView, type PlanViewRows } from './view';

/** Wraps rows and their arrays so that every property and element read is counted. */
function counted<T extends object>(value: T, reads: { n: number }): T {
	return new Proxy(value, {
		get(target, key, receiver) {
			reads.n++;
			return Reflect.get(target, key, receiver);
		}
	});
}

/** The rows of a plan of n activities: ten per section, two indicators with a baseline and three targets by sex, and three budget lines each. */
function rows(n: number, reads: { n: number }): PlanViewRows {
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
	const activities = Array.from({ length: n }, (_, i) => ({
		id: i + 1,
		sectionId: Math.floor(i / 10) + 1,
		position: i % 10,
		title: `Иш-чара ${i + 1}`,
		titleRu: `Мероприятие ${i + 1}`,
		reason: '',
		responsible: '',
		partners: '',
		targetGroups: '',
		startYear: 2026,
		startQuarter: 1,
		endYear: 2028,
		endQuarter: 4,
		rowVersion: 1,
		measureNodeId: null,
		nationalText: null,
		nationalTextRu: null,
		measureStableId: null,
		measureNumber: null,
		catalogueVersionId: null,
		catalogueVersion: null,
		planId: null,
		planKey: null,
		planKind: null,
		planStart: null,
		planEnd: null,
		planTitleKy: null,
		planTitleRu: null,
		planTitleEn: null,
		tags: null
	}));
	const indicators = activities.flatMap((a) =>
		[0, 1].map((k) => ({
			id: a.id * 2 + k,
			activityId: a.id,
			name: 'Катышуучулар',
			unit: 'адам',
			kind: 'count' as const,
			population: 'adults' as const,
			bySex: true,
			byAge: false,
			byDisability: false,
			dataSource: '',
			rowVersion: 1
		}))
	);
	const figures = indicators.flatMap((i) =>
		[null, 2026, 2027, 2028].flatMap((year) =>
			(['female', 'male'] as const).map((sex) => ({
				indicatorId: i.id,
				year,
				sex,
				ageBand: '' as const,
				disability: '' as const,
				value: '10'
			}))
		)
	);
	const lines = activities.flatMap((a) =>
		[2026, 2027, 2028].map((year, k) => ({
			id: a.id * 3 + k,
			activityId: a.id,
			year,
			amount: '1000.00',
			source: 'local_budget' as const,
			donorName: '',
			classificationCode: '',
			marker: 2 as const,
			genderShare: '100.00',
			justification: '',
			beneficiariesWomen: null,
			beneficiariesMen: null,
			beneficiariesGirls: null,
			beneficiariesBoys: null,
			rowVersion: 1
		}))
	);
	const p = {
		id: 1,
		municipalityId: 1,
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
		soateCode: '41705258804000'
	};
	return {
		p,
		envelopes: [],
		sections: list(sections),
		activities: list(activities),
		indicators: list(indicators),
		figures: list(figures),
		lines: list(lines)
	};
}

describe('building the plan view', () => {
	it('reads each row a fixed number of times: 1,000 activities cost ten times 100, not a hundred times', () => {
		const small = { n: 0 };
		const large = { n: 0 };
		const view100 = assemblePlanView(rows(100, small));
		const view1000 = assemblePlanView(rows(1000, large));
		expect(view100.summary.activities).toBe(100);
		expect(view1000.sections).toHaveLength(100);
		const last = view1000.sections[99]!.activities[9]!;
		expect(last.id).toBe(1000);
		expect(last.indicators.map((i) => i.targets.length)).toEqual([3, 3]);
		expect(last.indicators[0]!.targets[2]).toMatchObject({ year: 2028, female: '10', male: '10' });
		expect(last.indicators[0]!.baseline).toMatchObject({ female: '10', male: '10' });
		expect(last.budget.map((b) => b.year)).toEqual([2026, 2027, 2028]);
		expect(view1000.summary.total.total).toBe('3000000.00');
		// a per-activity rescan of indicators and lines, or a per-section rescan of activities, makes this ~100
		expect(large.n / small.n).toBeLessThan(11);
	});
});
