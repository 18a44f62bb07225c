/**
 * One model of the figures statisticians receive (issue [11].5): approved plan targets and
 * submitted report actuals and spending, as DHIS2 data values. The ADX, dataValueSets and metadata
 * writers all read this model, so the three formats can never disagree.
 *
 * Codes are stable between instances (no database ids):
 * - org unit: the municipality's СОАТЕ code; its parent in the metadata is the oblast's СОАТЕ code;
 * - data set: AP_TARGETS (yearly targets of approved plans) and AP_ACTUALS (submitted reports);
 * - data element: `AP_` + the first 12 hex digits (upper case) of SHA-256 over
 *   "national measure stable id | indicator name | unit | kind" — the same indicator in any instance
 *   or plan revision gets the same code; a disaggregated figure goes to that code + `_SEX`, `_AGE`
 *   or `_DISABILITY`, whose DHIS2 category combo is that one category (DHIS2 combos are the product
 *   of their categories, and our figures are split by one category at a time); AP_SPENT is the
 *   money spent in a report period (KGS);
 * - disaggregation: SEX F/M, AGE Y0T5, Y6T13, Y14T17, Y18T29, Y30T59, Y_GE60 and DISABILITY PD/NONPD
 *   (the SDMX SDG code lists); a total has none.
 */
import { createHash } from 'node:crypto';
import type { Sql } from '../db';

export const DATA_SETS = {
	AP_TARGETS: 'Aiyl Plan: targets of approved local plans',
	AP_ACTUALS: 'Aiyl Plan: actuals of submitted implementation reports'
} as const;
export type DataSet = keyof typeof DATA_SETS;

export const SPENT = 'AP_SPENT';

/** Category code → option value in the database → option code. */
export const CATEGORIES = {
	SEX: { female: 'F', male: 'M' },
	AGE: {
		'0-5': 'Y0T5',
		'6-13': 'Y6T13',
		'14-17': 'Y14T17',
		'18-29': 'Y18T29',
		'30-59': 'Y30T59',
		'60+': 'Y_GE60'
	},
	DISABILITY: { with: 'PD', without: 'NONPD' }
} as const;
export type Category = keyof typeof CATEGORIES;

export interface Disaggregation {
	category: Category;
	option: string;
}

export interface DataValue {
	orgUnit: string;
	/** DHIS2 period code: 2025, 2026S1, 2026Q3 */
	period: string;
	dataSet: DataSet;
	dataElement: string;
	disaggregation: Disaggregation | null;
	/** a decimal string as the database holds it */
	value: string;
}

export interface DataElement {
	code: string;
	/** the one category its values are split by; null for totals (the default combo) */
	category: Category | null;
	name: string;
	unit: string;
	kind: string;
}

export interface Extract {
	values: DataValue[];
	dataElements: DataElement[];
}

/** DHIS2 period code → ADX period (ISO 8601 start/duration); null for anything else. */
export function isoPeriod(code: string): string | null {
	const m = /^(\d{4})(?:(S)([12])|(Q)([1-4]))?$/.exec(code);
	if (!m) return null;
	const [, year, s, half, q, quarter] = m;
	if (s) return `${year}-${half === '1' ? '01' : '07'}-01/P6M`;
	if (q) return `${year}-${String(3 * Number(quarter) - 2).padStart(2, '0')}-01/P3M`;
	return `${year}-01-01/P1Y`;
}

export function dataElementCode(
	measureStableId: string | null,
	name: string,
	unit: string,
	kind: string
) {
	const key = [measureStableId ?? '', name.trim(), unit.trim(), kind].join('|');
	return 'AP_' + createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase();
}

function disaggregation(r: {
	sex: string;
	ageBand: string;
	disability: string;
}): Disaggregation | null {
	if (r.sex) return { category: 'SEX', option: CATEGORIES.SEX[r.sex as 'female'] };
	if (r.ageBand) return { category: 'AGE', option: CATEGORIES.AGE[r.ageBand as '0-5'] };
	if (r.disability)
		return { category: 'DISABILITY', option: CATEGORIES.DISABILITY[r.disability as 'with'] };
	return null;
}

export interface Scope {
	/** one approved plan */
	planId?: number;
	/** the oblast (territory id) whose municipalities' approved plans count; none = the country */
	regionId?: number;
	/** a DHIS2 period code: a year takes that year's targets and every report within it */
	period?: string;
}

interface Row {
	soate: string;
	period: string;
	measureStableId: string | null;
	name: string;
	unit: string;
	kind: string;
	sex: string;
	ageBand: string;
	disability: string;
	value: string;
}

/** The data values of approved plans (and their submitted reports) within a scope. */
export async function extract(sql: Sql, scope: Scope): Promise<Extract> {
	const plan = scope.planId ?? null;
	const region = scope.regionId ?? null;
	const period = scope.period ?? null;
	const year = period ? Number(period.slice(0, 4)) : null;
	const plans = sql`
		select p.id, t.soate_code
		from local_plan p join territory t on t.id = p.municipality_id
		where p.state = 'approved'
			and (${plan}::bigint is null or p.id = ${plan}::bigint)
			and (${region}::bigint is null or t.region_id = ${region}::bigint)`;
	const indicators = sql`
		select i.id, a.local_plan_id, n.stable_id as measure_stable_id, i.name, i.unit, i.kind, i.position, a.position as apos
		from indicator i join activity a on a.id = i.activity_id
		left join plan_node n on n.id = a.measure_node_id`;
	const targets = await sql<Row[]>`
		with plans as (${plans}), inds as (${indicators})
		select plans.soate_code as soate, v.year::text as period, inds.measure_stable_id, inds.name,
			inds.unit, inds.kind, v.sex, v.age_band, v.disability, v.value::text as value
		from indicator_value v join inds on inds.id = v.indicator_id join plans on plans.id = inds.local_plan_id
		where v.year is not null
			and (${period}::text is null or (${period}::text ~ '^[0-9]{4}$' and v.year = ${year}::int))
		order by plans.soate_code, v.year, inds.apos, inds.position, v.sex, v.age_band, v.disability`;
	const actuals = await sql<Row[]>`
		with plans as (${plans}), inds as (${indicators})
		select plans.soate_code as soate, r.period, inds.measure_stable_id, inds.name, inds.unit, inds.kind,
			v.sex, v.age_band, v.disability, v.value::text as value
		from report r join plans on plans.id = r.local_plan_id
		join report_indicator_value v on v.report_id = r.id join inds on inds.id = v.indicator_id
		where r.state = 'submitted'
			-- a corrected report counts once, in its latest submitted version
			and not exists (
				select 1 from report later
				where later.local_plan_id = r.local_plan_id and later.period = r.period
					and later.state = 'submitted' and later.version > r.version
			)
			and (${period}::text is null or r.period = ${period}::text
				or (${period}::text ~ '^[0-9]{4}$' and r.year = ${year}::int))
		order by plans.soate_code, r.period_start, r.period, inds.apos, inds.position, v.sex, v.age_band, v.disability`;
	const spent = await sql<{ soate: string; period: string; value: string }[]>`
		with plans as (${plans})
		select plans.soate_code as soate, r.period,
			(coalesce((select sum(s.spent) from report_spending s where s.report_id = r.id), 0)
				+ coalesce((select sum(e.spent) from report_extra_spending e where e.report_id = r.id), 0))::text as value
		from report r join plans on plans.id = r.local_plan_id
		where r.state = 'submitted'
			-- a corrected report counts once, in its latest submitted version
			and not exists (
				select 1 from report later
				where later.local_plan_id = r.local_plan_id and later.period = r.period
					and later.state = 'submitted' and later.version > r.version
			)
			and (${period}::text is null or r.period = ${period}::text
				or (${period}::text ~ '^[0-9]{4}$' and r.year = ${year}::int))
		order by plans.soate_code, r.period_start`;

	const elements = new Map<string, DataElement>();
	const toValue = (r: Row, dataSet: DataSet): DataValue => {
		const split = disaggregation(r);
		const base = dataElementCode(r.measureStableId, r.name, r.unit, r.kind);
		const code = split ? `${base}_${split.category}` : base;
		if (!elements.has(code))
			elements.set(code, {
				code,
				category: split?.category ?? null,
				name: split ? `${r.name} (${split.category.toLowerCase()})` : r.name,
				unit: r.unit,
				kind: r.kind
			});
		return {
			orgUnit: r.soate,
			period: r.period,
			dataSet,
			dataElement: code,
			disaggregation: split,
			value: r.value
		};
	};
	const values = [
		...targets.map((r) => toValue(r, 'AP_TARGETS')),
		...actuals.map((r) => toValue(r, 'AP_ACTUALS')),
		...spent.map((s) => ({
			orgUnit: s.soate,
			period: s.period,
			dataSet: 'AP_ACTUALS' as const,
			dataElement: SPENT,
			disaggregation: null,
			value: s.value
		}))
	];
	if (spent.length > 0)
		elements.set(SPENT, {
			code: SPENT,
			category: null,
			name: 'Money spent in the period',
			unit: 'KGS',
			kind: 'money'
		});
	return { values, dataElements: [...elements.values()] };
}

/** Whether a plan is approved (only approved plans have exports). */
export async function isApproved(sql: Sql, planId: number): Promise<boolean> {
	const [p] = await sql`select 1 from local_plan where id = ${planId} and state = 'approved'`;
	return !!p;
}

/** The oblast (or city of republican significance) with this KG statistical code, or null. */
export async function regionByStatCode(sql: Sql, code: string): Promise<number | null> {
	const [r] = await sql<{ id: number }[]>`
		select id::int from territory where stat_code = ${code} and parent_id is null`;
	return r ? r.id : null;
}
