/**
 * What a user typed for an indicator's baseline and yearly targets, checked and turned into the
 * rows of `indicator_value` (migrations/0015): one figure per row — the total, one sex, one age
 * band or one disability status. Pure: refusals are DomainErrors naming the field they are about.
 */
import { DomainError } from '../errors';
import { formatNumber } from '../../format';
import {
	ageBandsOf,
	isAdditive,
	parseFigure,
	sumFigures,
	sameFigure,
	type FigureRow
} from '../../plans/indicators';
import { DISABILITY, type IndicatorKind, type Population } from '../../plans/vocabulary';

/** One period as a form gives it. A bare string is the total alone (and what older callers send). */
export interface FiguresInput {
	total?: string;
	female?: string;
	male?: string;
	age?: Partial<Record<string, string>>;
	disability?: Partial<Record<string, string>>;
}

export interface Disaggregation {
	kind: IndicatorKind;
	population: Population;
	bySex: boolean;
	byAge: boolean;
	byDisability: boolean;
}

/** The form field of a figure: `baseline`, `baseline_female`, `target_2026_male`, `target_2026_age_18-29`, `target_2026_disability_with`. */
export function figureField(
	year: number | null,
	part: '' | 'female' | 'male' | `age_${string}` | `disability_${string}` = ''
): string {
	const period = year === null ? 'baseline' : `target_${year}`;
	return part ? `${period}_${part}` : period;
}

/** A refusal about one period: the baseline and a year's target have messages of their own. */
function periodError(
	rule: string,
	year: number | null,
	field: string,
	params: Record<string, string | number> = {}
): DomainError {
	const code = `error_indicator_${rule}${year === null ? '_baseline' : ''}`;
	return new DomainError(code, 400, year === null ? params : { year, ...params }, field);
}

const shown = (v: string) => formatNumber(v, 'ky');

/** Checks one figure against the kind of the indicator; returns it as a decimal string, or null when empty. */
function figure(kind: IndicatorKind, typed: string | undefined, field: string): string | null {
	const value = parseFigure(typed ?? '');
	if (value === false)
		throw new DomainError('error_indicator_number', 400, { value: typed ?? '' }, field);
	if (value === null) return null;
	if (kind === 'percent' && (Number(value) < 0 || Number(value) > 100))
		throw new DomainError('error_indicator_percent', 400, {}, field);
	if (kind === 'yes_no' && !['0', '1'].includes(value))
		throw new DomainError('error_indicator_yes_no', 400, {}, field);
	return value;
}

/**
 * The rows of one period. For a count or money by sex, women and men are stored and the total is
 * theirs (a typed total is not kept beside them); one sex without the other is refused. Age bands
 * and disability, where asked for, must add up to the total of a count or money.
 */
export function periodRows(
	d: Disaggregation,
	year: number | null,
	given: string | FiguresInput
): FigureRow[] {
	const input: FiguresInput = typeof given === 'string' ? { total: given } : given;
	const row = (part: Partial<FigureRow> & { value: string }): FigureRow => ({
		year,
		sex: '',
		ageBand: '',
		disability: '',
		...part
	});
	let total = figure(d.kind, input.total, figureField(year, ''));
	const female = figure(d.kind, input.female, figureField(year, 'female'));
	const male = figure(d.kind, input.male, figureField(year, 'male'));
	const additive = isAdditive(d.kind);
	const rows: FigureRow[] = [];
	if (d.bySex && (female !== null) !== (male !== null)) {
		throw periodError('sexes_both', year, figureField(year, female === null ? 'female' : 'male'));
	}
	if (female !== null && male !== null && (d.bySex || (additive && total === null))) {
		// by sex: the sexes are kept; not by sex (the box was cleared): a count keeps their sum as its total
		if (additive) total = sumFigures([female, male]);
		if (d.bySex)
			rows.push(row({ sex: 'female', value: female }), row({ sex: 'male', value: male }));
		if (!(d.bySex && additive) && total !== null) rows.push(row({ value: total }));
	} else if (total !== null) rows.push(row({ value: total }));

	const breakdown = (
		rule: 'age' | 'disability',
		keys: readonly string[],
		typed: Partial<Record<string, string>> | undefined
	) => {
		const parts = keys
			.map((k) => ({ k, value: figure(d.kind, typed?.[k], figureField(year, `${rule}_${k}`)) }))
			.filter((p): p is { k: string; value: string } => p.value !== null);
		const [head] = parts;
		if (!head) return;
		const first = figureField(year, `${rule}_${head.k}`);
		if (additive) {
			if (total === null) throw periodError('breakdown_total', year, first);
			const sum = sumFigures(parts.map((p) => p.value));
			if (!sameFigure(sum, total))
				throw periodError(`${rule}_sum`, year, first, { sum: shown(sum), total: shown(total) });
		}
		for (const p of parts)
			rows.push(
				row(
					rule === 'age'
						? { ageBand: p.k as FigureRow['ageBand'], value: p.value }
						: { disability: p.k as FigureRow['disability'], value: p.value }
				)
			);
	};
	if (d.byAge) breakdown('age', ageBandsOf(d.population), input.age);
	if (d.byDisability) breakdown('disability', DISABILITY, input.disability);
	return rows;
}

const FIELD = /^(baseline|target_(\d{4}))(?:_(female|male)|_age_(.+)|_disability_(.+))?$/;

/**
 * The periods a posted indicator form holds, from its figure fields (see `figureField`): the
 * baseline and each year that has any figure. Other fields are left alone.
 */
export function figuresFromForm(fields: Record<string, unknown>): {
	baseline: FiguresInput;
	targets: Record<number, FiguresInput>;
} {
	const baseline: FiguresInput = {};
	const targets: Record<number, FiguresInput> = {};
	for (const [name, raw] of Object.entries(fields)) {
		const match = FIELD.exec(name);
		if (!match || typeof raw !== 'string' || raw.trim() === '') continue;
		const [, , year, sex, band, disability] = match;
		const period = year ? (targets[Number(year)] ??= {}) : baseline;
		if (sex) period[sex as 'female' | 'male'] = raw;
		else if (band) (period.age ??= {})[band] = raw;
		else if (disability) (period.disability ??= {})[disability] = raw;
		else period.total = raw;
	}
	return { baseline, targets };
}
