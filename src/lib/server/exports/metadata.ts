/**
 * What a national DHIS2 needs before it can import our ADX or dataValueSets: the data sets, data
 * elements, categories with their options, combos and option combos, and the organisation units
 * (oblasts and cities of republican significance at level 1, municipalities and towns at level 2,
 * each with its СОАТЕ code as `code` and the oblast as parent). Codes only, no database ids.
 */
import type { Sql } from '../db';
import { CATEGORIES, DATA_SETS, extract, type Category } from './model';
import { optionComboCode } from './writers';

/** DHIS2's own name for the combo and option combo of a value without disaggregation. */
const DEFAULT = 'default';

const CATEGORY_NAMES: Record<Category, string> = {
	SEX: 'Sex',
	AGE: 'Age band',
	DISABILITY: 'Disability status'
};
const OPTION_NAMES: Record<string, string> = {
	F: 'Female',
	M: 'Male',
	Y0T5: '0–5 years',
	Y6T13: '6–13 years',
	Y14T17: '14–17 years',
	Y18T29: '18–29 years',
	Y30T59: '30–59 years',
	Y_GE60: '60 years and over',
	PD: 'Persons with disability',
	NONPD: 'Persons without disability'
};

export async function metadata(sql: Sql) {
	const { dataElements } = await extract(sql, {});
	const territories = await sql<
		{
			soate: string;
			nameEn: string;
			nameRu: string;
			nameKy: string;
			kind: string;
			parent: string | null;
		}[]
	>`
		select t.soate_code as soate, t.name_en, t.name_ru, t.name_ky, t.kind,
			case when t.parent_id is null then null else r.soate_code end as parent
		from territory t join territory r on r.id = t.region_id
		where t.parent_id is null or t.kind in ('municipality', 'town')
		order by t.parent_id is not null, t.soate_code`;
	const categories = (Object.keys(CATEGORIES) as Category[]).map((c) => ({
		code: c,
		name: CATEGORY_NAMES[c],
		categoryOptions: Object.values(CATEGORIES[c]).map((o) => ({ code: o }))
	}));
	return {
		system: { name: 'Aiyl Plan', idScheme: 'CODE' },
		dataSets: Object.entries(DATA_SETS).map(([code, name]) => ({
			code,
			name,
			periodType: code === 'AP_TARGETS' ? 'Yearly' : 'Yearly, SixMonthly or Quarterly'
		})),
		dataElements: dataElements.map((d) => ({
			code: d.code,
			name: d.name,
			shortName: d.name.slice(0, 50),
			unit: d.unit,
			valueType: d.kind === 'yes_no' ? 'NUMBER' : d.kind === 'percent' ? 'PERCENTAGE' : 'NUMBER',
			aggregationType: d.kind === 'count' || d.kind === 'money' ? 'SUM' : 'AVERAGE',
			domainType: 'AGGREGATE',
			categoryCombo: { code: d.category ?? 'default' }
		})),
		categoryOptions: Object.values(CATEGORIES).flatMap((c) =>
			Object.values(c).map((o) => ({ code: o, name: OPTION_NAMES[o] }))
		),
		categories,
		categoryCombos: [
			{ code: DEFAULT, name: DEFAULT, categories: [] },
			...categories.map((c) => ({ code: c.code, name: c.name, categories: [{ code: c.code }] }))
		],
		categoryOptionCombos: [
			{ code: DEFAULT, name: DEFAULT, categoryCombo: { code: DEFAULT }, categoryOptions: [] },
			...(Object.keys(CATEGORIES) as Category[]).flatMap((c) =>
				Object.values(CATEGORIES[c]).map((o) => ({
					code: optionComboCode({ disaggregation: { category: c, option: o } }),
					name: OPTION_NAMES[o],
					categoryCombo: { code: c },
					categoryOptions: [{ code: o }]
				}))
			)
		],
		organisationUnits: territories.map((t) => ({
			code: t.soate,
			name: t.nameEn,
			nameRu: t.nameRu,
			nameKy: t.nameKy,
			level: t.parent ? 2 : 1,
			parent: t.parent ? { code: t.parent } : null
		}))
	};
}
