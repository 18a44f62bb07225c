/**
 * Reporting periods, pure: a year split by the frequency the municipality chose, each with its
 * ISO-like code (2025, 2026S1, 2026Q3 as DHIS2 writes them), its dates and its due date, and the
 * state a report is in on a given day (late is decided on Bishkek's calendar by the caller's today).
 */
import type { Frequency, ReportState } from './vocabulary';

export interface Period {
	code: string;
	year: number;
	frequency: Frequency;
	/** 1 for a year, 1–2 for a half-year, 1–4 for a quarter */
	number: number;
	/** yyyy-mm-dd */
	start: string;
	end: string;
}

const PERIOD = /^(\d{4})(?:(S)([12])|(Q)([1-4]))?$/;

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1–12) as yyyy-mm-dd. */
const monthEnd = (year: number, month: number) =>
	`${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

function period(year: number, frequency: Frequency, number: number): Period {
	const months = frequency === 'annual' ? 12 : frequency === 'half_year' ? 6 : 3;
	const first = (number - 1) * months + 1;
	const code =
		frequency === 'annual'
			? String(year)
			: `${year}${frequency === 'half_year' ? 'S' : 'Q'}${number}`;
	return {
		code,
		year,
		frequency,
		number,
		start: `${year}-${pad(first)}-01`,
		end: monthEnd(year, first + months - 1)
	};
}

/** The periods of one year at a frequency, in order. */
export function periodsOfYear(year: number, frequency: Frequency): Period[] {
	const n = frequency === 'annual' ? 1 : frequency === 'half_year' ? 2 : 4;
	return Array.from({ length: n }, (_, i) => period(year, frequency, i + 1));
}

/** A period from its code, or null when the code is not one. */
export function parsePeriod(code: string): Period | null {
	const m = PERIOD.exec(code);
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 2000 || year > 2100) return null;
	if (m[2]) return period(year, 'half_year', Number(m[3]));
	if (m[4]) return period(year, 'quarter', Number(m[5]));
	return period(year, 'annual', 1);
}

/** A calendar date (yyyy-mm-dd) plus some days. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-');
	const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + days));
	return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * Where a report stands on `today` (yyyy-mm-dd, Bishkek): submitted; late once its due date has
 * passed unsubmitted; in progress once started; due once its period has begun; upcoming before.
 */
export function reportState(o: {
	stored: 'draft' | 'submitted' | null;
	start: string;
	dueDate: string;
	today: string;
}): ReportState {
	if (o.stored === 'submitted') return 'submitted';
	if (o.today > o.dueDate) return 'late';
	if (o.stored === 'draft') return 'in_progress';
	return o.today >= o.start ? 'due' : 'upcoming';
}
