/**
 * What a correction changed against the version before it (issue [10] item 8): per activity its
 * status, reason, words, indicator actuals and spending, then the unplanned spending, old → new.
 */
import type { IndicatorFigures } from '../plans/types';
import type { ReportContent } from './reports';

export interface VersionChange {
	/** the activity the change is in; null for unplanned spending */
	activity: { id: number; title: string; titleRu: string } | null;
	field: 'status' | 'reason' | 'narrative' | 'problems' | 'actual' | 'spent' | 'reached' | 'extra';
	/** what in the activity: an indicator's name, a budget line's source and planned amount, an extra's description */
	detail: string;
	/** the figure of an actual: total, female, male, age:<band>, disability:<with|without>; for reached: women, men, girls, boys */
	part: string;
	/** the budget line of spent and reached; the source of unplanned spending */
	line?: { source: string; donorName: string; planned: string };
	old: string | null;
	new: string | null;
}

/** Each figure of an indicator by its part name, only those given. */
function figureParts(f: IndicatorFigures): Map<string, string> {
	const parts = new Map<string, string>();
	if (f.total !== null) parts.set('total', f.total);
	if (f.female !== null) parts.set('female', f.female);
	if (f.male !== null) parts.set('male', f.male);
	for (const [band, v] of Object.entries(f.age)) if (v !== undefined) parts.set(`age:${band}`, v);
	for (const [d, v] of Object.entries(f.disability))
		if (v !== undefined) parts.set(`disability:${d}`, v);
	return parts;
}

/** Figures are compared as numbers ("12.50" is "12.5"); money the same way. */
const same = (a: string | null, b: string | null) =>
	a === b || (a !== null && b !== null && Number(a) === Number(b));

/** The changes from `before` (the previous version's snapshot) to `after`, in the order of the report. */
export function versionChanges(before: ReportContent, after: ReportContent): VersionChange[] {
	const changes: VersionChange[] = [];
	const old = new Map(before.sections.flatMap((s) => s.activities).map((a) => [a.id, a]));
	for (const a of after.sections.flatMap((s) => s.activities)) {
		const b = old.get(a.id);
		const activity = { id: a.id, title: a.title, titleRu: a.titleRu };
		const push = (
			field: VersionChange['field'],
			was: string | null,
			now: string | null,
			detail = '',
			part = '',
			line?: VersionChange['line']
		) => {
			if (!same(was, now))
				changes.push({ activity, field, detail, part, ...(line && { line }), old: was, new: now });
		};
		push('status', b?.status ?? 'not_started', a.status);
		push('reason', b?.reason || null, a.reason || null);
		push('narrative', b?.narrative || null, a.narrative || null);
		push('problems', b?.problems || null, a.problems || null);
		for (const i of a.indicators) {
			const was = figureParts(b?.indicators.find((x) => x.id === i.id)?.actual ?? emptyActual);
			const now = figureParts(i.actual);
			for (const part of new Set([...was.keys(), ...now.keys()]))
				push('actual', was.get(part) ?? null, now.get(part) ?? null, i.name, part);
		}
		for (const l of a.lines) {
			const bl = b?.lines.find((x) => x.id === l.id);
			const line = { source: l.source, donorName: l.donorName, planned: l.planned };
			push('spent', bl?.spent ?? null, l.spent, '', '', line);
			for (const k of ['women', 'men', 'girls', 'boys'] as const) {
				const was = bl?.reached[k] ?? null;
				const now = l.reached[k];
				push(
					'reached',
					was === null ? null : String(was),
					now === null ? null : String(now),
					'',
					k,
					line
				);
			}
		}
	}
	// unplanned spending has no identity across versions: a line is what it says and who paid
	const key = (x: ReportContent['extras'][number]) =>
		`${x.description}\u0000${x.source}\u0000${x.donorName}`;
	const extra = (x: ReportContent['extras'][number], was: string | null, now: string | null) =>
		changes.push({
			activity: null,
			field: 'extra',
			detail: x.description,
			part: '',
			line: { source: x.source, donorName: x.donorName, planned: '0.00' },
			old: was,
			new: now
		});
	const left = [...before.extras];
	for (const x of after.extras) {
		const i = left.findIndex((w) => key(w) === key(x));
		const prior = i >= 0 ? left.splice(i, 1)[0]!.spent : null;
		if (!same(prior, x.spent)) extra(x, prior, x.spent);
	}
	for (const w of left) extra(w, w.spent, null);
	return changes;
}

const emptyActual: IndicatorFigures = {
	total: null,
	derived: false,
	female: null,
	male: null,
	age: {},
	disability: {}
};
