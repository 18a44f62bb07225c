/**
 * A local plan as a spreadsheet (DESIGN.md §2.2–2.3, §2.5): the action table in the layout of the
 * national plans, its budget lines and the gender budget summary, as one XLSX workbook, and the
 * action table alone as CSV. Pure: a `PlanView` in, bytes or text out; nothing is read or written.
 *
 * Money stays exact. Amounts are decimal strings; every sum here is taken in integer tyiyn with
 * BigInt, and only the finished figure becomes a spreadsheet number (XLSX) or a "1250000.00"
 * string (CSV).
 */
import ExcelJS from 'exceljs';
import { addXlsxRow, writeCsv } from '../sheet';
import {
	FUNDING,
	type Activity,
	type Amounts,
	type BudgetLine,
	type Funding,
	type Indicator,
	type Marker,
	type PlanView,
	type Section,
	type YearSummary
} from './types';

export type ExportLocale = 'ky' | 'ru' | 'en';

export const WPS_PILLARS = [
	'prevention',
	'participation',
	'protection',
	'relief_recovery'
] as const;
export type WpsPillar = (typeof WPS_PILLARS)[number];

/** Every word the exports print. `{year}`, `{roman}` and `{n}` are filled in by the renderer. */
export interface ExportLabels {
	sheets: { plan: string; budget: string; summary: string };
	plan: {
		no: string;
		measure: string;
		activity: string;
		baseline: string;
		indicator: string;
		deadline: string;
		expectedResult: string;
		responsible: string;
		partners: string;
		targetGroups: string;
		/** header of a year's money column: "{year}" */
		yearAmount: string;
		total: string;
		genderTotal: string;
		markers: string;
		sources: string;
		totalRow: string;
	};
	budget: {
		no: string;
		activity: string;
		year: string;
		amount: string;
		source: string;
		donor: string;
		classificationCode: string;
		marker: string;
		genderShare: string;
		genderAmount: string;
		justification: string;
		women: string;
		men: string;
		girls: string;
		boys: string;
		totalRow: string;
	};
	summary: {
		item: string;
		/** header of a year column: "{year}" */
		year: string;
		total: string;
		bySource: string;
		totalAmount: string;
		genderAmount: string;
		genderShare: string;
		unfunded: string;
		envelope: string;
		overEnvelope: string;
		byPlan: string;
		byPillar: string;
		activitiesByPlan: string;
		count: string;
		activitiesTotal: string;
		/** the OECD DAC marker is the workbench's own method */
		markerNote: string;
		markerLegend: string;
	};
	/** "{year}" alone, and "{year}" with its quarter ("{roman}" II, "{n}" 2) */
	deadline: { year: string; quarter: string };
	sources: Record<Funding, string>;
	pillars: Record<WpsPillar, string>;
	markers: Record<Marker, string>;
	/** the national-measure cell of an activity without a national source */
	localOnly: string;
	/** short names of the kinds of national plan, for the measure column */
	planKinds: Record<'gender_nap' | 'nap_1325' | 'other', string>;
	/** local-only activities as a group, in the by-plan figures */
	localPlan: string;
	yes: string;
	no: string;
}

export const EXPORT_LABELS: Record<ExportLocale, ExportLabels> = {
	ky: {
		sheets: { plan: 'План', budget: 'Бюджет', summary: 'Жыйынтык' },
		plan: {
			no: '№',
			measure: 'Улуттук пландын чарасы',
			activity: 'Иш-чара',
			baseline: 'Баштапкы маалымат',
			indicator: 'Көрсөткүч',
			deadline: 'Аткаруу мөөнөтү',
			expectedResult: 'Күтүлүүчү натыйжа',
			responsible: 'Жооптуу аткаруучу',
			partners: 'Өнөктөштөр',
			targetGroups: 'Максаттуу топтор',
			yearAmount: '{year}-ж., сом',
			total: 'Баары, сом',
			genderTotal: 'Анын ичинде гендердик максаттуу, сом',
			markers: 'Гендердик маркер',
			sources: 'Каржылоо булагы',
			totalRow: 'Баары'
		},
		budget: {
			no: '№',
			activity: 'Иш-чара',
			year: 'Жыл',
			amount: 'Сумма, сом',
			source: 'Каржылоо булагы',
			donor: 'Донор',
			classificationCode: 'Бюджеттик классификациянын коду',
			marker: 'Гендердик маркер',
			genderShare: 'Гендердик үлүш, %',
			genderAmount: 'Гендердик максаттуу сумма, сом',
			justification: 'Негиздеме',
			women: 'Пайда алуучулар: аялдар',
			men: 'Пайда алуучулар: эркектер',
			girls: 'Пайда алуучулар: кыздар',
			boys: 'Пайда алуучулар: уул балдар',
			totalRow: 'Баары'
		},
		summary: {
			item: 'Аталышы',
			year: '{year}-ж.',
			total: 'Баары',
			bySource: 'Каржылоо булактары боюнча, сом',
			totalAmount: 'Баары, сом',
			genderAmount: 'Гендердик максаттуу сумма, сом',
			genderShare: 'Гендердик максаттуу үлүш, %',
			unfunded: 'Каржыланбаган сумма (каржылоо тартыштыгы), сом',
			envelope: 'Кеңеш белгилеген жергиликтүү бюджеттин лимити, сом',
			overEnvelope: 'Лимиттен ашып кеттиби',
			byPlan: 'Улуттук пландар боюнча, сом',
			byPillar: '«Аялдар, тынчтык жана коопсуздук» багыттары боюнча, сом',
			activitiesByPlan: 'Пландар боюнча иш-чаралардын саны',
			count: 'Саны',
			activitiesTotal: 'Бардык иш-чаралар',
			markerNote:
				'Гендердик маркер (0, 1, 2) Экономикалык кызматташтык жана өнүгүү уюмунун (ЭКӨУ) Өнүгүүгө жардам көрсөтүү комитетинин методикасы боюнча коюлат. Кыргыз Республикасынын бюджеттик классификациясында гендердик белги жок: маркер — Айыл План системасынын өз ыкмасы, расмий бюджеттик классификация эмес.',
			markerLegend: 'Гендердик маркер'
		},
		deadline: { year: '{year}-ж.', quarter: '{year}-ж. {roman} чейрек' },
		sources: {
			local_budget: 'Жергиликтүү бюджет',
			republican_budget: 'Республикалык бюджет (категориялык грант)',
			incentive_grant: 'Стимулдаштыруучу грант',
			donor: 'Донор',
			community_private: 'Жамаат / жеке каражат',
			unfunded: 'Каржыланбаган'
		},
		pillars: {
			prevention: 'Алдын алуу',
			participation: 'Катышуу',
			protection: 'Коргоо',
			relief_recovery: 'Жардам жана калыбына келтирүү'
		},
		markers: {
			0: 'гендердик теңчиликке багытталган эмес',
			1: 'гендердик теңчилик — маанилүү максат',
			2: 'гендердик теңчилик — негизги максат'
		},
		localOnly: 'Жергиликтүү иш-чара',
		planKinds: { gender_nap: 'Гендердик ИУП', nap_1325: '1325 ИУП', other: 'План' },
		localPlan: 'Жергиликтүү иш-чаралар (улуттук булагы жок)',
		yes: 'Ооба',
		no: 'Жок'
	},
	ru: {
		sheets: { plan: 'План', budget: 'Бюджет', summary: 'Итоги' },
		plan: {
			no: '№',
			measure: 'Мера национального плана',
			activity: 'Мероприятие',
			baseline: 'Исходные данные',
			indicator: 'Индикатор',
			deadline: 'Срок исполнения',
			expectedResult: 'Ожидаемый результат',
			responsible: 'Ответственный исполнитель',
			partners: 'Партнеры',
			targetGroups: 'Целевые группы',
			yearAmount: '{year} г., сом',
			total: 'Всего, сом',
			genderTotal: 'В том числе гендерно-целевые, сом',
			markers: 'Гендерный маркер',
			sources: 'Источник финансирования',
			totalRow: 'Итого'
		},
		budget: {
			no: '№',
			activity: 'Мероприятие',
			year: 'Год',
			amount: 'Сумма, сом',
			source: 'Источник финансирования',
			donor: 'Донор',
			classificationCode: 'Код бюджетной классификации',
			marker: 'Гендерный маркер',
			genderShare: 'Гендерная доля, %',
			genderAmount: 'Гендерно-целевая сумма, сом',
			justification: 'Обоснование',
			women: 'Получатели: женщины',
			men: 'Получатели: мужчины',
			girls: 'Получатели: девочки',
			boys: 'Получатели: мальчики',
			totalRow: 'Итого'
		},
		summary: {
			item: 'Показатель',
			year: '{year} г.',
			total: 'Всего',
			bySource: 'По источникам финансирования, сом',
			totalAmount: 'Всего, сом',
			genderAmount: 'Гендерно-целевая сумма, сом',
			genderShare: 'Доля гендерно-целевых средств, %',
			unfunded: 'Не профинансировано (дефицит финансирования), сом',
			envelope: 'Лимит местного бюджета, установленный кенешем, сом',
			overEnvelope: 'Лимит превышен',
			byPlan: 'По национальным планам, сом',
			byPillar: 'По направлениям «Женщины, мир и безопасность», сом',
			activitiesByPlan: 'Количество мероприятий по планам',
			count: 'Количество',
			activitiesTotal: 'Всего мероприятий',
			markerNote:
				'Гендерный маркер (0, 1, 2) присваивается по методике Комитета содействия развитию Организации экономического сотрудничества и развития (ОЭСР). В бюджетной классификации Кыргызской Республики гендерной отметки нет: маркер — собственный метод этой системы, а не официальная бюджетная классификация.',
			markerLegend: 'Гендерный маркер'
		},
		deadline: { year: '{year} г.', quarter: '{roman} кв. {year}' },
		sources: {
			local_budget: 'Местный бюджет',
			republican_budget: 'Республиканский бюджет (категориальный грант)',
			incentive_grant: 'Стимулирующий грант',
			donor: 'Донор',
			community_private: 'Сообщество / частные средства',
			unfunded: 'Не профинансировано'
		},
		pillars: {
			prevention: 'Предотвращение',
			participation: 'Участие',
			protection: 'Защита',
			relief_recovery: 'Помощь и восстановление'
		},
		markers: {
			0: 'не направлено на гендерное равенство',
			1: 'гендерное равенство — значимая цель',
			2: 'гендерное равенство — основная цель'
		},
		localOnly: 'Местное мероприятие',
		planKinds: { gender_nap: 'НПД по гендеру', nap_1325: 'НПД 1325', other: 'План' },
		localPlan: 'Местные мероприятия (без национального источника)',
		yes: 'Да',
		no: 'Нет'
	},
	en: {
		sheets: { plan: 'Plan', budget: 'Budget', summary: 'Summary' },
		plan: {
			no: 'No',
			measure: 'National measure',
			activity: 'Activity',
			baseline: 'Baseline',
			indicator: 'Indicator',
			deadline: 'Deadline',
			expectedResult: 'Expected result',
			responsible: 'Responsible',
			partners: 'Partners',
			targetGroups: 'Target groups',
			yearAmount: '{year}, som',
			total: 'Total, som',
			genderTotal: 'Of which gender-targeted, som',
			markers: 'Gender marker',
			sources: 'Funding source',
			totalRow: 'Total'
		},
		budget: {
			no: 'No',
			activity: 'Activity',
			year: 'Year',
			amount: 'Amount, som',
			source: 'Funding source',
			donor: 'Donor',
			classificationCode: 'Budget classification code',
			marker: 'Gender marker',
			genderShare: 'Gender share, %',
			genderAmount: 'Gender-targeted amount, som',
			justification: 'Justification',
			women: 'Beneficiaries: women',
			men: 'Beneficiaries: men',
			girls: 'Beneficiaries: girls',
			boys: 'Beneficiaries: boys',
			totalRow: 'Total'
		},
		summary: {
			item: 'Item',
			year: '{year}',
			total: 'Total',
			bySource: 'By funding source, som',
			totalAmount: 'Total, som',
			genderAmount: 'Gender-targeted amount, som',
			genderShare: 'Gender-targeted share, %',
			unfunded: 'Unfunded (funding gap), som',
			envelope: 'Local budget envelope set by the kenesh, som',
			overEnvelope: 'Envelope exceeded',
			byPlan: 'By national plan, som',
			byPillar: 'By Women, Peace and Security pillar, som',
			activitiesByPlan: 'Number of activities by plan',
			count: 'Count',
			activitiesTotal: 'All activities',
			markerNote:
				"The gender marker (0, 1, 2) follows the method of the OECD Development Assistance Committee (DAC). Kyrgyzstan's budget classification has no gender tag: the marker is this workbench's own method, not an official budget classification.",
			markerLegend: 'Gender marker'
		},
		deadline: { year: '{year}', quarter: '{year} Q{n}' },
		sources: {
			local_budget: 'Local budget',
			republican_budget: 'Republican budget (categorical grant)',
			incentive_grant: 'Incentive grant',
			donor: 'Donor',
			community_private: 'Community / private funds',
			unfunded: 'Unfunded'
		},
		pillars: {
			prevention: 'Prevention',
			participation: 'Participation',
			protection: 'Protection',
			relief_recovery: 'Relief and recovery'
		},
		markers: {
			0: 'not targeted',
			1: 'significant objective',
			2: 'principal objective'
		},
		localOnly: 'Local only',
		planKinds: { gender_nap: 'Gender NAP', nap_1325: 'NAP 1325', other: 'Plan' },
		localPlan: 'Local-only activities (no national source)',
		yes: 'Yes',
		no: 'No'
	}
};

// ── money, exactly ───────────────────────────────────────────────────────────

const MONEY = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1250000.50" → 125000050n. Stricter than $lib/money's toTyiyn on purpose: anything that is not a
 * decimal with at most two places is refused, so an export never prints a silently rounded total.
 */
function toTyiyn(m: string): bigint {
	const match = MONEY.exec(m.trim());
	if (!match) throw new Error(`not an amount of money: "${m}"`);
	const t = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
	return match[1] && t !== 0n ? -t : t;
}

/** 125000050n → "1250000.50". */
function fromTyiyn(t: bigint): string {
	const sign = t < 0n ? '-' : '';
	const abs = t < 0n ? -t : t;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The spreadsheet number of an exact amount: the double nearest to it, made once from the exact value. */
function tyiynToNumber(t: bigint): number {
	return Number(fromTyiyn(t));
}

const sumTyiyn = (amounts: Iterable<string>) => {
	let s = 0n;
	for (const a of amounts) s += toTyiyn(a);
	return s;
};

// ── the action table, shared by the XLSX and the CSV ────────────────────────

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

const fill = (template: string, values: Record<string, string | number>) =>
	template.replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));

function point(year: number, quarter: number | null, l: ExportLabels): string {
	return quarter && quarter >= 1 && quarter <= 4
		? fill(l.deadline.quarter, { year, roman: ROMAN[quarter], n: quarter })
		: fill(l.deadline.year, { year });
}

/** "2025-ж. II чейрек – 2027-ж. IV чейрек" / "II кв. 2025 – IV кв. 2027" / "2025 Q2 – 2027 Q4". */
export function formatActivityPeriod(
	a: Pick<Activity, 'startYear' | 'startQuarter' | 'endYear' | 'endQuarter'>,
	locale: ExportLocale
): string {
	const l = EXPORT_LABELS[locale];
	const from = a.startYear !== null ? point(a.startYear, a.startQuarter, l) : null;
	const to = a.endYear !== null ? point(a.endYear, a.endQuarter, l) : null;
	if (from && to) return from === to ? from : `${from} – ${to}`;
	return from ?? to ?? '';
}

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
	a.position - b.position || a.id - b.id;

function orderedSections(view: PlanView): { section: Section; activities: Activity[] }[] {
	return [...view.sections]
		.sort(byPosition)
		.map((section) => ({ section, activities: [...section.activities].sort(byPosition) }));
}

const activityNo = (s: Section, a: Activity) => `${s.position + 1}.${a.position + 1}`;

const orderedLines = (a: Activity) => [...a.budget].sort((x, y) => x.year - y.year || x.id - y.id);

/** The plan years: the plan's period, and any year a budget line or the summary names outside it. */
function planYears(view: PlanView): number[] {
	const years = new Set<number>();
	const { periodStart, periodEnd } = view.plan;
	for (let y = periodStart; y <= periodEnd && y - periodStart < 100; y++) years.add(y);
	for (const s of view.sections)
		for (const a of s.activities) for (const b of a.budget) years.add(b.year);
	for (const y of view.summary.years) if (typeof y.year === 'number') years.add(y.year);
	return [...years].sort((a, b) => a - b);
}

const YES = new Set(['1', 'true', 'yes', 'да', 'ооба']);
const NO = new Set(['0', 'false', 'no', 'нет', 'жок']);

function targetValue(ind: Indicator, value: string, l: ExportLabels): string {
	if (ind.kind !== 'yes_no') return value;
	const v = value.trim().toLowerCase();
	return YES.has(v) ? l.yes : NO.has(v) ? l.no : value;
}

function indicatorName(ind: Indicator): string {
	const unit = ind.unit.trim();
	return unit ? `${ind.name} (${unit})` : ind.name;
}

function expectedResult(ind: Indicator, l: ExportLabels): string {
	const targets = [...ind.targets].sort((a, b) => a.year - b.year);
	return targets.length
		? targets.map((t) => `${t.year}: ${targetValue(ind, t.value, l)}`).join('; ')
		: '—';
}

function sourcesCell(lines: BudgetLine[], l: ExportLabels): string {
	const present = new Set(lines.map((b) => b.source));
	const donors = [
		...new Set(
			lines.filter((b) => b.source === 'donor' && b.donorName.trim()).map((b) => b.donorName.trim())
		)
	];
	const known = FUNDING.filter((f) => present.has(f)).map((f) =>
		f === 'donor' && donors.length ? `${l.sources.donor} (${donors.join(', ')})` : l.sources[f]
	);
	const unknown = [...present].filter((f) => !(FUNDING as readonly string[]).includes(f));
	return [...known, ...unknown].join('\n');
}

/** A cell of the action table: text, or an exact amount in tyiyn. */
type TableCell = string | { tyiyn: bigint };
interface TableRow {
	kind: 'header' | 'section' | 'activity' | 'total';
	cells: TableCell[];
}
interface ActionTable {
	rows: TableRow[];
	years: number[];
	/** index of the first money column (0-based) */
	firstMoney: number;
	width: number;
}

const TEXT_COLUMNS = 10;

function actionTable(view: PlanView, locale: ExportLocale): ActionTable {
	const l = EXPORT_LABELS[locale];
	const years = planYears(view);
	const p = l.plan;
	const header: TableCell[] = [
		p.no,
		p.measure,
		p.activity,
		p.baseline,
		p.indicator,
		p.deadline,
		p.expectedResult,
		p.responsible,
		p.partners,
		p.targetGroups,
		...years.map((year) => fill(p.yearAmount, { year })),
		p.total,
		p.genderTotal,
		p.markers,
		p.sources
	];
	const width = header.length;
	const rows: TableRow[] = [{ kind: 'header', cells: header }];
	const yearTotals = years.map(() => 0n);
	let grand = 0n;
	let grandGender = 0n;
	for (const { section, activities } of orderedSections(view)) {
		const sectionRow: TableCell[] = [String(section.position + 1), section.title];
		while (sectionRow.length < width) sectionRow.push('');
		rows.push({ kind: 'section', cells: sectionRow });
		for (const a of activities) {
			const lines = orderedLines(a);
			const perYear = years.map((y) =>
				sumTyiyn(lines.filter((b) => b.year === y).map((b) => b.amount))
			);
			const total = sumTyiyn(lines.map((b) => b.amount));
			const gender = sumTyiyn(lines.map((b) => b.genderAmount));
			perYear.forEach((t, i) => (yearTotals[i] += t));
			grand += total;
			grandGender += gender;
			const inds = a.indicators;
			rows.push({
				kind: 'activity',
				cells: [
					activityNo(section, a),
					a.provenance
						? `${a.provenance.measureNumber} (${l.planKinds[a.provenance.planKind] ?? ''} ${a.provenance.planPeriod.start}–${a.provenance.planPeriod.end})`
						: l.localOnly,
					a.title,
					inds.map((i) => (i.baseline?.trim() ? i.baseline.trim() : '—')).join('\n'),
					inds.map(indicatorName).join('\n'),
					formatActivityPeriod(a, locale),
					inds.map((i) => expectedResult(i, l)).join('\n'),
					a.responsible,
					a.partners,
					a.targetGroups,
					...perYear.map((tyiyn) => ({ tyiyn })),
					{ tyiyn: total },
					{ tyiyn: gender },
					[...new Set(lines.map((b) => b.marker))].sort((x, y) => x - y).join(', '),
					sourcesCell(lines, l)
				]
			});
		}
	}
	const totalRow: TableCell[] = [p.totalRow];
	while (totalRow.length < TEXT_COLUMNS) totalRow.push('');
	totalRow.push(
		...yearTotals.map((tyiyn) => ({ tyiyn })),
		{ tyiyn: grand },
		{ tyiyn: grandGender },
		'',
		''
	);
	rows.push({ kind: 'total', cells: totalRow });
	return { rows, years, firstMoney: TEXT_COLUMNS, width };
}

// ── CSV ──────────────────────────────────────────────────────────────────────

/** The action table (header, section rows, activity rows, total row) as CSV; amounts as "1250000.00", text guarded by writeCsv. */
export function planToCsv(view: PlanView, locale: ExportLocale): string {
	const { rows } = actionTable(view, locale);
	return writeCsv(
		rows.map((r) => r.cells.map((c) => (typeof c === 'string' ? c : fromTyiyn(c.tyiyn))))
	);
}

// ── XLSX ─────────────────────────────────────────────────────────────────────

/** Excel shows this with the reader's own separators: "1 250 000,00" in a ky/ru Windows. */
export const MONEY_FORMAT = '#,##0.00';
const SHARE_FORMAT = '0.0';

const sheetName = (s: string) =>
	s
		.replace(/[[\]:*?/\\]/g, ' ')
		.slice(0, 31)
		.trim();

const THIN: Partial<ExcelJS.Borders> = {
	top: { style: 'thin' },
	left: { style: 'thin' },
	bottom: { style: 'thin' },
	right: { style: 'thin' }
};
const SECTION_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFE8EEF4' }
};
const HEADER_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFD9E2EC' }
};

/** Headers and footers treat "&" as a code. */
const headerText = (s: string) => s.replace(/&/g, '&&');

function municipalityName(view: PlanView, locale: ExportLocale): string {
	const m = view.plan.municipality;
	return { ky: m.nameKy, ru: m.nameRu || m.nameKy, en: m.nameEn || m.nameRu || m.nameKy }[locale];
}

function setupPrint(ws: ExcelJS.Worksheet, view: PlanView) {
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9,
		orientation: 'landscape',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		printTitlesRow: '1:1'
	};
	ws.headerFooter = {
		...ws.headerFooter,
		oddHeader: `&C${headerText(view.plan.title)}`,
		oddFooter: '&C&P / &N'
	};
}

function styleHeader(row: ExcelJS.Row, width: number) {
	row.font = { bold: true };
	for (let c = 1; c <= width; c++) {
		const cell = row.getCell(c);
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
		cell.fill = HEADER_FILL;
		cell.border = THIN;
	}
}

function borderRow(row: ExcelJS.Row, width: number) {
	for (let c = 1; c <= width; c++) row.getCell(c).border = THIN;
}

function addPlanSheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const l = EXPORT_LABELS[locale];
	const table = actionTable(view, locale);
	const ws = wb.addWorksheet(sheetName(l.sheets.plan), {
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
	});
	const widths = [
		7,
		16,
		40,
		22,
		32,
		20,
		28,
		24,
		22,
		20,
		...table.years.map(() => 15),
		16,
		16,
		10,
		26
	];
	ws.columns = widths.map((width, i) => ({
		width,
		style: {
			alignment: {
				vertical: 'top',
				wrapText: true,
				horizontal:
					i === 0
						? 'center'
						: i >= table.firstMoney && i < table.firstMoney + table.years.length + 2
							? 'right'
							: 'left'
			}
		}
	}));
	for (const r of table.rows) {
		const row = addXlsxRow(
			ws,
			r.cells.map((c) => (typeof c === 'string' ? c : tyiynToNumber(c.tyiyn)))
		);
		r.cells.forEach((c, i) => {
			if (typeof c !== 'string') row.getCell(i + 1).numFmt = MONEY_FORMAT;
		});
		if (r.kind === 'header') styleHeader(row, table.width);
		else {
			borderRow(row, table.width);
			if (r.kind === 'section') {
				row.font = { bold: true };
				for (let c = 1; c <= table.width; c++) row.getCell(c).fill = SECTION_FILL;
				ws.mergeCells(row.number, 2, row.number, table.width);
			} else if (r.kind === 'total') {
				row.font = { bold: true };
				ws.mergeCells(row.number, 1, row.number, table.firstMoney);
			}
		}
	}
	setupPrint(ws, view);
}

const BUDGET_MONEY_COLUMNS = new Set([4, 10]);

function addBudgetSheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const l = EXPORT_LABELS[locale];
	const b = l.budget;
	const ws = wb.addWorksheet(sheetName(l.sheets.budget), {
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
	});
	const header = [
		b.no,
		b.activity,
		b.year,
		b.amount,
		b.source,
		b.donor,
		b.classificationCode,
		b.marker,
		b.genderShare,
		b.genderAmount,
		b.justification,
		b.women,
		b.men,
		b.girls,
		b.boys
	];
	const widths = [7, 40, 8, 16, 26, 20, 18, 11, 11, 16, 40, 12, 12, 12, 12];
	ws.columns = widths.map((width) => ({
		width,
		style: { alignment: { vertical: 'top', wrapText: true } }
	}));
	styleHeader(addXlsxRow(ws, header), header.length);
	let amount = 0n;
	let gender = 0n;
	for (const { section, activities } of orderedSections(view)) {
		for (const a of activities) {
			for (const line of orderedLines(a)) {
				const t = toTyiyn(line.amount);
				const g = toTyiyn(line.genderAmount);
				amount += t;
				gender += g;
				const row = addXlsxRow(ws, [
					activityNo(section, a),
					a.title,
					line.year,
					tyiynToNumber(t),
					l.sources[line.source] ?? line.source,
					line.donorName,
					line.classificationCode,
					line.marker,
					Number(line.genderShare),
					tyiynToNumber(g),
					line.justification,
					line.beneficiariesWomen,
					line.beneficiariesMen,
					line.beneficiariesGirls,
					line.beneficiariesBoys
				]);
				for (const c of BUDGET_MONEY_COLUMNS) row.getCell(c).numFmt = MONEY_FORMAT;
				row.getCell(9).numFmt = '0.##';
				borderRow(row, header.length);
			}
		}
	}
	const lastData = ws.rowCount;
	ws.autoFilter = {
		from: { row: 1, column: 1 },
		to: { row: Math.max(lastData, 2), column: header.length }
	};
	const total = addXlsxRow(ws, [
		b.totalRow,
		'',
		'',
		tyiynToNumber(amount),
		'',
		'',
		'',
		'',
		'',
		tyiynToNumber(gender)
	]);
	total.font = { bold: true };
	for (const c of BUDGET_MONEY_COLUMNS) total.getCell(c).numFmt = MONEY_FORMAT;
	borderRow(total, header.length);
	setupPrint(ws, view);
}

/** Keys of by-plan figures in a stable order: the view's plans as listed, then others, "local" last. */
function planKeys(view: PlanView, all: YearSummary[]): string[] {
	const seen = new Set<string>([
		...all.flatMap((y) => Object.keys(y.byPlan)),
		...Object.keys(view.summary.activitiesByPlan)
	]);
	const listed = Object.keys(view.planTitles).filter((k) => k !== 'local' && seen.has(k));
	const others = [...seen].filter((k) => k !== 'local' && !listed.includes(k)).sort();
	return [...listed, ...others, ...(seen.has('local') ? ['local'] : [])];
}

function planLabel(view: PlanView, key: string, locale: ExportLocale): string {
	const l = EXPORT_LABELS[locale];
	if (key === 'local') return l.localPlan;
	const t = view.planTitles[key];
	if (!t) return key;
	return (
		(locale === 'en' ? (t.en ?? t.ru ?? t.ky) : locale === 'ru' ? (t.ru ?? t.ky) : t.ky) || key
	);
}

function pillarKeys(all: YearSummary[]): string[] {
	const seen = new Set(all.flatMap((y) => Object.keys(y.byPillar)));
	const known = WPS_PILLARS.filter((p) => seen.has(p));
	return [
		...known,
		...[...seen].filter((p) => !(WPS_PILLARS as readonly string[]).includes(p)).sort()
	];
}

function addSummarySheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const l = EXPORT_LABELS[locale];
	const s = l.summary;
	const columns = [...view.summary.years, view.summary.total];
	const width = columns.length + 1;
	const ws = wb.addWorksheet(sheetName(l.sheets.summary));
	ws.columns = [{ width: 58 }, ...columns.map(() => ({ width: 17 }))];

	const title = addXlsxRow(ws, [view.plan.title]);
	title.font = { bold: true, size: 13 };
	addXlsxRow(ws, [
		`${municipalityName(view, locale)}, ${view.plan.periodStart}–${view.plan.periodEnd}`
	]);
	addXlsxRow(ws, []);
	const head = addXlsxRow(ws, [
		s.item,
		...columns.map((y) => (y.year === 'total' ? s.total : fill(s.year, { year: y.year })))
	]);
	styleHeader(head, width);
	ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 1 }];

	const heading = (text: string) => {
		const row = addXlsxRow(ws, [text]);
		row.font = { bold: true };
		for (let c = 1; c <= width; c++) {
			row.getCell(c).fill = SECTION_FILL;
			row.getCell(c).border = THIN;
		}
		return row;
	};
	const moneyRow = (label: string, pick: (y: YearSummary) => string | null, bold = false) => {
		const row = addXlsxRow(ws, [
			label,
			...columns.map((y) => {
				const m = pick(y);
				return m === null ? '—' : tyiynToNumber(toTyiyn(m));
			})
		]);
		for (let c = 2; c <= width; c++) {
			row.getCell(c).numFmt = MONEY_FORMAT;
			row.getCell(c).alignment = { horizontal: 'right' };
		}
		if (bold) row.font = { bold: true };
		borderRow(row, width);
		return row;
	};
	const amountOf = (a: Amounts, key: string) => a[key] ?? '0.00';

	heading(s.bySource);
	const sourceKeys = [
		...FUNDING,
		...[...new Set(columns.flatMap((y) => Object.keys(y.bySource)))]
			.filter((k) => !(FUNDING as readonly string[]).includes(k))
			.sort()
	];
	for (const k of sourceKeys)
		moneyRow(l.sources[k as Funding] ?? k, (y) => amountOf(y.bySource, k));
	moneyRow(s.totalAmount, (y) => y.total, true);
	moneyRow(s.genderAmount, (y) => y.genderAmount);
	const share = addXlsxRow(ws, [s.genderShare, ...columns.map((y) => Number(y.genderShare))]);
	for (let c = 2; c <= width; c++) share.getCell(c).numFmt = SHARE_FORMAT;
	borderRow(share, width);
	moneyRow(s.unfunded, (y) => y.unfunded);
	moneyRow(s.envelope, (y) => y.envelope);
	const over = addXlsxRow(ws, [
		s.overEnvelope,
		...columns.map((y) => (y.overEnvelope ? l.yes : l.no))
	]);
	columns.forEach((y, i) => {
		const cell = over.getCell(i + 2);
		cell.alignment = { horizontal: 'right' };
		if (y.overEnvelope) cell.font = { bold: true, color: { argb: 'FFC00000' } };
	});
	borderRow(over, width);

	addXlsxRow(ws, []);
	heading(s.byPlan);
	const plans = planKeys(view, columns);
	for (const k of plans) moneyRow(planLabel(view, k, locale), (y) => amountOf(y.byPlan, k));

	const pillars = pillarKeys(columns);
	if (pillars.length) {
		addXlsxRow(ws, []);
		heading(s.byPillar);
		for (const k of pillars)
			moneyRow(l.pillars[k as WpsPillar] ?? k, (y) => amountOf(y.byPillar, k));
	}

	addXlsxRow(ws, []);
	const countHead = heading(s.activitiesByPlan);
	countHead.getCell(2).value = s.count;
	for (const k of plans) {
		const row = addXlsxRow(ws, [planLabel(view, k, locale), view.summary.activitiesByPlan[k] ?? 0]);
		borderRow(row, 2);
	}
	const all = addXlsxRow(ws, [s.activitiesTotal, view.summary.activities]);
	all.font = { bold: true };
	borderRow(all, 2);

	addXlsxRow(ws, []);
	const legend = `${s.markerLegend}: ${([0, 1, 2] as const).map((m) => `${m} — ${l.markers[m]}`).join('; ')}.`;
	for (const text of [s.markerNote, legend]) {
		const row = addXlsxRow(ws, [text]);
		ws.mergeCells(row.number, 1, row.number, width);
		row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
		row.getCell(1).font = { italic: true };
		row.height = Math.max(30, Math.ceil(text.length / 90) * 15);
	}
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9,
		orientation: 'portrait',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0
	};
}

/** The plan as one workbook: the action table, its budget lines and the gender budget summary. */
export async function planToXlsx(view: PlanView, locale: ExportLocale): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Aiyl Plan';
	wb.title = view.plan.title;
	const stamp = new Date(view.plan.updatedAt);
	if (!Number.isNaN(stamp.getTime())) wb.created = wb.modified = stamp;
	addPlanSheet(wb, view, locale);
	addBudgetSheet(wb, view, locale);
	addSummarySheet(wb, view, locale);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
