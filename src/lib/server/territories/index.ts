import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError, Forbidden } from '../errors';
import { can, type TerritoryRef } from './permissions';
import { nameIn, type Locale } from '../../format';

export { can } from './permissions';
export {
	parseCsv,
	validateImport,
	importCsv,
	type ImportReport,
	type ImportProblem
} from './import';
export { seedTerritories } from './seed';
export { getProfile, updateProfile, type Profile } from './profile';

export const KINDS = ['oblast', 'city', 'rayon', 'town', 'municipality'] as const;
export type TerritoryKind = (typeof KINDS)[number];

export interface Territory extends TerritoryRef {
	kind: TerritoryKind;
	soateCode: string;
	statCode: string | null;
	parentId: number | null;
	nameKy: string;
	nameRu: string;
	nameEn: string;
}

/** Reads a territory as a permission subject; null when it does not exist. */
export async function ref(sql: Sql, id: number): Promise<Territory | null> {
	return byId(sql, id);
}

export interface TerritoryPage extends Territory {
	ancestors: Territory[];
	children: (Territory & { municipalities: number })[];
	members: { role: string; count: number }[];
}

/** The columns of a Territory, read from the table under `alias`. */
function columns(sql: Sql, alias = 'territory') {
	const a = alias;
	return sql.unsafe(
		`${a}.id, ${a}.kind, ${a}.soate_code, ${a}.stat_code, ${a}.parent_id, ${a}.name_ky, ${a}.name_ru, ${a}.name_en, ${a}.region_id`
	);
}

async function byId(sql: Sql, id: number): Promise<Territory | null> {
	const [t] = await sql<Territory[]>`select ${columns(sql)} from territory where id = ${id}`;
	return t ?? null;
}

/** A territory's workspace page: its place in the hierarchy, what lies under it and who works there. */
export async function page(sql: Sql, actor: Actor | null, id: number): Promise<TerritoryPage> {
	const t = await byId(sql, id);
	if (!t) throw new DomainError('error_not_found', 404);
	if (!can(actor, 'read', t)) throw new Forbidden();
	const ancestors = await sql<Territory[]>`
		with recursive up as (
			select parent_id as id, 1 as depth from territory where id = ${id}
			union all
			select t.parent_id, up.depth + 1 from territory t join up on t.id = up.id where t.parent_id is not null
		)
		select ${columns(sql, 't')}
		from up join territory t on t.id = up.id order by up.depth desc`;
	const children = await sql<(Territory & { municipalities: number })[]>`
		select ${columns(sql, 't')},
			(select count(*)::int from territory c where c.parent_id = t.id and c.kind in ('municipality', 'town')) as municipalities
		from territory t where t.parent_id = ${id} order by t.kind, t.name_ky`;
	const members = await sql<{ role: string; count: number }[]>`
		select role, count(*)::int as count from membership where territory_id = ${id} group by role order by role`;
	return { ...t, ancestors, children, members };
}

/** The oblasts and cities of republican significance with their counts, for the national overview and pickers. */
export async function regions(
	sql: Sql
): Promise<(Territory & { rayons: number; municipalities: number })[]> {
	return sql`
		select ${columns(sql, 'r')},
			(select count(*)::int from territory t where t.parent_id = r.id and t.kind = 'rayon') as rayons,
			(select count(*)::int from territory t where t.region_id = r.id and t.kind in ('municipality', 'town')) as municipalities
		from territory r where r.parent_id is null order by r.soate_code`;
}

/** Every municipality and town with its rayon and region, for pickers (account forms) and lists. */
export async function municipalities(
	sql: Sql,
	options: { regionId?: number } = {}
): Promise<
	(Territory & {
		rayonNameKy: string | null;
		rayonNameRu: string | null;
		rayonNameEn: string | null;
	})[]
> {
	return sql`
		select ${columns(sql, 't')},
			p.name_ky as rayon_name_ky, p.name_ru as rayon_name_ru, p.name_en as rayon_name_en
		from territory t left join territory p on p.id = t.parent_id and p.kind = 'rayon'
		where t.kind in ('municipality', 'town')
			${options.regionId ? sql`and t.region_id = ${options.regionId}` : sql``}
		order by t.soate_code`;
}

/** A municipality as a list shows it: in one language, the fields the table reads (MunicipalityTable). */
export interface ListedMunicipality {
	id: number;
	town: boolean;
	name: string;
	rayon: string | null;
	soateCode: string;
}

/** The municipalities of a list in the page's language: an oblast's seventy rows carry one name each, not six. */
export function listedIn(
	list: Awaited<ReturnType<typeof municipalities>>,
	locale: Locale
): ListedMunicipality[] {
	return list.map((t) => ({
		id: t.id,
		town: t.kind === 'town',
		name: nameIn(t, locale),
		rayon: locale === 'ru' ? t.rayonNameRu : locale === 'en' ? t.rayonNameEn : t.rayonNameKy,
		soateCode: t.soateCode
	}));
}

export async function bySoate(sql: Sql, soate: string): Promise<Territory | null> {
	const [t] = await sql<
		Territory[]
	>`select ${columns(sql)} from territory where soate_code = ${soate}`;
	return t ?? null;
}
