/**
 * An indicator's figures as officials write them, in one language: "120 (аялдар 70 / эркектер 50)",
 * "2026: 120 (женщины 70 / мужчины 50; по возрасту: 18–29: 40, 30–59: 80)". Numbers have no
 * trailing zeros and the decimal comma in Kyrgyz and Russian. The documents and the pages share it.
 */
import { m } from '../paraglide/messages';
import { formatNumber, type Locale } from '../format';
import { AGE_BANDS, DISABILITY, type IndicatorKind, type Population } from './vocabulary';
import type { IndicatorFigures } from './indicators';

const YES = new Set(['да', 'yes', 'ооба', 'true']);
const NO = new Set(['нет', 'no', 'жок', 'false']);

/** One figure: a number as people write it, or yes/no for a yes/no indicator. */
export function figureValue(kind: IndicatorKind, value: string, locale: Locale): string {
	const text = value.trim();
	const o = { locale };
	if (kind === 'yes_no') {
		const low = text.toLowerCase();
		if (Number(text) === 1 || YES.has(low)) return m.doc_yes({}, o);
		if ((text !== '' && Number(text) === 0) || NO.has(low)) return m.doc_no({}, o);
		return text;
	}
	return /^-?\d+(\.\d+)?$/.test(text) ? formatNumber(text, locale) : text;
}

/** A period's breakdown alone: "аялдар 70 / эркектер 50; жашы боюнча: 18–29: 40"; '' when it has none. */
export function breakdownText(
	ind: { kind: IndicatorKind; population: Population },
	f: IndicatorFigures,
	locale: Locale
): string {
	const v = (x: string) => figureValue(ind.kind, x, locale);
	const o = { locale };
	const parts: string[] = [];
	if (f.female !== null || f.male !== null) {
		const sexes = {
			female: f.female === null ? '—' : v(f.female),
			male: f.male === null ? '—' : v(f.male)
		};
		parts.push(
			ind.population === 'children'
				? m.doc_figure_sexes_children(sexes, o)
				: m.doc_figure_sexes_adults(sexes, o)
		);
	}
	const bands = [...AGE_BANDS.children, ...AGE_BANDS.adults]
		.filter((b) => f.age[b] !== undefined)
		.map((b) => `${b.replace('-', '–')}: ${v(f.age[b]!)}`);
	if (bands.length) parts.push(m.doc_figure_age({ bands: bands.join(', ') }, o));
	for (const d of DISABILITY) {
		const value = f.disability[d];
		if (value === undefined) continue;
		parts.push(
			d === 'with'
				? m.doc_figure_disability_with({ value: v(value) }, o)
				: m.doc_figure_disability_without({ value: v(value) }, o)
		);
	}
	return parts.join('; ');
}

/** A period: its total with the breakdown in brackets; null when it has no figure. */
export function figuresText(
	ind: { kind: IndicatorKind; population: Population },
	f: IndicatorFigures,
	locale: Locale
): string | null {
	const breakdown = breakdownText(ind, f, locale);
	if (f.total === null) return breakdown || null;
	const total = figureValue(ind.kind, f.total, locale);
	return breakdown ? `${total} (${breakdown})` : total;
}

/** Every yearly target: "2025: 20; 2026: 40 (аялдар 25 / эркектер 15)"; null when there is none. */
export function targetsText(
	ind: {
		kind: IndicatorKind;
		population: Population;
		targets: (IndicatorFigures & { year: number })[];
	},
	locale: Locale
): string | null {
	const parts = [...ind.targets]
		.sort((a, b) => a.year - b.year)
		.map((t) => ({ year: t.year, text: figuresText(ind, t, locale) }))
		.filter((t) => t.text !== null)
		.map((t) => `${t.year}: ${t.text}`);
	return parts.length ? parts.join('; ') : null;
}
