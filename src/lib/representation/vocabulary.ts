/**
 * The representation registry's words, shared by the pages and the server: the kinds of bodies a
 * municipality reports on (seed 002: the kenesh and its commissions, the aiyl okmotu, municipal
 * enterprises, school bodies, public councils), the sexes a position is held by, and the 30% rule.
 */

/** Kinds of local bodies; 'kenesh' is the one whose composition comes from the roster. */
export const BODY_KINDS = [
	'kenesh',
	'kenesh_commission',
	'aiyl_okmotu',
	'municipal_enterprise',
	'school_board',
	'public_council'
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** The kinds staff enter or import (the kenesh is counted from its roster). */
export const ENTERED_KINDS = BODY_KINDS.filter((k) => k !== 'kenesh') as Exclude<
	BodyKind,
	'kenesh'
>[];

export const POSITION_SEXES = ['female', 'male'] as const;
export type PositionSex = (typeof POSITION_SEXES)[number];

/** The quota's bounds as a fraction: each sex at least 3/10 of the members, so at most 7/10. */
export const QUOTA = { numerator: 3, denominator: 10 } as const;

/** Why a body breaks the rule; each is a message key `representation_reason_<reason>`. */
export type Breach =
	| { reason: 'empty' }
	| { reason: 'women_below'; share: string }
	| { reason: 'men_below'; share: string }
	| { reason: 'same_sex_leaders'; sex: PositionSex };

export interface Composition {
	women: number;
	men: number;
	headSex?: PositionSex | null;
	deputySex?: PositionSex | null;
}

/** A share in percent with one decimal, rounded half up in integer arithmetic: 299 of 1000 → "29.9". */
export function shareOf(part: number, whole: number): string {
	if (whole <= 0) return '0.0';
	const tenths = Math.floor((2000 * part + whole) / (2 * whole));
	return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/**
 * How a body breaks the 30% rule, in exact arithmetic on the counts (3 of 10 passes, 299 of 1000
 * fails): each sex at least 30% and so at most 70% of the members, and the head and the deputy
 * head of different sexes where both are known. An empty list: it meets the rule. The database's
 * `representation_meets` says the same.
 */
export function breaches(c: Composition): Breach[] {
	const total = c.women + c.men;
	const out: Breach[] = [];
	if (total <= 0) out.push({ reason: 'empty' });
	else {
		if (QUOTA.denominator * c.women < QUOTA.numerator * total)
			out.push({ reason: 'women_below', share: shareOf(c.women, total) });
		if (QUOTA.denominator * c.men < QUOTA.numerator * total)
			out.push({ reason: 'men_below', share: shareOf(c.men, total) });
	}
	if (c.headSex && c.deputySex && c.headSex === c.deputySex)
		out.push({ reason: 'same_sex_leaders', sex: c.headSex });
	return out;
}

/** Counts of a set of bodies: how many there are, how many meet the 30% rule, and their members by sex. */
export interface Figures {
	bodies: number;
	meeting: number;
	women: number;
	men: number;
	/** women's share of all their members in percent, one decimal ("41.7"); null with no members */
	womenShare: string | null;
}

export interface AreaFigures {
	total: Figures;
	/** every kind, zeros where there is no such body */
	byKind: Record<BodyKind, Figures>;
}
