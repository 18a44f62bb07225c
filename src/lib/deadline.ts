/**
 * Deadlines of national action plan measures: the "срок" / "аткаруу мөөнөтү" cell, written in
 * Kyrgyz or Russian (sometimes English), normalised into a `Deadline` (data/FORMAT.md) and back
 * into a short label. Pure: the import dry run and the catalogue files both rely on it.
 */
import type { Deadline } from './server/catalogue/plan-file';

export type DeadlineLocale = 'ky' | 'ru' | 'en';

/** Years outside this window are typos ("20199", "201") rather than plan years. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** One moment a cell can name: a year, the whole of a year, a half, a quarter or a month of a year. */
interface Point {
	kind: 'year' | 'during_year' | 'half_year' | 'quarter' | 'month';
	year: number;
	/** half (1–2), quarter (1–4) or month (1–12); null for year and during_year */
	n: number | null;
}

// ── normalisation ────────────────────────────────────────────────────────────

/** Ordinal endings glued to a digit: "2-е", "3-й", "2-го", "4-чү", "1st". */
const ORDINAL_SUFFIX = /(\d)-?(?:е|й|я|го|ое|ый|ой|ом|м|ми|чи|чы|чү|чу|st|nd|rd|th)(?![\p{L}\d])/gu;
/** A number glued or dashed to a word: "2019-жыл", "2-жарым", "2019г". */
const DIGIT_BEFORE_WORD = /(\d)-?(?=\p{L})/gu;
/** A roman numeral dashed to a word: "iv-квартал". */
const ROMAN_DASH = /\b(i{1,3}|iv)-(?=\p{L})/gu;
/** "H2 2019", "Q4 2019": spelt out so the half and quarter patterns read them. */
const SHORT_HALF = /\bh([12])\b/g;
const SHORT_QUARTER = /\bq([1-4])\b/g;
/** Dots of abbreviations ("г.", "гг.", "ж.") but not of dates ("12.2019"). */
const ABBREVIATION_DOT = /\.(?!\d)/g;
/** "2018 2020-жылдар": the PDF extraction lost the dash between the years. */
const YEARS_MISSING_DASH = /^(\d{4}) (\d{4})(?= (?:гг|годы|годах|годов|жж|жыл\S*|years))/;
/** "с 2018 по 2020 год", "from 2018 to 2020": turned into "A - B". */
const FROM_TO = /^(?:с|from) (.+?) (?:по|до|to|until|till) (.+)$/;
/** Kyrgyz "2018-жылдан 2020-жылга чейин": ablative start, "чейин" end. */
const KY_FROM_TO = /^(.*\d{4}.*?)(?:[дтн][аеоө]н) (?:баштап )?(.*\d{4}.*?) чейин$/;

/** Lower case, one kind of dash and space, abbreviation dots gone, digits parted from words. */
function normalise(text: string): string {
	return text
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/і/g, 'i') // Cyrillic і typed for the roman numeral I
		.replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
		.replace(/[\u2010-\u2015\u2212]/g, '-')
		.replace(/[()«»"“”]/g, ' ')
		.replace(ABBREVIATION_DOT, ' ')
		.replace(ORDINAL_SUFFIX, '$1')
		.replace(DIGIT_BEFORE_WORD, '$1 ')
		.replace(ROMAN_DASH, '$1 ')
		.replace(SHORT_HALF, '$1 half')
		.replace(SHORT_QUARTER, '$1 quarter')
		.replace(/\s*([,;])\s*/g, '$1 ')
		.replace(/\s+/g, ' ')
		.replace(/^[\s,;:-]+|[\s,;:]+$/g, '')
		.replace(YEARS_MISSING_DASH, '$1-$2')
		.replace(FROM_TO, '$1 - $2')
		.replace(KY_FROM_TO, '$1 - $2');
}

/** Words that only say "by" / "not later than" / "in": a deadline is a deadline either way. */
const FILLER_WORDS = new Set([
	'в',
	'во',
	'на',
	'за',
	'к',
	'до',
	'по',
	'не',
	'позднее',
	'позже',
	'конца',
	'концу',
	'окончания',
	'срок',
	'включительно',
	'in',
	'by',
	'the',
	'of',
	'end',
	'until',
	'till',
	'not',
	'later',
	'than',
	'чейин',
	'аягына',
	'аягында',
	'аягы',
	'кечиктирбестен',
	'айы',
	'айында',
	'айына',
	'айынын'
]);

function withoutFillers(text: string): string {
	return text
		.split(' ')
		.filter((w) => !FILLER_WORDS.has(w))
		.join(' ');
}

// ── single points ────────────────────────────────────────────────────────────

/** A year with an optional year word after it: "2019", "2019 года", "2019 гг", "2019 жылдын", "2019 ж". */
const YEAR_WORD = String.raw`(?:г ?г|г|год\S*|ж ?ж|ж|жыл\S*|years?)`;
const A_YEAR = String.raw`(?<year>\d{4})(?: ${YEAR_WORD})?`;
const HALF_WORD = String.raw`(?:полугод\S*|половин\S*|жарым\S*(?: жыл\S*)?|half(?:-year)?)`;
const QUARTER_WORD = String.raw`(?:квартал\S*|чейре\S*|quarter)`;
const DAY = String.raw`(?:(?<day>\d{1,2}) )?`;
/** A month by name only: after a year a bare number is an ordinal ("2019-жылдын 1 жана 2-чейреги"). */
const MONTH_NAME = String.raw`(?<month>[^\d\s,]\S*)`;

const POINT_PATTERNS: { kind: Point['kind']; re: RegExp }[] = [
	{ kind: 'year', re: new RegExp(`^${A_YEAR}$`) },
	// "в течение 2019 года", "during 2019" / "2019-жылдын ичинде", "2019-жыл бою"
	{
		kind: 'during_year',
		re: new RegExp(`^(?:течение|протяжении|during|throughout)(?: всего)? ${A_YEAR}$`)
	},
	{ kind: 'during_year', re: new RegExp(`^${A_YEAR} (?:ичинде|бою)$`) },
	// "II полугодие 2019 г." / "2019-жылдын 2-жарым жылдыгы", "2019, 2nd half"
	{ kind: 'half_year', re: new RegExp(`^(?<ord>\\S+) ${HALF_WORD},? ${A_YEAR}$`) },
	{ kind: 'half_year', re: new RegExp(`^${A_YEAR},? (?<ord>\\S+) ${HALF_WORD}$`) },
	// "IV квартал 2019 г." / "2019-жылдын IV чейреги", "2019, Q4"
	{ kind: 'quarter', re: new RegExp(`^(?<ord>\\S+) ${QUARTER_WORD},? ${A_YEAR}$`) },
	{ kind: 'quarter', re: new RegExp(`^${A_YEAR},? (?<ord>\\S+) ${QUARTER_WORD}$`) },
	// "декабрь 2019 г.", "15 декабря 2019" / "2019-жылдын декабры" / "2019-12", "12.2019"
	{ kind: 'month', re: new RegExp(`^${DAY}${MONTH_NAME},? ${A_YEAR}$`) },
	{ kind: 'month', re: new RegExp(`^${A_YEAR},? ${DAY}${MONTH_NAME}$`) },
	{ kind: 'month', re: /^(?<year>\d{4})-(?<month>\d{1,2})(?:-(?<day>\d{1,2}))?$/ },
	{ kind: 'month', re: /^(?:(?<day>\d{1,2})[./])?(?<month>\d{1,2})[./](?<year>\d{4})$/ }
];

/** Ordinals of halves and quarters in every spelling met: digits, roman, words; "last" is the highest. */
const ORDINALS: [RegExp, number][] = [
	[/^(?:1|i|перв\S*|биринчи\S*|first)$/, 1],
	[/^(?:2|ii|втор\S*|экинчи\S*|second)$/, 2],
	[/^(?:3|iii|трет\S*|үчүнчү\S*|third)$/, 3],
	[/^(?:4|iv|четверт\S*|төртүнчү\S*|fourth)$/, 4],
	[/^(?:последн\S*|акыркы\S*|last|final)$/, Infinity]
];

function ordinal(word: string, max: number): number | null {
	const n = ORDINALS.find(([re]) => re.test(word))?.[1];
	if (n === undefined) return null;
	return n === Infinity ? max : n <= max ? n : null;
}

/** Month names by stem: Russian (Kyrgyz uses the same, with its own endings: "декабры", "майы") and English. */
const MONTHS: RegExp[] = [
	/^(?:январ|jan)/,
	/^(?:феврал|feb)/,
	/^(?:март|mar)/,
	/^(?:апрел|apr)/,
	/^(?:ма[йяею]|may$)/,
	/^(?:июн|jun)/,
	/^(?:июл|jul)/,
	/^(?:август|aug)/,
	/^(?:сентябр|sep)/,
	/^(?:октябр|oct)/,
	/^(?:ноябр|nov)/,
	/^(?:декабр|dec)/
];

function month(word: string): number | null {
	if (/^\d{1,2}$/.test(word)) {
		const n = Number(word);
		return n >= 1 && n <= 12 ? n : null;
	}
	const i = MONTHS.findIndex((re) => re.test(word));
	return i < 0 ? null : i + 1;
}

const validYear = (y: number) => Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;

/** One point of time, or null. Tries every pattern: "течение 2019" also looks like "<month> 2019". */
function parsePoint(text: string): Point | null {
	const item = withoutFillers(text);
	for (const { kind, re } of POINT_PATTERNS) {
		const g = re.exec(item)?.groups;
		if (!g) continue;
		const year = Number(g.year);
		if (!validYear(year)) continue;
		if (g.day !== undefined && (Number(g.day) < 1 || Number(g.day) > 31)) continue;
		// the patterns of each kind name its group; a missing one would read as no ordinal or month
		const n =
			kind === 'half_year'
				? ordinal(g.ord ?? '', 2)
				: kind === 'quarter'
					? ordinal(g.ord ?? '', 4)
					: kind === 'month'
						? month(g.month ?? '')
						: null;
		if (kind !== 'year' && kind !== 'during_year' && n === null) continue;
		return { kind, year, n };
	}
	return null;
}

/** How a point is written in `checkpoints`: a half or a quarter counts up to its last month. */
function checkpointOf(p: Point): string {
	const mm = (m: number) => `${p.year}-${String(m).padStart(2, '0')}`;
	switch (p.kind) {
		case 'half_year':
			return mm(p.n! * 6);
		case 'quarter':
			return mm(p.n! * 3);
		case 'month':
			return mm(p.n!);
		default:
			return String(p.year);
	}
}

// ── spans: points, ranges, lists ─────────────────────────────────────────────

type Fields = Omit<Deadline, 'raw'>;

const blank = (): Fields => ({
	kind: 'unknown',
	from: null,
	to: null,
	half: null,
	quarter: null,
	every: null,
	checkpoints: []
});

function fromPoint(p: Point): Fields {
	const base = { ...blank(), from: p.year, to: p.year };
	switch (p.kind) {
		case 'half_year':
			return { ...base, kind: 'half_year', half: p.n };
		case 'quarter':
			return { ...base, kind: 'quarter', quarter: p.n };
		case 'month':
			return { ...base, kind: 'checkpoints', checkpoints: [checkpointOf(p)] };
		default:
			return { ...base, kind: p.kind };
	}
}

/** Where a range splits: "2018-2020", "2018 - 2020", "… жылдыгы - 2019-жылдын …". */
const RANGE_DASH = /\s*-\s*/;

/** "A - B" with A and B points: the years from A's to B's (halves at the ends are not kept). */
function parseRange(text: string): Fields | null {
	const parts = text.split(RANGE_DASH);
	if (parts.length !== 2) return null;
	const [start, end] = parts.map(parsePoint);
	if (!start || !end || end.year < start.year) return null;
	return { ...blank(), kind: 'range', from: start.year, to: end.year };
}

/** Between the checkpoints of a list: "2019, 2020", "I и II квартал 2019", "1 жана 2-чейреги". */
const LIST_SEPARATOR = /\s*[,;]\s*|\s+(?:и|жана|and|&)\s+/;
/** The year that opens a Kyrgyz item ("2019 жылдын"), lent to the items after it. */
const LEADING_YEAR = /^\d{4}(?: (?:жыл\S*|год\S*|ж|г))?/;

/**
 * A list of points: checkpoints. An item missing its unit or year borrows it from its neighbour,
 * as Russian puts the year last ("I и II квартал 2019") and Kyrgyz first ("2019-жылдын 1 жана 2-чейреги").
 */
function parseList(text: string): Fields | null {
	const items = text.split(LIST_SEPARATOR).filter(Boolean);
	if (items.length < 2) return null;
	const points: Point[] = [];
	for (const [i, item] of items.entries()) {
		const next = items[i + 1]?.split(' ').slice(1).join(' ');
		const previousYear = items[i - 1]?.match(LEADING_YEAR)?.[0];
		const p =
			parsePoint(item) ??
			(next ? parsePoint(`${item} ${next}`) : null) ??
			(previousYear ? parsePoint(`${previousYear} ${item}`) : null);
		if (!p) return null;
		points.push(p);
	}
	const years = points.map((p) => p.year);
	const checkpoints = [...new Set(points.map(checkpointOf))].sort();
	return {
		...blank(),
		kind: 'checkpoints',
		from: Math.min(...years),
		to: Math.max(...years),
		checkpoints
	};
}

/** A deadline without repetition: one point, a range or a list of checkpoints. */
function parseSpan(text: string): Fields | null {
	const point = parsePoint(text);
	return point ? fromPoint(point) : (parseRange(text) ?? parseList(text));
}

// ── recurring ────────────────────────────────────────────────────────────────

/** Half-year and quarter phrases come first: "жарым жыл сайын" contains "жыл сайын". */
const RECURRING: { every: 'year' | 'half_year' | 'quarter'; re: RegExp }[] = [
	{
		every: 'half_year',
		re: /жарым жыл сайын|жарым жылда бир (?:жолу|ирет)|ар бир жарым жылда|жылына эки (?:жолу|ирет)|ежеполугодно|раз в полугодие|раз в полгода|каждое полугодие|два раза в год|semi-?annually|half-?yearly|every six months|every half[- ]year|twice a year/
	},
	{
		every: 'quarter',
		re: /(?:ар )?(?:чейрек|квартал) сайын|ар бир чейректе|ежеквартально|каждый квартал|раз в квартал|quarterly|every quarter/
	},
	{
		every: 'year',
		re: /жыл сайын|ар жылы|ежегодно|каждый год|раз в год|annually|every year|each year|yearly|на постоянной основе|постоянно|туруктуу(?: негизде)?|үзгүлтүксүз|on an ongoing basis|ongoing|continuously|permanently/
	}
];

/** "до 2020 года", "2020-жылга чейин", "until 2020": the end of a repetition, not its only year. */
const UNTIL = /^(?:до|по|by|until|till) |(?:^| )чейин$/;
/** "до 15 января" after "ежегодно": a day within each year, which the structure does not keep. */
const DAY_OF_YEAR = /^(?:\d{1,2} )?(?<month>[^\d\s]\S*)$/;

const isDayOfYear = (text: string) => {
	const name = DAY_OF_YEAR.exec(text)?.groups?.month;
	return name !== undefined && month(name) !== null;
};

/**
 * "жыл сайын", "ежегодно", "постоянно" …, alone (over the plan's period) or with the years it
 * repeats over ("ежегодно, 2019-2020 гг."). Undefined when the text does not repeat.
 */
function parseRecurring(
	text: string,
	period?: { from: number; to: number }
): Fields | null | undefined {
	const rule = RECURRING.find(({ re }) => re.test(text));
	if (!rule) return undefined;
	const said = text
		.replace(rule.re, ' ')
		.replace(/\s+/g, ' ')
		.replace(/^[\s,;:-]+|[\s,;:-]+$/g, '');
	const rest = withoutFillers(said);
	const recurring = { ...blank(), kind: 'recurring' as const, every: rule.every };
	if (rest === '' || isDayOfYear(rest)) {
		return { ...recurring, from: period?.from ?? null, to: period?.to ?? null };
	}
	const span = parseSpan(rest);
	if (!span || !(span.kind === 'range' || span.kind === 'year' || span.kind === 'during_year'))
		return null;
	// "ежегодно до 2020 года": every year of the plan up to that year
	const from =
		UNTIL.test(said) && span.kind === 'year' && period && period.from < span.from!
			? period.from
			: span.from;
	return { ...recurring, from, to: span.to };
}

// ── public ───────────────────────────────────────────────────────────────────

/**
 * Reads a deadline cell. Null when the text cannot be understood — the import dry run reports it
 * as a bad deadline. Empty text is a valid "unknown". `period` (the plan's years) gives the years
 * of a deadline that only says "every year".
 */
export function parseDeadline(raw: string, period?: { from: number; to: number }): Deadline | null {
	const trimmed = raw.trim();
	if (trimmed === '') return { raw: '', ...blank() };
	const text = normalise(trimmed);
	const recurring = parseRecurring(text, period);
	const fields = recurring === undefined ? parseSpan(text) : recurring;
	return fields ? { raw: trimmed, ...fields } : null;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const MONTH_NAMES: Record<DeadlineLocale, string[]> = {
	ky: [
		'январь',
		'февраль',
		'март',
		'апрель',
		'май',
		'июнь',
		'июль',
		'август',
		'сентябрь',
		'октябрь',
		'ноябрь',
		'декабрь'
	],
	ru: [
		'январь',
		'февраль',
		'март',
		'апрель',
		'май',
		'июнь',
		'июль',
		'август',
		'сентябрь',
		'октябрь',
		'ноябрь',
		'декабрь'
	],
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	]
};
const EVERY_LABEL: Record<DeadlineLocale, Record<'year' | 'half_year' | 'quarter', string>> = {
	ky: { year: 'жыл сайын', half_year: 'жарым жыл сайын', quarter: 'чейрек сайын' },
	ru: { year: 'ежегодно', half_year: 'раз в полугодие', quarter: 'ежеквартально' },
	en: { year: 'every year', half_year: 'every half-year', quarter: 'every quarter' }
};

function checkpointLabel(c: string, locale: DeadlineLocale): string {
	// split gives at least one part, so year is always there
	const [year = '', mm] = c.split('-');
	if (!mm) return year;
	const name = MONTH_NAMES[locale][Number(mm) - 1] ?? mm;
	return locale === 'ky' ? `${year}-ж. ${name}` : `${name} ${year}`;
}

/** A short label for lists and cards: "2019, 2-жарым жыл" / "2-е полугодие 2019" / "2019, 2nd half". */
export function formatDeadline(d: Deadline, locale: DeadlineLocale): string {
	const y = d.from;
	switch (d.kind) {
		case 'range':
			if (y === null || d.to === null) break;
			return y === d.to ? String(y) : `${y}–${d.to}`;
		case 'year':
			if (y === null) break;
			return { ky: `${y}-жыл`, ru: `${y} год`, en: String(y) }[locale];
		case 'during_year':
			if (y === null) break;
			return { ky: `${y}-жыл ичинде`, ru: `в течение ${y} года`, en: `during ${y}` }[locale];
		case 'half_year': {
			const h = d.half;
			if (y === null || !h) break;
			return {
				ky: `${y}, ${h}-жарым жыл`,
				ru: `${h}-е полугодие ${y}`,
				en: `${y}, ${h === 1 ? '1st' : '2nd'} half`
			}[locale];
		}
		case 'quarter': {
			const q = d.quarter;
			if (y === null || !q) break;
			return { ky: `${y}, ${ROMAN[q]} чейрек`, ru: `${ROMAN[q]} квартал ${y}`, en: `${y}, Q${q}` }[
				locale
			];
		}
		case 'recurring':
			return EVERY_LABEL[locale][d.every ?? 'year'];
		case 'checkpoints':
			if (!d.checkpoints?.length) break;
			return d.checkpoints.map((c) => checkpointLabel(c, locale)).join('; ');
	}
	return d.raw.trim() || '—';
}

/**
 * A deadline written back as text that parseDeadline reads as the same deadline. Exports use it
 * beside the source's raw text where that text cannot be read (a typo such as "201-2020-жылдар").
 */
export function deadlineToText(d: Deadline): string {
	const years =
		d.from !== null && d.to !== null ? (d.from === d.to ? `${d.from}` : `${d.from}-${d.to}`) : '';
	switch (d.kind) {
		case 'range':
			return years;
		case 'year':
			return `${d.from} год`;
		case 'during_year':
			return `в течение ${d.from} года`;
		case 'half_year':
			return `${d.half}-е полугодие ${d.from} года`;
		case 'quarter':
			return `${ROMAN[d.quarter ?? 0]} квартал ${d.from} года`;
		case 'recurring': {
			const every =
				d.every === 'quarter'
					? 'ежеквартально'
					: d.every === 'half_year'
						? 'ежеполугодно'
						: 'ежегодно';
			return years ? `${every}, ${years} гг.` : every;
		}
		case 'checkpoints':
			return (d.checkpoints ?? []).join(', ');
		case 'unknown':
			return '';
	}
}
