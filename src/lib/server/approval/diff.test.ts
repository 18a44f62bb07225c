import { describe, expect, it } from 'vitest';
import type {
	Activity,
	BudgetLine,
	Funding,
	Indicator,
	Marker,
	PlanView,
	Provenance,
	Section,
	YearSummary
} from '../plans/types';
import {
	defaultOriginOf,
	diffPlans,
	normaliseText,
	type PlanDiff,
	type TotalsChange
} from './diff';
import { emptyFigures } from '$lib/plans/indicators';
import {
	activity as sampleActivity,
	indicator as sampleIndicator,
	line as sampleLine,
	provenance as sampleProvenance
} from '../plans/sample-plan';

// ── a small builder ──────────────────────────────────────────────────────────

let nextId = 1;

// thin wrappers over the shared sample-plan builders: ids and activity ids are given by `section` below
const line = (
	year: number,
	amount: string,
	source: Funding,
	marker: Marker,
	genderShare: string,
	genderAmount: string,
	extra: Partial<BudgetLine> = {}
): BudgetLine => sampleLine(0, year, amount, source, marker, genderShare, genderAmount, extra);

const total = (value: string | null) => ({ ...emptyFigures(), total: value });
const indicator = (
	name: string,
	targets: [number, string][],
	extra: Partial<Indicator> = {}
): Indicator => ({
	...sampleIndicator(0, name, 'адам', '0', targets),
	dataSource: 'Айыл өкмөтүнүн эсеби',
	...extra
});

const provenance = (planKey: string, measureNumber: string): Provenance =>
	sampleProvenance(planKey, measureNumber, []);

const activity = (title: string, p: Partial<Activity> = {}): Activity =>
	sampleActivity(0, 0, 0, title, { responsible: 'Айыл өкмөтү', targetGroups: 'Аялдар', ...p });

/** A section: gives its activities ids and positions, and their lines and indicators the activity id. */
function section(title: string, position: number, activities: Activity[]): Section {
	const id = nextId++;
	return {
		id,
		title,
		titleRu: '',
		position,
		rowVersion: 1,
		activities: activities.map((a, i) => {
			const activityId = nextId++;
			return {
				...a,
				id: activityId,
				sectionId: id,
				position: i + 1,
				budget: a.budget.map((l) => ({ ...l, activityId })),
				indicators: a.indicators.map((ind) => ({ ...ind, activityId }))
			};
		})
	};
}

/** [total, genderAmount, unfunded] for a year, hand-written from the lines. */
type Totals = [string, string, string];

function yearSummary(year: number | 'total', [total, genderAmount, unfunded]: Totals): YearSummary {
	return {
		year,
		total,
		bySource: {},
		genderAmount,
		genderShare: '0.0',
		unfunded,
		envelope: null,
		overEnvelope: false,
		byPlan: {},
		byPillar: {}
	};
}

function view(
	sections: Section[],
	envelopes: [number, string][],
	years: Record<number, Totals>,
	total: Totals
): PlanView {
	return {
		plan: {
			id: nextId++,
			municipalityId: 7,
			municipality: {
				nameKy: 'Ак-Турпак',
				nameRu: 'Ак-Турпак',
				nameEn: 'Ak-Turpak',
				soateCode: '41705258804000'
			},
			kind: 'gender_plan',
			title: 'Ак-Турпак айыл аймагынын гендердик планы 2025–2027',
			titleRu: '',
			periodStart: 2025,
			periodEnd: 2027,
			envelopes: envelopes.map(([year, amount]) => ({ year, amount })),
			rowVersion: 1,
			createdAt: new Date('2025-04-07T00:00:00Z'),
			updatedAt: new Date('2025-04-07T00:00:00Z')
		},
		sections,
		summary: {
			years: Object.entries(years).map(([y, t]) => yearSummary(Number(y), t)),
			total: yearSummary('total', total),
			activitiesByPlan: {},
			activities: sections.reduce((n, s) => n + s.activities.length, 0)
		},
		planTitles: {}
	};
}

/** What starting a revision does: the same content under new database ids. */
function copy(v: PlanView): PlanView {
	const c = structuredClone(v);
	const offset = 10_000;
	c.plan.id += offset;
	for (const s of c.sections) {
		s.id += offset;
		for (const a of s.activities) {
			a.id += offset;
			a.sectionId = s.id;
			a.rowVersion = 1;
			for (const l of a.budget)
				Object.assign(l, { id: l.id + offset, activityId: a.id, rowVersion: 1 });
			for (const i of a.indicators)
				Object.assign(i, { id: i.id + offset, activityId: a.id, rowVersion: 1 });
		}
	}
	return c;
}

const find = (v: PlanView, title: string): Activity => {
	const a = v.sections.flatMap((s) => s.activities).find((x) => x.title === title);
	if (!a) throw new Error('no activity ' + title);
	return a;
};

const sectionOf = (v: PlanView, title: string): Section => {
	const s = v.sections.find((x) => x.title === title);
	if (!s) throw new Error('no section ' + title);
	return s;
};

const noChange = (
	year: number | 'total',
	[total, genderAmount, unfunded]: Totals
): TotalsChange => ({
	year,
	total: { before: total, after: total, difference: '0.00' },
	genderAmount: { before: genderAmount, after: genderAmount, difference: '0.00' },
	unfunded: { before: unfunded, after: unfunded, difference: '0.00' },
	changed: false
});

// ── the fixture: an approved plan ────────────────────────────────────────────

const SOCIAL = 'Социалдык коргоо';
const LOCAL = 'Жергиликтүү демилгелер';
const ADVICE = 'Аялдарга укуктук кеңеш берүү';
const CAMPAIGN = 'Үй-бүлөлүк зомбулукка каршы маалымат кампаниясы';
const PEACE = 'Тынчтык комитеттерин түзүү';
const YOUTH = 'Жаштар борборун ачуу';
const DEPUTIES = 'Аял депутаттар үчүн окутуу';

const APPROVED_YEARS: Record<number, Totals> = {
	2025: ['340000.00', '50000.00', '40000.00'],
	2026: ['380000.00', '340000.00', '0.00'],
	2027: ['0.00', '0.00', '0.00']
};
const APPROVED_TOTAL: Totals = ['720000.00', '390000.00', '40000.00'];

function approvedPlan(): PlanView {
	return view(
		[
			section(SOCIAL, 1, [
				activity(ADVICE, {
					provenance: provenance('gnap-2025', '1.1.1'),
					budget: [line(2025, '200000.00', 'local_budget', 0, '0', '0.00')],
					indicators: [indicator('Кеңеш алган аялдардын саны', [[2025, '50']])]
				}),
				activity(CAMPAIGN, {
					provenance: provenance('gnap-2025', '2.1.3'),
					reason: 'Кайрылуулар көбөйдү',
					budget: [
						line(2025, '100000.00', 'local_budget', 1, '50', '50000.00'),
						line(2026, '80000.00', 'republican_budget', 1, '50', '40000.00')
					],
					indicators: [
						indicator('Катышкан адамдардын саны', [
							[2025, '200'],
							[2026, '300']
						])
					]
				}),
				activity(PEACE, {
					provenance: provenance('nap-1325-v', '2.1'),
					budget: [
						line(2026, '300000.00', 'donor', 2, '100', '300000.00', {
							donorName: 'UN Women',
							justification: 'Аялдардын лидерлиги'
						})
					],
					indicators: [indicator('Комитеттеги аялдардын саны', [[2026, '12']])]
				})
			]),
			section(LOCAL, 2, [
				activity(YOUTH, {
					partners: 'Жаштар комитети',
					budget: [line(2025, '40000.00', 'unfunded', 0, '0', '0.00')]
				})
			])
		],
		[
			[2025, '1000000.00'],
			[2026, '1000000.00'],
			[2027, '1100000.00']
		],
		APPROVED_YEARS,
		APPROVED_TOTAL
	);
}

/** The revision the tests compare: wording and money changed, one activity dropped, one added. */
function revisedPlan(approved: PlanView): PlanView {
	const r = copy(approved);
	const social = sectionOf(r, SOCIAL);

	const campaign = find(r, CAMPAIGN);
	campaign.reason = 'Кайрылуулар 2024-жылы эки эсе көбөйдү';
	Object.assign(campaign.budget[0]!, {
		amount: '75000.50',
		marker: 2,
		genderShare: '100',
		genderAmount: '75000.50',
		justification: 'Аялдарга багытталган'
	});
	campaign.indicators[0]!.targets[1]!.total = '350';

	social.activities = social.activities.filter((a) => a.title !== PEACE);
	const added = section('tmp', 0, [
		activity(DEPUTIES, {
			provenance: provenance('nap-1325-v', '1.2'),
			budget: [line(2027, '50000.00', 'republican_budget', 1, '30', '15000.00')],
			indicators: [indicator('Окутулган аял депутаттар', [[2027, '10']])]
		})
	]).activities[0]!;
	social.activities.push({ ...added, sectionId: social.id, position: 4 });

	const youth = find(r, YOUTH);
	youth.partners = 'Жаштар комитети, №2 мектеп';
	youth.budget.push(
		line(2027, '20000.00', 'community_private', 0, '0', '0.00', { activityId: youth.id })
	);

	r.plan.envelopes[1]!.amount = '1200000.00';
	r.summary = view(
		[],
		[],
		{
			2025: ['315000.50', '75000.50', '40000.00'],
			2026: ['80000.00', '40000.00', '0.00'],
			2027: ['70000.00', '15000.00', '0.00']
		},
		['465000.50', '130000.50', '40000.00']
	).summary;
	return r;
}

// ── tests ────────────────────────────────────────────────────────────────────

describe('diffPlans', () => {
	it('shows what a revision changed: wording, money, markers, indicators, envelopes, totals', () => {
		const approved = approvedPlan();
		const revision = revisedPlan(approved);
		const diff = diffPlans(approved, revision);

		const a = (title: string) => find(approved, title);
		const r = (title: string) => find(revision, title);

		const expected: PlanDiff = {
			hasChanges: true,
			plan: {
				title: null,
				titleRu: null,
				kind: null,
				period: null,
				envelopes: [
					{ year: 2026, before: '1000000.00', after: '1200000.00', difference: '200000.00' }
				]
			},
			activities: {
				added: [
					{
						origin: 'nap-1325-v.m1.2',
						sectionTitle: SOCIAL,
						sectionTitleRu: '',
						activity: r(DEPUTIES)
					}
				],
				removed: [
					{
						origin: 'nap-1325-v.m2.1',
						sectionTitle: SOCIAL,
						sectionTitleRu: '',
						activity: a(PEACE)
					}
				],
				changed: [
					{
						origin: 'gnap-2025.m2.1.3',
						approvedId: a(CAMPAIGN).id,
						revisionId: r(CAMPAIGN).id,
						title: CAMPAIGN,
						titleRu: '',
						sectionTitle: SOCIAL,
						sectionTitleRu: '',
						measure: {
							measureStableId: 'gnap-2025.m2.1.3',
							measureNumber: '2.1.3',
							planKey: 'gnap-2025'
						},
						fields: [
							{
								field: 'reason',
								before: 'Кайрылуулар көбөйдү',
								after: 'Кайрылуулар 2024-жылы эки эсе көбөйдү'
							}
						],
						budget: {
							added: [],
							removed: [],
							changed: [
								{
									key: { year: 2025, source: 'local_budget', donorName: '' },
									changed: ['amount', 'marker', 'genderShare', 'genderAmount', 'justification'],
									amount: { before: '100000.00', after: '75000.50', difference: '-24999.50' },
									genderAmount: { before: '50000.00', after: '75000.50', difference: '25000.50' },
									marker: { before: 1, after: 2 },
									source: { before: 'local_budget', after: 'local_budget' },
									genderShare: { before: '50', after: '100' },
									before: a(CAMPAIGN).budget[0]!,
									after: r(CAMPAIGN).budget[0]!
								}
							]
						},
						indicators: {
							added: [],
							removed: [],
							changed: [
								{
									name: 'Катышкан адамдардын саны',
									approvedId: a(CAMPAIGN).indicators[0]!.id,
									revisionId: r(CAMPAIGN).indicators[0]!.id,
									fields: [],
									targets: [{ year: 2026, before: '300', after: '350' }]
								}
							]
						}
					},
					{
						origin: 'local:жаштар борборун ачуу',
						approvedId: a(YOUTH).id,
						revisionId: r(YOUTH).id,
						title: YOUTH,
						titleRu: '',
						sectionTitle: LOCAL,
						sectionTitleRu: '',
						measure: null,
						fields: [
							{ field: 'partners', before: 'Жаштар комитети', after: 'Жаштар комитети, №2 мектеп' }
						],
						budget: { added: [r(YOUTH).budget[1]!], removed: [], changed: [] },
						indicators: { added: [], removed: [], changed: [] }
					}
				],
				unchanged: 1
			},
			totals: {
				years: [
					{
						year: 2025,
						total: { before: '340000.00', after: '315000.50', difference: '-24999.50' },
						genderAmount: { before: '50000.00', after: '75000.50', difference: '25000.50' },
						unfunded: { before: '40000.00', after: '40000.00', difference: '0.00' },
						changed: true
					},
					{
						year: 2026,
						total: { before: '380000.00', after: '80000.00', difference: '-300000.00' },
						genderAmount: { before: '340000.00', after: '40000.00', difference: '-300000.00' },
						unfunded: { before: '0.00', after: '0.00', difference: '0.00' },
						changed: true
					},
					{
						year: 2027,
						total: { before: '0.00', after: '70000.00', difference: '70000.00' },
						genderAmount: { before: '0.00', after: '15000.00', difference: '15000.00' },
						unfunded: { before: '0.00', after: '0.00', difference: '0.00' },
						changed: true
					}
				],
				total: {
					year: 'total',
					total: { before: '720000.00', after: '465000.50', difference: '-254999.50' },
					genderAmount: { before: '390000.00', after: '130000.50', difference: '-259999.50' },
					unfunded: { before: '40000.00', after: '40000.00', difference: '0.00' },
					changed: true
				}
			}
		};
		expect(diff).toEqual(expected);
	});

	it('does not modify either view', () => {
		const approved = approvedPlan();
		const revision = revisedPlan(approved);
		const before = [structuredClone(approved), structuredClone(revision)];
		diffPlans(approved, revision);
		expect([approved, revision]).toEqual(before);
	});

	it('finds no changes in an unchanged copy', () => {
		const approved = approvedPlan();
		const diff = diffPlans(approved, copy(approved));
		expect(diff).toEqual({
			hasChanges: false,
			plan: { title: null, titleRu: null, kind: null, period: null, envelopes: [] },
			activities: { added: [], removed: [], changed: [], unchanged: 4 },
			totals: {
				years: [2025, 2026, 2027].map((y) => noChange(y, APPROVED_YEARS[y]!)),
				total: noChange('total', APPROVED_TOTAL)
			}
		} satisfies PlanDiff);
	});

	it('ignores order and positions; a moved activity shows only its new section', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const social = sectionOf(revision, SOCIAL);
		const local = sectionOf(revision, LOCAL);
		// sections swapped, activities and lines reordered
		social.position = 2;
		local.position = 1;
		revision.sections.reverse();
		social.activities.reverse();
		social.activities.forEach((x, i) => (x.position = i + 1));
		find(revision, CAMPAIGN).budget.reverse();
		// the advice activity moves to the local section, at its top
		const advice = find(revision, ADVICE);
		social.activities = social.activities.filter((x) => x !== advice);
		local.activities.unshift({ ...advice, sectionId: local.id, position: 0 });

		const diff = diffPlans(approved, revision);
		expect(diff.hasChanges).toBe(true);
		expect(diff.activities).toEqual({
			added: [],
			removed: [],
			changed: [
				{
					origin: 'gnap-2025.m1.1.1',
					approvedId: find(approved, ADVICE).id,
					revisionId: advice.id,
					title: ADVICE,
					titleRu: '',
					sectionTitle: LOCAL,
					sectionTitleRu: '',
					measure: {
						measureStableId: 'gnap-2025.m1.1.1',
						measureNumber: '1.1.1',
						planKey: 'gnap-2025'
					},
					fields: [{ field: 'section', before: SOCIAL, after: LOCAL }],
					budget: { added: [], removed: [], changed: [] },
					indicators: { added: [], removed: [], changed: [] }
				}
			],
			unchanged: 3
		});
		expect(diff.plan).toEqual({
			title: null,
			titleRu: null,
			kind: null,
			period: null,
			envelopes: []
		});
	});

	it('a Russian wording added or changed in a revision is a change; a snapshot without Russian wordings reads them as empty', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		// the approved plan was frozen before plans had Russian wordings
		for (const s of approved.sections)
			for (const a of s.activities) delete (a as Partial<Activity>).titleRu;
		delete (approved.plan as Partial<PlanView['plan']>).titleRu;
		find(revision, ADVICE).titleRu = 'Правовые консультации для женщин';
		sectionOf(revision, LOCAL).titleRu = 'Местные инициативы';
		revision.plan.titleRu = 'Гендерный план Ак-Турпака на 2025–2027 годы';
		const diff = diffPlans(approved, revision);
		expect(diff.plan.titleRu).toEqual({
			before: '',
			after: 'Гендерный план Ак-Турпака на 2025–2027 годы'
		});
		const advice = diff.activities.changed.find((c) => c.title === ADVICE)!;
		expect(advice.titleRu).toBe('Правовые консультации для женщин');
		expect(advice.fields).toEqual([
			{ field: 'titleRu', before: '', after: 'Правовые консультации для женщин' }
		]);
		const youth = diff.activities.changed.find((c) => c.title === YOUTH)!;
		expect(youth.fields).toEqual([{ field: 'sectionRu', before: '', after: 'Местные инициативы' }]);
		expect(diff.activities.unchanged).toBe(2);
	});

	it('a local activity worded only in Russian is matched by its Russian wording', () => {
		const approved = approvedPlan();
		const local = sectionOf(approved, LOCAL);
		local.activities.push({
			...activity('', { titleRu: 'Уличное освещение' }),
			id: 999,
			sectionId: local.id,
			position: 9
		});
		const revision = copy(approved);
		find(revision, '').responsible = 'Мектеп';
		const diff = diffPlans(approved, revision);
		expect(diff.activities.added).toEqual([]);
		expect(diff.activities.changed.map((c) => [c.origin, c.titleRu])).toEqual([
			['local:уличное освещение', 'Уличное освещение']
		]);
	});

	it('lists added, removed and changed activities in reading order', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const local = sectionOf(revision, LOCAL);
		// two new activities at the top of the first section read, an edit in each section
		local.position = 0;
		local.activities.unshift(
			...section('x', 0, [activity('Б'), activity('А')]).activities.map((x, i) => ({
				...x,
				sectionId: local.id,
				position: -2 + i
			}))
		);
		find(revision, YOUTH).responsible = 'Мектеп';
		find(revision, ADVICE).responsible = 'Социалдык педагог';
		const diff = diffPlans(approved, revision);
		expect(diff.activities.added.map((x) => x.activity.title)).toEqual(['Б', 'А']);
		expect(diff.activities.changed.map((x) => x.title)).toEqual([YOUTH, ADVICE]);
	});

	it('compares numbers as numbers, not as their spelling', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const campaign = find(revision, CAMPAIGN);
		Object.assign(campaign.budget[0]!, {
			amount: '100000',
			genderShare: '50.00',
			genderAmount: '50000.0'
		});
		campaign.indicators[0]!.baseline.total = '0.00';
		campaign.indicators[0]!.targets[0]!.total = '200.0';
		revision.plan.envelopes[0]!.amount = '1000000';
		revision.summary.years[0]!.total = '340000';
		expect(diffPlans(approved, revision).hasChanges).toBe(false);
	});

	it('reports timeline, title and section changes with before and after', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const advice = find(revision, ADVICE);
		Object.assign(advice, {
			title: 'Аялдарга акысыз укуктук кеңеш берүү',
			targetGroups: 'Аялдар, кыздар',
			endYear: 2027,
			endQuarter: 2
		});
		sectionOf(revision, SOCIAL).title = 'Социалдык коргоо жана укук';
		const change = diffPlans(approved, revision).activities.changed.find(
			(c) => c.revisionId === advice.id
		);
		expect(change?.fields).toEqual([
			{ field: 'title', before: ADVICE, after: 'Аялдарга акысыз укуктук кеңеш берүү' },
			{ field: 'targetGroups', before: 'Аялдар', after: 'Аялдар, кыздар' },
			{
				field: 'timeline',
				before: { startYear: 2025, startQuarter: 1, endYear: 2026, endQuarter: 4 },
				after: { startYear: 2025, startQuarter: 1, endYear: 2027, endQuarter: 2 }
			},
			{ field: 'section', before: SOCIAL, after: 'Социалдык коргоо жана укук' }
		]);
	});

	it('matches a local-only activity by normalised title by default, and by the caller’s origin key when given', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const youth = find(revision, YOUTH);

		// spelling of case and spaces only: still the same activity, the title change is shown
		youth.title = '  ЖАШТАР  борборун ачуу';
		expect(normaliseText(youth.title)).toBe('жаштар борборун ачуу');
		let diff = diffPlans(approved, revision);
		expect(diff.activities.changed.map((c) => [c.origin, c.fields])).toEqual([
			[
				'local:жаштар борборун ачуу',
				[{ field: 'title', before: YOUTH, after: '  ЖАШТАР  борборун ачуу' }]
			]
		]);

		// renamed: by title it is one removed and one added …
		youth.title = 'Жаштар үйүн ачуу';
		diff = diffPlans(approved, revision);
		expect(diff.activities.removed.map((x) => x.activity.title)).toEqual([YOUTH]);
		expect(diff.activities.added.map((x) => x.activity.title)).toEqual(['Жаштар үйүн ачуу']);

		// … by a copied-from column it is one renamed activity
		const copiedFrom = new Map(
			revision.sections.flatMap((s) => s.activities).map((x) => [x.id, x.id - 10_000])
		);
		const originOf = (x: Activity, side: 'approved' | 'revision') =>
			x.provenance?.measureStableId ?? `copy:${side === 'approved' ? x.id : copiedFrom.get(x.id)}`;
		diff = diffPlans(approved, revision, { originOf });
		expect(diff.activities.added).toEqual([]);
		expect(diff.activities.removed).toEqual([]);
		expect(diff.activities.changed).toHaveLength(1);
		expect(diff.activities.changed[0]).toMatchObject({
			origin: `copy:${find(approved, YOUTH).id}`,
			approvedId: find(approved, YOUTH).id,
			revisionId: youth.id,
			title: 'Жаштар үйүн ачуу',
			fields: [{ field: 'title', before: YOUTH, after: 'Жаштар үйүн ачуу' }]
		});

		// an activity whose origin is unknown matches nothing
		diff = diffPlans(approved, revision, {
			originOf: (x, side) => (side === 'revision' && x.id === youth.id ? null : defaultOriginOf(x))
		});
		expect(diff.activities.removed.map((x) => x.origin)).toEqual(['local:жаштар борборун ачуу']);
		expect(diff.activities.added.map((x) => x.origin)).toEqual([null]);
	});

	it('shows a change of national measure when the caller matches by copied-from', () => {
		const approved = approvedPlan();
		const revision = copy(approved);
		const advice = find(revision, ADVICE);
		advice.provenance = provenance('gnap-2025', '1.1.2');
		const diff = diffPlans(approved, revision, {
			originOf: (x, side) => `copy:${side === 'approved' ? x.id : x.id - 10_000}`
		});
		expect(diff.activities.changed.map((c) => c.fields)).toEqual([
			[
				{
					field: 'measure',
					before: {
						measureStableId: 'gnap-2025.m1.1.1',
						measureNumber: '1.1.1',
						planKey: 'gnap-2025'
					},
					after: {
						measureStableId: 'gnap-2025.m1.1.2',
						measureNumber: '1.1.2',
						planKey: 'gnap-2025'
					}
				}
			]
		]);
	});

	describe('budget lines', () => {
		function withLines(approvedLines: BudgetLine[], revisionLines: BudgetLine[]) {
			const approved = approvedPlan();
			const revision = copy(approved);
			find(approved, CAMPAIGN).budget = approvedLines;
			find(revision, CAMPAIGN).budget = revisionLines;
			const change = diffPlans(approved, revision).activities.changed.find(
				(c) => c.title === CAMPAIGN
			);
			return change?.budget;
		}

		it('matches by year, source and donor; a different key is a removed and an added line', () => {
			const a1 = line(2025, '100000.00', 'local_budget', 0, '0', '0.00');
			const a2 = line(2026, '50000.00', 'donor', 0, '0', '0.00', { donorName: 'GIZ' });
			const r1 = line(2025, '100000.00', 'republican_budget', 0, '0', '0.00');
			const r2 = line(2026, '50000.00', 'donor', 0, '0', '0.00', { donorName: 'UNDP' });
			expect(withLines([a1, a2], [r1, r2])).toEqual({
				added: [r1, r2],
				removed: [a1, a2],
				changed: []
			});
		});

		it('a donor spelled differently is the same line with its donor name changed', () => {
			const a1 = line(2026, '50000.00', 'donor', 0, '0', '0.00', { donorName: 'UN Women' });
			const r1 = line(2026, '50000.00', 'donor', 0, '0', '0.00', { donorName: 'UN  WOMEN' });
			const budget = withLines([a1], [r1]);
			expect(budget?.changed.map((c) => [c.key, c.changed])).toEqual([
				[{ year: 2026, source: 'donor', donorName: 'UN  WOMEN' }, ['donorName']]
			]);
		});

		it('among lines of one key, a deleted line shows as removed, not as the other one changed', () => {
			const a1 = line(2025, '100000.00', 'local_budget', 0, '0', '0.00');
			const a2 = line(2025, '30000.00', 'local_budget', 0, '0', '0.00');
			const r2 = line(2025, '30000.00', 'local_budget', 0, '0', '0.00');
			expect(withLines([a1, a2], [r2])).toEqual({ added: [], removed: [a1], changed: [] });
		});

		it('among lines of one key, changed lines pair in order', () => {
			const a1 = line(2025, '100000.00', 'local_budget', 0, '0', '0.00');
			const a2 = line(2025, '30000.00', 'local_budget', 0, '0', '0.00');
			const r1 = line(2025, '90000.00', 'local_budget', 0, '0', '0.00');
			const r2 = line(2025, '35000.00', 'local_budget', 0, '0', '0.00', { beneficiariesWomen: 40 });
			const r3 = line(2025, '5000.00', 'local_budget', 0, '0', '0.00');
			const budget = withLines([a1, a2], [r1, r2, r3]);
			expect(budget?.added).toEqual([r3]);
			expect(budget?.removed).toEqual([]);
			expect(budget?.changed.map((c) => [c.amount, c.changed])).toEqual([
				[{ before: '100000.00', after: '90000.00', difference: '-10000.00' }, ['amount']],
				[
					{ before: '30000.00', after: '35000.00', difference: '5000.00' },
					['amount', 'beneficiariesWomen']
				]
			]);
		});
	});

	describe('indicators', () => {
		it('matches by normalised name and reports each field and target', () => {
			const approved = approvedPlan();
			const revision = copy(approved);
			const ind = find(revision, CAMPAIGN).indicators[0]!;
			Object.assign(ind, {
				name: 'катышкан адамдардын  саны',
				unit: 'киши',
				baseline: total('120'),
				bySex: false,
				byAge: true
			});
			ind.targets = [
				{ year: 2026, ...total('300') },
				{ year: 2027, ...total('400') }
			];
			const extra = indicator('Маалымат алган үй-бүлөлөр', [[2026, '80']], {
				activityId: find(revision, CAMPAIGN).id
			});
			find(revision, CAMPAIGN).indicators.push(extra);
			find(revision, ADVICE).indicators = [];

			const diff = diffPlans(approved, revision);
			const campaign = diff.activities.changed.find((c) => c.title === CAMPAIGN);
			expect(campaign?.indicators).toEqual({
				added: [extra],
				removed: [],
				changed: [
					{
						name: 'катышкан адамдардын  саны',
						approvedId: find(approved, CAMPAIGN).indicators[0]!.id,
						revisionId: ind.id,
						fields: [
							{
								field: 'name',
								before: 'Катышкан адамдардын саны',
								after: 'катышкан адамдардын  саны'
							},
							{ field: 'unit', before: 'адам', after: 'киши' },
							{ field: 'baseline', before: '0', after: '120' },
							{ field: 'bySex', before: true, after: false },
							{ field: 'byAge', before: false, after: true }
						],
						targets: [
							{ year: 2025, before: '200', after: null },
							{ year: 2027, before: null, after: '400' }
						]
					}
				]
			});
			const advice = diff.activities.changed.find((c) => c.title === ADVICE);
			expect(advice?.indicators).toEqual({
				added: [],
				removed: find(approved, ADVICE).indicators,
				changed: []
			});
			expect(advice?.fields).toEqual([]);
		});

		it("a changed women's or men's target is reported with its sex, even when the total stays", () => {
			const approved = approvedPlan();
			const [before] = find(approved, CAMPAIGN).indicators;
			before!.targets = [
				{ year: 2026, ...total('300'), derived: true, female: '180', male: '120' }
			];
			const revision = copy(approved);
			const [ind] = find(revision, CAMPAIGN).indicators;
			ind!.targets = [{ year: 2026, ...total('300'), derived: true, female: '150', male: '150' }];
			const change = diffPlans(approved, revision).activities.changed.find(
				(c) => c.title === CAMPAIGN
			)?.indicators.changed[0];
			expect(change?.targets).toEqual([
				{ year: 2026, sex: 'female', before: '180', after: '150' },
				{ year: 2026, sex: 'male', before: '120', after: '150' }
			]);
		});
	});

	describe('plan level', () => {
		it('reports title, kind, period and envelopes, a missing envelope counting as zero', () => {
			const approved = approvedPlan();
			const revision = copy(approved);
			Object.assign(revision.plan, { title: 'Жаңы аталыш', kind: 'wps_plan', periodEnd: 2028 });
			revision.plan.envelopes = [
				{ year: 2025, amount: '1000000.00' },
				{ year: 2026, amount: '950000.25' },
				{ year: 2028, amount: '1300000.00' }
			];
			const diff = diffPlans(approved, revision);
			expect(diff.hasChanges).toBe(true);
			expect(diff.plan).toEqual({
				title: {
					before: 'Ак-Турпак айыл аймагынын гендердик планы 2025–2027',
					after: 'Жаңы аталыш'
				},
				titleRu: null,
				kind: { before: 'gender_plan', after: 'wps_plan' },
				period: { before: { start: 2025, end: 2027 }, after: { start: 2025, end: 2028 } },
				envelopes: [
					{ year: 2026, before: '1000000.00', after: '950000.25', difference: '-49999.75' },
					{ year: 2027, before: '1100000.00', after: null, difference: '-1100000.00' },
					{ year: 2028, before: null, after: '1300000.00', difference: '1300000.00' }
				]
			});
			expect(diff.activities).toEqual({ added: [], removed: [], changed: [], unchanged: 4 });
		});

		it('fills the totals table for a year only one summary has', () => {
			const approved = approvedPlan();
			const revision = copy(approved);
			revision.summary.years.push(yearSummary(2028, ['10000.00', '0.00', '10000.00']));
			const diff = diffPlans(approved, revision);
			expect(diff.totals.years.map((y) => y.year)).toEqual([2025, 2026, 2027, 2028]);
			expect(diff.totals.years[3]).toEqual({
				year: 2028,
				total: { before: '0.00', after: '10000.00', difference: '10000.00' },
				genderAmount: { before: '0.00', after: '0.00', difference: '0.00' },
				unfunded: { before: '0.00', after: '10000.00', difference: '10000.00' },
				changed: true
			});
			expect(diff.hasChanges).toBe(true);
		});
	});
});
