/**
 * The figures of an indicator, shared by the server and the pages: a baseline and yearly targets,
 * each a total with its breakdown by sex (women/men, girls/boys), age band and disability. For a
 * count or an amount of money the total of a sex-disaggregated figure is female + male, derived and
 * never typed twice; percentages and yes/no carry each sex and an optional typed total.
 */
import { fromTyiyn, toTyiyn } from '../money';
import {
	AGE_BANDS,
	type AgeBand,
	type Disability,
	type IndicatorKind,
	type Population,
	type Sex
} from './vocabulary';

/** The figures of one period (the baseline or a year's target). Figures are decimal strings ("70", "12.50"). */
export interface IndicatorFigures {
	/** the total: for a count or money by sex with both sexes given, female + male; otherwise as typed */
	total: string | null;
	/** the total is female + male, not a typed figure */
	derived: boolean;
	/** women, or girls where the indicator counts children */
	female: string | null;
	/** men, or boys where the indicator counts children */
	male: string | null;
	/** by age band, only the bands given */
	age: Partial<Record<AgeBand, string>>;
	/** with and without disability, only those given */
	disability: Partial<Record<Disability, string>>;
}

/** One stored figure: the total (no breakdown) or one sex, one age band or one disability status. */
export interface FigureRow {
	/** null is the baseline */
	year: number | null;
	sex: '' | Sex;
	ageBand: '' | AgeBand;
	disability: '' | Disability;
	value: string;
}

export const emptyFigures = (): IndicatorFigures => ({
	total: null,
	derived: false,
	female: null,
	male: null,
	age: {},
	disability: {}
});

/** Counts and money add up: their total is the sum of the sexes, and every breakdown must reach it. */
export const isAdditive = (kind: IndicatorKind): boolean => kind === 'count' || kind === 'money';

/** The age bands an indicator offers for its population. */
export const ageBandsOf = (population: Population): readonly AgeBand[] => AGE_BANDS[population];

/** Exact sum of figures with at most two decimals ("70" + "50.5" → "120.50"). */
export function sumFigures(values: string[]): string {
	return fromTyiyn(values.reduce((s, v) => s + toTyiyn(v), 0n));
}

/** Figures are equal as numbers ("120" and "120.00"). */
export const sameFigure = (a: string | null, b: string | null): boolean =>
	a === null || b === null ? a === b : toTyiyn(a) === toTyiyn(b);

/**
 * A figure as people type it — "1 250", "12,5", "-3" — as a decimal string; '' is null (no figure);
 * anything else is `false`.
 */
export function parseFigure(input: string): string | null | false {
	const t = input
		.trim()
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(',', '.');
	if (t === '') return null;
	if (!/^-?\d{1,13}(\.\d{1,2})?$/.test(t)) return false;
	return t;
}

/** The figures of one period from its stored rows. */
export function figuresOf(
	kind: IndicatorKind,
	bySex: boolean,
	rows: FigureRow[]
): IndicatorFigures {
	const f = emptyFigures();
	for (const r of rows) {
		if (r.sex === 'female') f.female = r.value;
		else if (r.sex === 'male') f.male = r.value;
		else if (r.ageBand) f.age[r.ageBand] = r.value;
		else if (r.disability) f.disability[r.disability] = r.value;
		else f.total = r.value;
	}
	if (bySex && isAdditive(kind) && f.female !== null && f.male !== null) {
		f.total = sumFigures([f.female, f.male]);
		f.derived = true;
	}
	return f;
}

/** An indicator's baseline and yearly targets (by year, only years with a figure) from its stored rows. */
export function periodsOf(
	kind: IndicatorKind,
	bySex: boolean,
	rows: FigureRow[]
): { baseline: IndicatorFigures; targets: (IndicatorFigures & { year: number })[] } {
	const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort(
		(a, b) => a - b
	);
	return {
		baseline: figuresOf(
			kind,
			bySex,
			rows.filter((r) => r.year === null)
		),
		targets: years.map((year) => ({
			year,
			...figuresOf(
				kind,
				bySex,
				rows.filter((r) => r.year === year)
			)
		}))
	};
}

/** Whether a period has any figure at all. */
export const hasFigures = (f: IndicatorFigures): boolean =>
	f.total !== null ||
	f.female !== null ||
	f.male !== null ||
	Object.keys(f.age).length > 0 ||
	Object.keys(f.disability).length > 0;

/**
 * The rule of gender markers 1 and 2: an indicator counts as disaggregated by sex only when it is
 * marked so and carries at least one women's (girls') and one men's (boys') target.
 */
export function countsForMarker(ind: { bySex: boolean; targets: IndicatorFigures[] }): boolean {
	return (
		ind.bySex &&
		ind.targets.some((t) => t.female !== null) &&
		ind.targets.some((t) => t.male !== null)
	);
}

/** A sex-disaggregated indicator whose periods hold only totals (data from before the breakdown): the page asks to fill the sexes. */
export function missingSexes(ind: {
	bySex: boolean;
	baseline: IndicatorFigures;
	targets: IndicatorFigures[];
}): boolean {
	return (
		ind.bySex &&
		[ind.baseline, ...ind.targets].some(
			(f) => f.total !== null && (f.female === null || f.male === null)
		)
	);
}
