/**
 * A report's money and beneficiaries in figures, pure and exact (tyiyn, never floats): per budget
 * line and per funding source what was planned for the year and spent in the period, the execution
 * rate, the gender-targeted part of what was spent (the line's marker share: all of it for marker 2,
 * the stated share for 1, none for 0) and what is left unspent.
 */
import { fromTyiyn, percentOf, shareOf, toTyiyn } from '../money';
import { FUNDING, type Funding } from '../plans/vocabulary';

export interface SpendingLine {
	source: Funding;
	/** planned for the year ("0.00" for spending nobody planned) */
	planned: string;
	/** spent in the period; null when nothing was entered */
	spent: string | null;
	/** percent of the money counted as gender-targeted, as the marker sets it */
	genderShare: string;
}

export interface MoneyRow {
	planned: string;
	spent: string;
	/** spent as a percent of planned, one decimal; null when nothing was planned */
	rate: string | null;
	/** the gender-targeted part of what was spent */
	gender: string;
	/** planned money not spent, line by line (an overspent line leaves nothing unspent) */
	unspent: string;
}

/** Spent as a percent of planned, or null when nothing was planned. */
export const executionRate = (spent: string, planned: string): string | null =>
	toTyiyn(planned) === 0n ? null : percentOf(spent, planned);

/** The gender-targeted part of what a line spent. */
export const genderSpent = (line: Pick<SpendingLine, 'spent' | 'genderShare'>): string =>
	shareOf(line.spent ?? '0.00', line.genderShare);

function row(lines: SpendingLine[]): MoneyRow {
	let planned = 0n;
	let spent = 0n;
	let gender = 0n;
	let unspent = 0n;
	for (const l of lines) {
		const p = toTyiyn(l.planned);
		const s = toTyiyn(l.spent ?? '0');
		planned += p;
		spent += s;
		gender += toTyiyn(genderSpent(l));
		if (p > s) unspent += p - s;
	}
	return {
		planned: fromTyiyn(planned),
		spent: fromTyiyn(spent),
		rate: executionRate(fromTyiyn(spent), fromTyiyn(planned)),
		gender: fromTyiyn(gender),
		unspent: fromTyiyn(unspent)
	};
}

/** Per funding source (only the sources that appear) and in total. */
export function spendingSummary(lines: SpendingLine[]): {
	bySource: Partial<Record<Funding, MoneyRow>>;
	total: MoneyRow;
} {
	const bySource: Partial<Record<Funding, MoneyRow>> = {};
	for (const source of FUNDING) {
		const of = lines.filter((l) => l.source === source);
		if (of.length) bySource[source] = row(of);
	}
	return { bySource, total: row(lines) };
}

export const BENEFICIARIES = ['women', 'men', 'girls', 'boys'] as const;
export type Beneficiary = (typeof BENEFICIARIES)[number];
export type Counts = Record<Beneficiary, number | null>;

/** Planned and reached beneficiaries summed by sex; a sex nobody counted stays null. */
export function beneficiaryTotals(rows: { planned: Counts; reached: Counts }[]): {
	planned: Counts;
	reached: Counts;
} {
	const sum = (pick: (r: { planned: Counts; reached: Counts }) => Counts) =>
		Object.fromEntries(
			BENEFICIARIES.map((b) => {
				const values = rows.map((r) => pick(r)[b]).filter((v): v is number => v !== null);
				return [b, values.length ? values.reduce((s, v) => s + v, 0) : null];
			})
		) as Counts;
	return { planned: sum((r) => r.planned), reached: sum((r) => r.reached) };
}

/** An actual as a percent of its target, one decimal; null when there is no target or no actual. */
export function shareAchieved(actual: string | null, target: string | null): string | null {
	if (actual === null || target === null || toTyiyn(target) <= 0n) return null;
	return percentOf(actual, target);
}
