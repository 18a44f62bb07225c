/** The shape of a catalogue plan file (data/*.json, JSON imports and exports); data/FORMAT.md explains it. */

export const PLAN_FILE_FORMAT = 'aiyl-plan/catalogue@1';

export type PlanKind = 'gender_nap' | 'nap_1325' | 'other';
export type PlanStatus = 'draft' | 'adopted' | 'superseded';
export type BodyKind =
	'ministry' | 'agency' | 'court' | 'lsg' | 'lsa' | 'intl' | 'ngo' | 'parliament' | 'other';
export type BodyRole = 'lead' | 'co' | 'by_agreement';
export type MeasureLevel = 'national' | 'local';
export type DeadlineKind =
	| 'range'
	| 'year'
	| 'half_year'
	| 'quarter'
	| 'during_year'
	| 'recurring'
	| 'checkpoints'
	| 'unknown';

export const PLAN_KINDS: PlanKind[] = ['gender_nap', 'nap_1325', 'other'];
export const PLAN_STATUSES: PlanStatus[] = ['draft', 'adopted', 'superseded'];
export const BODY_KINDS: BodyKind[] = [
	'ministry',
	'agency',
	'court',
	'lsg',
	'lsa',
	'intl',
	'ngo',
	'parliament',
	'other'
];
export const BODY_ROLES: BodyRole[] = ['lead', 'co', 'by_agreement'];
export const DEADLINE_KINDS: DeadlineKind[] = [
	'range',
	'year',
	'half_year',
	'quarter',
	'during_year',
	'recurring',
	'checkpoints',
	'unknown'
];

export interface Texts {
	ky: string;
	ru?: string | null;
	en?: string | null;
}

export interface Deadline {
	raw: string;
	kind: DeadlineKind;
	from: number | null;
	to: number | null;
	half?: number | null;
	quarter?: number | null;
	every?: 'year' | 'half_year' | 'quarter' | null;
	checkpoints?: string[];
}

export interface MeasureFile {
	id: string;
	number: string;
	text: { ky: string; ru?: string | null; ruUnofficial?: boolean; kyUnofficial?: boolean };
	baseline: Texts;
	indicators: Texts[];
	deadline: Deadline;
	expectedResult: Texts;
	bodies: { code: string; role: BodyRole }[];
	bodiesRaw: string;
	funding: string[];
	fundingRaw: string;
	level: MeasureLevel;
	tags: string[];
	uncertain: boolean;
	uncertainNote: string | null;
	duplicateOf: string | null;
	duplicateNote: string | null;
	source: { file: string | null; line: number | null };
}

export interface TaskFile {
	id: string;
	number: string;
	title: Texts;
	measures: MeasureFile[];
}

export interface GoalFile {
	id: string;
	number: string;
	title: Texts;
	tasks: TaskFile[];
}

export interface ChapterFile {
	id: string;
	number: string;
	title: Texts;
	goals: GoalFile[];
}

export interface BodyFile {
	code: string;
	abbr: string | null;
	variants: string[];
	name: Texts;
	kind: BodyKind;
	level: MeasureLevel;
	definedInPlan?: boolean;
}

export interface FundingSourceFile {
	code: string;
	name: Texts;
}

export interface PlanMeta {
	key: string;
	kind: PlanKind;
	title: Texts;
	periodStart: number;
	periodEnd: number;
	act: {
		type: string;
		number: string | null;
		date: string | null;
		url: string | null;
		title?: Texts | null;
	} | null;
	status: PlanStatus;
	complete: boolean;
	note?: Texts | null;
	replaces: string | null;
	source?: { file: string | null } | null;
}

export interface PlanFile {
	format: string;
	plan: PlanMeta;
	bodies: BodyFile[];
	fundingSources: FundingSourceFile[];
	chapters: ChapterFile[];
}

export interface LevelCounts {
	chapters: number;
	goals: number;
	tasks: number;
	measures: number;
}

/** Counts the nodes of each level of a plan file. */
export function countLevels(file: PlanFile): LevelCounts {
	const goals = file.chapters.flatMap((c) => c.goals);
	const tasks = goals.flatMap((g) => g.tasks);
	return {
		chapters: file.chapters.length,
		goals: goals.length,
		tasks: tasks.length,
		measures: tasks.flatMap((t) => t.measures).length
	};
}

/** Every measure of a plan file with its place in the tree. */
export function measuresOf(
	file: PlanFile
): { chapter: ChapterFile; goal: GoalFile; task: TaskFile; measure: MeasureFile }[] {
	return file.chapters.flatMap((chapter) =>
		chapter.goals.flatMap((goal) =>
			goal.tasks.flatMap((task) =>
				task.measures.map((measure) => ({ chapter, goal, task, measure }))
			)
		)
	);
}

const clean = (s: string | null | undefined): string | undefined =>
	s && s.trim() !== '' ? s : undefined;

/** Texts with empty translations left out, so a null, an empty string and a missing key mean the same. */
export function normalizeTexts(t: Partial<Texts> | null | undefined): Texts {
	const out: Texts = { ky: t?.ky ?? '' };
	if (clean(t?.ru)) out.ru = t!.ru!;
	if (clean(t?.en)) out.en = t!.en!;
	return out;
}

/**
 * The canonical form of a plan file: every optional field present with one spelling of "empty".
 * Loading stores it, exporting rebuilds it, so a plan exported and imported again is the same plan.
 */
export function normalizePlanFile(file: PlanFile): PlanFile {
	const p = file.plan;
	return {
		format: PLAN_FILE_FORMAT,
		plan: {
			key: p.key,
			kind: p.kind,
			title: normalizeTexts(p.title),
			periodStart: p.periodStart,
			periodEnd: p.periodEnd,
			act: p.act
				? {
						type: p.act.type,
						number: p.act.number || null,
						date: p.act.date || null,
						url: p.act.url || null,
						title: p.act.title ? normalizeTexts(p.act.title) : null
					}
				: null,
			status: p.status,
			complete: p.complete,
			note:
				p.note && (clean(p.note.ky) || clean(p.note.ru) || clean(p.note.en))
					? normalizeTexts(p.note)
					: null,
			replaces: p.replaces || null,
			source: { file: p.source?.file || null }
		},
		bodies: file.bodies,
		fundingSources: file.fundingSources,
		chapters: file.chapters.map((c) => ({
			id: c.id,
			number: c.number ?? '',
			title: normalizeTexts(c.title),
			goals: c.goals.map((g) => ({
				id: g.id,
				number: g.number ?? '',
				title: normalizeTexts(g.title),
				tasks: g.tasks.map((t) => ({
					id: t.id,
					number: t.number ?? '',
					title: normalizeTexts(t.title),
					measures: t.measures.map(normalizeMeasure)
				}))
			}))
		}))
	};
}

function normalizeMeasure(m: MeasureFile): MeasureFile {
	const d = m.deadline ?? { raw: '', kind: 'unknown', from: null, to: null };
	return {
		id: m.id,
		number: m.number ?? '',
		text: {
			ky: m.text.ky,
			...(clean(m.text.ru) ? { ru: m.text.ru } : {}),
			ruUnofficial: !!m.text.ruUnofficial,
			kyUnofficial: !!m.text.kyUnofficial
		},
		baseline: normalizeTexts(m.baseline),
		indicators: (m.indicators ?? []).map(normalizeTexts).filter((i) => i.ky || i.ru || i.en),
		deadline: {
			raw: d.raw ?? '',
			kind: d.kind,
			from: d.from ?? null,
			to: d.to ?? null,
			half: d.half ?? null,
			quarter: d.quarter ?? null,
			every: d.every ?? null,
			checkpoints: d.checkpoints ?? []
		},
		expectedResult: normalizeTexts(m.expectedResult),
		bodies: (m.bodies ?? []).map((b) => ({ code: b.code, role: b.role })),
		bodiesRaw: m.bodiesRaw ?? '',
		funding: [...new Set(m.funding ?? [])],
		fundingRaw: m.fundingRaw ?? '',
		level: m.level ?? 'national',
		tags: m.tags ?? [],
		uncertain: !!m.uncertain,
		uncertainNote: m.uncertainNote || null,
		duplicateOf: m.duplicateOf || null,
		duplicateNote: m.duplicateNote || null,
		source: { file: m.source?.file || null, line: m.source?.line ?? null }
	};
}
