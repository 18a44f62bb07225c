/**
 * A small hand-made plan for the renderers' tests (XLSX, CSV, PDF): two sections given out of order,
 * four activities (one local-only), markers 0/1/2, sources local budget, donor, incentive grant and
 * unfunded, over 2025–2026. Its totals are computed by hand in the tests that use it.
 */
import type {
	Activity,
	BudgetLine,
	Funding,
	Indicator,
	IndicatorFigures,
	Marker,
	PlanView,
	Provenance,
	YearSummary
} from './types';
import { emptyFigures, isAdditive, sumFigures } from '../../plans/indicators';
import { shareOf } from '../../money';
import { summarise } from './view';

export const PLAN_TITLES: Record<string, { ky: string; ru: string }> = {
	'gep-2025-2027': {
		ky: 'Гендердик теңчилик боюнча экинчи улуттук план',
		ru: 'Второй национальный план по гендерному равенству'
	},
	'nap-1325-2025-2027': {
		ky: '1325-резолюция боюнча бешинчи УИАП',
		ru: 'Пятый НПД по резолюции 1325'
	}
};

let nextId = 1;

export function line(
	activityId: number,
	year: number,
	amount: string,
	source: Funding,
	marker: Marker,
	genderShare: string,
	genderAmount: string,
	extra: Partial<BudgetLine> = {}
): BudgetLine {
	return {
		id: nextId++,
		activityId,
		year,
		amount,
		source,
		donorName: '',
		classificationCode: '',
		marker,
		genderShare,
		genderAmount,
		justification: '',
		beneficiariesWomen: null,
		beneficiariesMen: null,
		beneficiariesGirls: null,
		beneficiariesBoys: null,
		rowVersion: 1,
		...extra
	};
}

/** A figure of the sample: a bare string is the total alone; an object gives the breakdown (its total derived where it is). */
type SampleFigures = string | null | Partial<IndicatorFigures>;

function figures(kind: Indicator['kind'], f: SampleFigures): IndicatorFigures {
	if (f === null || typeof f === 'string') return { ...emptyFigures(), total: f };
	const out = { ...emptyFigures(), ...f };
	if (isAdditive(kind) && out.female !== null && out.male !== null && out.total === null) {
		out.total = sumFigures([out.female, out.male]);
		out.derived = true;
	}
	return out;
}

export function indicator(
	activityId: number,
	name: string,
	unit: string,
	baseline: SampleFigures,
	targets: [number, SampleFigures][],
	kind: Indicator['kind'] = 'count',
	extra: Partial<Indicator> = {}
): Indicator {
	return {
		id: nextId++,
		activityId,
		name,
		unit,
		kind,
		population: 'adults',
		bySex: true,
		byAge: false,
		byDisability: false,
		dataSource: '',
		baseline: figures(kind, baseline),
		targets: targets.map(([year, f]) => ({ year, ...figures(kind, f) })),
		rowVersion: 1,
		...extra
	};
}

export function provenance(planKey: string, measureNumber: string, pillars: string[]): Provenance {
	return {
		measureNodeId: nextId++,
		measureStableId: `${planKey}.m${measureNumber}`,
		measureNumber,
		catalogueVersionId: 1,
		catalogueVersion: 1,
		planId: 1,
		planKey,
		planKind: planKey.startsWith('nap-1325') ? 'nap_1325' : 'gender_nap',
		planPeriod: { start: 2025, end: 2027 },
		planTitle: PLAN_TITLES[planKey] ?? { ky: planKey },
		nationalText: 'Улуттук деңгээлдеги чаранын тексти',
		nationalTextRu: 'Текст меры национального уровня',
		pillars
	};
}

export function activity(
	id: number,
	sectionId: number,
	position: number,
	title: string,
	p: Partial<Activity>
): Activity {
	return {
		id,
		sectionId,
		position,
		title,
		titleRu: '',
		reason: '',
		responsible: '',
		partners: '',
		targetGroups: '',
		startYear: 2025,
		startQuarter: 1,
		endYear: 2026,
		endQuarter: 4,
		provenance: null,
		indicators: [],
		budget: [],
		rowVersion: 1,
		...p
	};
}

export const a1 = activity(101, 1, 0, 'Аялдар үчүн ишкердик курстары', {
	titleRu: 'Курсы предпринимательства для женщин',
	provenance: provenance('gep-2025-2027', '2.1.3', []),
	responsible: 'Айыл өкмөтүнүн социалдык бөлүмү',
	partners: 'Жергиликтүү КЭУ',
	targetGroups: 'Жумушсуз аялдар',
	startQuarter: 2,
	endQuarter: 4,
	indicators: [
		indicator(101, 'Окуудан өткөн аялдар', 'адам', '0', [
			[2026, '40'],
			[2025, '20']
		]),
		indicator(
			101,
			'Ишкердикти баштаган аялдар',
			'%',
			null,
			[
				[2025, '10'],
				[2026, '25']
			],
			'percent'
		)
	],
	budget: [
		line(101, 2026, '300000.50', 'donor', 2, '100', '300000.50', {
			donorName: 'ПРООН',
			justification: 'Аялдардын экономикалык мүмкүнчүлүктөрү',
			beneficiariesWomen: 40,
			beneficiariesGirls: 5
		}),
		line(101, 2025, '150000.00', 'local_budget', 1, '50', '75000.00', {
			classificationCode: '2111'
		})
	]
});
export const a2 = activity(102, 1, 1, 'Айылдагы балдар бакчасынын жолун оңдоо', {
	titleRu: 'Ремонт дороги к сельскому детскому саду',
	provenance: null,
	responsible: 'Айыл өкмөтү',
	startYear: 2025,
	startQuarter: null,
	endYear: 2025,
	endQuarter: null,
	budget: [
		line(102, 2025, '80000.00', 'unfunded', 0, '0', '0.00'),
		line(102, 2026, '120000.25', 'local_budget', 1, '40', '48000.10')
	]
});
export const a3 = activity(103, 2, 0, 'Жаштар менен чыр-чатактардын алдын алуу боюнча диалог', {
	titleRu: 'Диалог с молодёжью по предупреждению конфликтов',
	provenance: provenance('nap-1325-2025-2027', '3.2', ['prevention', 'participation']),
	indicators: [indicator(103, 'Диалогго катышкандар', 'адам', '12', [[2025, '30']])],
	budget: [
		line(103, 2025, '500000.00', 'donor', 2, '100', '500000.00', { donorName: 'БУУ Аялдар' }),
		line(103, 2025, '50000.00', 'local_budget', 2, '100', '50000.00')
	]
});
export const a4 = activity(104, 2, 1, 'Зомбулуктан жапа чеккендер үчүн кризистик бөлмө', {
	titleRu: 'Кризисная комната для пострадавших от насилия',
	provenance: provenance('nap-1325-2025-2027', '4.1', ['protection']),
	indicators: [indicator(104, 'Кризистик бөлмө иштейт', '', 'жок', [[2026, '1']], 'yes_no')],
	budget: [
		line(104, 2026, '200000.00', 'incentive_grant', 1, '25', '50000.00'),
		line(104, 2026, '99999.99', 'unfunded', 0, '0', '0.00')
	]
});

export function year(y: number | 'total', f: Omit<YearSummary, 'year'>): YearSummary {
	return { year: y, ...f };
}

/** The figures the plans domain would compute, worked out by hand from the lines above. */
export const summary = {
	years: [
		year(2025, {
			total: '780000.00',
			bySource: { local_budget: '200000.00', donor: '500000.00', unfunded: '80000.00' },
			genderAmount: '625000.00',
			genderShare: '80.1',
			unfunded: '80000.00',
			envelope: '250000.00',
			overEnvelope: false,
			byPlan: {
				'gep-2025-2027': '150000.00',
				local: '80000.00',
				'nap-1325-2025-2027': '550000.00'
			},
			byPillar: { prevention: '550000.00', participation: '550000.00' }
		}),
		year(2026, {
			total: '720000.74',
			bySource: {
				local_budget: '120000.25',
				donor: '300000.50',
				incentive_grant: '200000.00',
				unfunded: '99999.99'
			},
			genderAmount: '398000.60',
			genderShare: '55.3',
			unfunded: '99999.99',
			envelope: '100000.00',
			overEnvelope: true,
			byPlan: {
				'gep-2025-2027': '300000.50',
				local: '120000.25',
				'nap-1325-2025-2027': '299999.99'
			},
			byPillar: { protection: '299999.99' }
		})
	],
	total: year('total', {
		total: '1500000.74',
		bySource: {
			local_budget: '320000.25',
			donor: '800000.50',
			incentive_grant: '200000.00',
			unfunded: '179999.99'
		},
		genderAmount: '1023000.60',
		genderShare: '68.2',
		unfunded: '179999.99',
		envelope: '350000.00',
		overEnvelope: true,
		byPlan: { 'gep-2025-2027': '450000.50', local: '200000.25', 'nap-1325-2025-2027': '849999.99' },
		byPillar: { prevention: '550000.00', participation: '550000.00', protection: '299999.99' }
	}),
	activitiesByPlan: { 'gep-2025-2027': 1, local: 1, 'nap-1325-2025-2027': 2 },
	activities: 4
};

export const sampleView: PlanView = {
	plan: {
		id: 1,
		municipalityId: 7,
		municipality: {
			nameKy: 'Ак-Турпак',
			nameRu: 'Ак-Турпак',
			nameEn: 'Ak-Turpak',
			soateCode: '41705258804000'
		},
		kind: 'gender_plan',
		title: 'Ак-Турпак айыл аймагынын гендердик планы',
		titleRu: '',
		periodStart: 2025,
		periodEnd: 2026,
		envelopes: [
			{ year: 2025, amount: '250000.00' },
			{ year: 2026, amount: '100000.00' }
		],
		rowVersion: 1,
		createdAt: new Date('2025-04-01T00:00:00Z'),
		updatedAt: new Date('2025-04-07T00:00:00Z')
	},
	sections: [
		// given out of order: renderers follow positions
		{
			id: 2,
			title: 'Тынчтык жана коопсуздук',
			titleRu: '',
			position: 1,
			rowVersion: 1,
			activities: [a4, a3]
		},
		{
			id: 1,
			title: 'Аялдардын экономикалык мүмкүнчүлүктөрү',
			titleRu: '',
			position: 0,
			rowVersion: 1,
			activities: [a1, a2]
		}
	],
	summary,
	planTitles: PLAN_TITLES
};

/** The title of the last activity of the large plan, for checking that a renderer reached the end. */
export const LARGE_PLAN_LAST_TITLE =
	'Акыркы иш-чара: Ак-Турпак айылындагы жаштар борборунун имаратын оңдоо жана жабдуу';
const SOURCES: Funding[] = [
	'local_budget',
	'republican_budget',
	'incentive_grant',
	'donor',
	'community_private',
	'unfunded'
];

/**
 * A plan of `count` activities in ten sections over 2025–2027, each with two indicators and a budget
 * line per year (every source and marker in turn), summed up by the plans domain's own `summarise`.
 * Used by the PDF test and the PDF benchmark.
 */
export function largePlanView(count: number): PlanView {
	const years = [2025, 2026, 2027];
	const sections: PlanView['sections'] = [];
	for (let s = 0; s < 10; s++)
		sections.push({
			id: 1000 + s,
			title: `Приоритеттүү багыт ${s + 1}: аялдардын жана жаштардын катышуусу`,
			titleRu: '',
			position: s,
			rowVersion: 1,
			activities: []
		});
	for (let i = 0; i < count; i++) {
		const id = 10_000 + i;
		// i < count, so the index is below sections.length
		const section = sections[Math.floor((i * sections.length) / count)]!;
		const title =
			i === count - 1
				? LARGE_PLAN_LAST_TITLE
				: `Иш-чара ${i + 1}: үй-бүлөлүк зомбулуктун алдын алуу, аялдардын ишкердигин колдоо жана жергиликтүү өз алдынча башкарууга катышуусун көңүлгө алуу`;
		section.activities.push(
			activity(id, section.id, section.activities.length, title, {
				provenance:
					i % 3 === 0
						? null
						: provenance(
								i % 2 ? 'gep-2025-2027' : 'nap-1325-2025-2027',
								`${(i % 5) + 1}.${(i % 7) + 1}.${(i % 4) + 1}`,
								['prevention']
							),
				responsible: 'Айыл өкмөтүнүн социалдык иштер боюнча адиси',
				startYear: 2025,
				startQuarter: (i % 4) + 1,
				endYear: 2027,
				endQuarter: 4,
				indicators: [
					indicator(id, 'Катышкан аялдардын саны', 'адам', String(i % 13), [
						[2025, '10'],
						[2026, '20'],
						[2027, '30']
					]),
					indicator(
						id,
						'Кызматтан пайдаланган үй-бүлөлөрдүн үлүшү',
						'%',
						'12.5',
						[
							[2025, '15'],
							[2026, '17.5'],
							[2027, '20']
						],
						'percent'
					)
				],
				budget: years.map((y, k) => {
					const amount = `${10_000 + ((i * 7919 + k * 104729) % 90_000)}.${String((i + k) % 100).padStart(2, '0')}`;
					const marker = ((i + k) % 3) as Marker;
					const share = marker === 2 ? '100' : marker === 1 ? '50' : '0';
					return line(
						id,
						y,
						amount,
						SOURCES[(i + k) % SOURCES.length]!,
						marker,
						share,
						shareOf(amount, share),
						{ donorName: 'ПРООН' }
					);
				})
			})
		);
	}
	const plan = {
		...sampleView.plan,
		periodStart: 2025,
		periodEnd: 2027,
		envelopes: [],
		title: 'Ак-Турпак айыл аймагынын 2025–2027-жылдарга иш-чаралар планы'
	};
	return {
		...sampleView,
		plan,
		sections,
		summary: summarise(
			plan,
			sections.flatMap((s) => s.activities)
		)
	};
}
