import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/format';
import type { PlanStanding } from './standing';

/** The label a plan carries in the picker when it is not simply in force for the period ("expired 2018–2020", "draft"). */
export function standingLabel(
	standing: PlanStanding,
	plan: { periodStart: number; periodEnd: number }
): string | null {
	switch (standing) {
		case 'in_force':
			return null;
		case 'draft':
			return m.plan_status_draft();
		case 'expired':
			return m.plan_standing_expired({ start: plan.periodStart, end: plan.periodEnd });
		case 'future':
			return m.plan_standing_future({ start: plan.periodStart });
		case 'superseded':
			return m.plan_status_superseded();
	}
}

interface BodyName {
	abbr: string | null;
	code: string;
	nameKy: string;
	nameRu: string | null;
	nameEn: string | null;
}

// the registry's full names end or start with the country; in a list of bodies it says nothing
const COUNTRY = /\s*(Кыргыз Республикасынын|Кыргызской Республики|of the Kyrgyz Republic)\s*/;

/**
 * A responsible body as a filter option reads in the page language: Kyrgyz pages keep the plan's
 * own abbreviation before the name (ЭСӨМ — …); Russian and English pages name the body in their
 * language, since the abbreviations are Kyrgyz ones.
 */
export function bodyLabel(b: BodyName, locale: Locale): string {
	const name = (
		locale === 'ky'
			? b.nameKy
			: locale === 'ru'
				? (b.nameRu ?? b.nameKy)
				: (b.nameEn ?? b.nameRu ?? b.nameKy)
	)
		.replace(COUNTRY, ' ')
		.trim()
		.replace(/^\p{Ll}/u, (ch) => ch.toLocaleUpperCase(locale));
	const short = name.length > 80 ? name.slice(0, 79) + '…' : name;
	return locale === 'ky' && b.abbr ? `${b.abbr} — ${short}` : short;
}

/** Bodies for a filter: labelled in the page language, in alphabetical order of that label. */
export function bodyOptions<T extends BodyName>(
	bodies: T[],
	locale: Locale
): (T & { label: string })[] {
	return bodies
		.map((b) => ({ ...b, label: bodyLabel(b, locale) }))
		.sort((a, b) => a.label.localeCompare(b.label, locale));
}
