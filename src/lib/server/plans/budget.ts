import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { ConflictError, DomainError } from '../errors';
import { parseMoneyInput, toTyiyn } from '../../money';
import { editActivity } from './activities';
import { touch, type PlanRef } from './plans';
import { FUNDING, INDICATOR_KINDS, type Funding, type IndicatorKind, type Marker } from './types';
import { POPULATIONS, type Population } from '../../plans/vocabulary';
import type { FigureRow } from '../../plans/indicators';
import {
	figureField,
	periodRows,
	type Disaggregation,
	type FiguresInput
} from './indicator-values';

/** A warning does not stop a save; the page shows it (the yearly envelope exceeded). */
export interface Warning {
	code: string;
	params: Record<string, string | number>;
}

export interface BudgetLineInput {
	id?: number | null;
	year: number;
	amount: string;
	source: string;
	donorName: string;
	classificationCode: string;
	marker: number;
	genderShare: string;
	justification: string;
	beneficiariesWomen: string | number | null;
	beneficiariesMen: string | number | null;
	beneficiariesGirls: string | number | null;
	beneficiariesBoys: string | number | null;
	rowVersion?: number | null;
}

const count = (v: string | number | null, field: string): number | null => {
	const t = String(v ?? '').trim();
	if (t === '') return null;
	if (!/^\d{1,7}$/.test(t)) throw new DomainError('error_beneficiaries', 400, { field }, field);
	return Number(t);
};

/** Checks a budget line against the rules of the gender budget; returns it ready to store. */
async function checkLine(tx: Sql, plan: PlanRef, activityId: number, input: BudgetLineInput) {
	if (
		!Number.isInteger(input.year) ||
		input.year < plan.periodStart ||
		input.year > plan.periodEnd
	) {
		throw new DomainError(
			'error_year_outside_period',
			400,
			{ year: String(input.year), start: plan.periodStart, end: plan.periodEnd },
			'year'
		);
	}
	const money = parseMoneyInput(input.amount);
	if (!money.ok)
		throw new DomainError('error_' + money.problem, 400, { value: input.amount }, 'amount');
	if (!(FUNDING as readonly string[]).includes(input.source))
		throw new DomainError('error_funding_source', 400, {}, 'source');
	const donorName = input.donorName.trim();
	if (input.source === 'donor' && !donorName)
		throw new DomainError('error_donor_name_required', 400, {}, 'donorName');
	if (donorName.length > 200)
		throw new DomainError('error_field_too_long', 400, { max: 200 }, 'donorName');
	const classificationCode = input.classificationCode.trim();
	if (classificationCode && !/^[0-9]{1,12}$/.test(classificationCode))
		throw new DomainError('error_classification_code', 400, {}, 'classificationCode');
	if (![0, 1, 2].includes(input.marker)) throw new DomainError('error_marker', 400, {}, 'marker');
	const marker = input.marker as Marker;
	let genderShare = '0';
	if (marker === 2) genderShare = '100';
	if (marker === 1) {
		const share = input.genderShare.trim().replace(',', '.').replace(/%$/, '');
		if (!/^\d{1,2}(\.\d{1,2})?$/.test(share) || Number(share) <= 0 || Number(share) >= 100)
			throw new DomainError('error_gender_share', 400, {}, 'genderShare');
		genderShare = share;
	}
	// a justification belongs to marker 2 only: for another marker it is dropped, never stored
	const justification = marker === 2 ? input.justification.trim() : '';
	if (marker === 2 && !justification)
		throw new DomainError('error_marker2_justification', 400, {}, 'justification');
	if (justification.length > 2000)
		throw new DomainError('error_field_too_long', 400, { max: 2000 }, 'justification');
	if (marker > 0 && !(await hasSexIndicator(tx, activityId)))
		throw new DomainError('error_marker_needs_sex_indicator', 400, { marker }, 'marker');
	return {
		year: input.year,
		amount: money.value,
		source: input.source as Funding,
		donorName: input.source === 'donor' ? donorName : '',
		classificationCode,
		marker,
		genderShare,
		justification,
		beneficiariesWomen: count(input.beneficiariesWomen, 'women'),
		beneficiariesMen: count(input.beneficiariesMen, 'men'),
		beneficiariesGirls: count(input.beneficiariesGirls, 'girls'),
		beneficiariesBoys: count(input.beneficiariesBoys, 'boys')
	};
}

/** The envelope warning for a year: the plan's local-budget lines of that year exceed what the kenesh set. */
async function envelopeWarnings(tx: Sql, planId: number, year: number): Promise<Warning[]> {
	const row = (
		await tx<{ planned: string; envelope: string | null }[]>`
		select coalesce(sum(b.amount), 0)::text as planned,
			(select amount::text from local_plan_envelope where local_plan_id = ${planId} and year = ${year}) as envelope
		from budget_line b join activity a on a.id = b.activity_id
		where a.local_plan_id = ${planId} and b.year = ${year} and b.source = 'local_budget'`
	)[0]!;
	if (row.envelope !== null && toTyiyn(row.planned) > toTyiyn(row.envelope)) {
		return [
			{
				code: 'warning_envelope_exceeded',
				params: { year, planned: row.planned, envelope: row.envelope }
			}
		];
	}
	return [];
}

const STORED = `id, activity_id, year, amount::text as amount, source, donor_name, classification_code, marker, gender_share::text as gender_share, justification,
	beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys, row_version`;

/**
 * Adds a budget line to an activity or changes one (with `id` and the `rowVersion` the user saw).
 * Refuses what breaks a rule, with the reason; returns warnings such as an exceeded envelope.
 */
export async function saveBudgetLine(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	input: BudgetLineInput
): Promise<{ id: number; warnings: Warning[] }> {
	return editActivity(sql, actor, activityId, async (tx, _activity, plan, actor) => {
		const line = await checkLine(tx, plan, activityId, input);
		let id: number;
		if (input.id) {
			const [current] = await tx<
				Record<string, unknown>[]
			>`select ${tx.unsafe(STORED)} from budget_line where id = ${input.id} and activity_id = ${activityId}`;
			if (!current) throw new DomainError('error_not_found', 404);
			if (current.rowVersion !== input.rowVersion) {
				const keys = Object.keys(line) as (keyof typeof line)[];
				throw new ConflictError(
					current,
					keys.filter((k) => String(current[k] ?? '') !== String(line[k] ?? ''))
				);
			}
			await tx`
				update budget_line set year = ${line.year}, amount = ${line.amount}, source = ${line.source}, donor_name = ${line.donorName},
					classification_code = ${line.classificationCode}, marker = ${line.marker}, gender_share = ${line.genderShare},
					justification = ${line.justification}, beneficiaries_women = ${line.beneficiariesWomen}, beneficiaries_men = ${line.beneficiariesMen},
					beneficiaries_girls = ${line.beneficiariesGirls}, beneficiaries_boys = ${line.beneficiariesBoys}, row_version = row_version + 1
				where id = ${input.id}`;
			id = input.id;
			const { id: _i, activityId: _a, rowVersion: _r, ...before } = current;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'budget_line',
				entityId: id,
				action: 'update',
				before: { activityId, ...before },
				after: { activityId, ...line }
			});
		} else {
			id = (
				await tx<{ id: number }[]>`
				insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, classification_code, marker, gender_share,
					justification, beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys)
				values (${activityId}, ${plan.municipalityId}, ${line.year}, ${line.amount}, ${line.source}, ${line.donorName}, ${line.classificationCode},
					${line.marker}, ${line.genderShare}, ${line.justification}, ${line.beneficiariesWomen}, ${line.beneficiariesMen},
					${line.beneficiariesGirls}, ${line.beneficiariesBoys})
				returning id`
			)[0]!.id;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'budget_line',
				entityId: id,
				action: 'create',
				after: { activityId, ...line }
			});
		}
		await touch(tx, plan.id);
		return { id, warnings: await envelopeWarnings(tx, plan.id, line.year) };
	});
}

export async function deleteBudgetLine(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	lineId: number
): Promise<void> {
	await editActivity(sql, actor, activityId, async (tx, _activity, plan, actor) => {
		const [current] = await tx<
			Record<string, unknown>[]
		>`select ${tx.unsafe(STORED)} from budget_line where id = ${lineId} and activity_id = ${activityId}`;
		if (!current) throw new DomainError('error_not_found', 404);
		const deleted = await tx`delete from budget_line where id = ${lineId} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'budget_line',
			entityId: lineId,
			action: 'delete',
			before: { ...current, activityId }
		});
		await touch(tx, plan.id);
	});
}

export interface IndicatorInput {
	id?: number | null;
	name: string;
	unit: string;
	kind: string;
	/** 'adults' (women and men, the default) or 'children' (girls and boys) */
	population?: string;
	bySex: boolean;
	byAge: boolean;
	byDisability: boolean;
	dataSource: string;
	baseline: string | FiguresInput;
	targets: Record<number, string | FiguresInput>;
	rowVersion?: number | null;
}

/** The indicators of an activity that the gender-marker rule counts (by sex, with women's and men's targets), other than one. */
async function hasSexIndicator(
	tx: Sql,
	activityId: number,
	exceptIndicatorId?: number
): Promise<boolean> {
	const [row] = await tx`
		select 1
		from indicator
		where activity_id = ${activityId}
			and id <> ${exceptIndicatorId ?? 0}
			and indicator_counts_for_marker(id)
		limit 1`;
	return !!row;
}

async function countsForMarker(tx: Sql, indicatorId: number): Promise<boolean> {
	const { counts } = (
		await tx<
			{ counts: boolean }[]
		>`select coalesce(indicator_counts_for_marker(${indicatorId}), false) as counts`
	)[0]!;
	return counts;
}

/** A warning for a sex-disaggregated indicator that has no women's and men's targets yet: it does not count for marker 1 or 2. */
function sexWarnings(bySex: boolean, rows: FigureRow[]): Warning[] {
	const has = (sex: string) => rows.some((r) => r.year !== null && r.sex === sex);
	return bySex && !(has('female') && has('male'))
		? [{ code: 'warning_indicator_without_sexes', params: {} }]
		: [];
}

/**
 * Adds or changes an indicator with its baseline and yearly targets, each with its breakdown by
 * sex, age band and disability (the total of a count by sex is derived). An indicator that the
 * gender marker of the activity's budget relies on cannot stop counting for it.
 */
export async function saveIndicator(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	input: IndicatorInput
): Promise<{ id: number; warnings: Warning[] }> {
	const name = input.name.trim();
	if (!name) throw new DomainError('error_indicator_name_required', 400, {}, 'name');
	if (name.length > 500) throw new DomainError('error_field_too_long', 400, { max: 500 }, 'name');
	const unit = input.unit.trim();
	if (unit.length > 50) throw new DomainError('error_field_too_long', 400, { max: 50 }, 'unit');
	const dataSource = input.dataSource.trim();
	if (dataSource.length > 500)
		throw new DomainError('error_field_too_long', 400, { max: 500 }, 'dataSource');
	if (!(INDICATOR_KINDS as readonly string[]).includes(input.kind))
		throw new DomainError('error_indicator_kind', 400, {}, 'kind');
	const population = input.population || 'adults';
	if (!(POPULATIONS as readonly string[]).includes(population))
		throw new DomainError('error_indicator_population', 400, {}, 'population');
	const d: Disaggregation = {
		kind: input.kind as IndicatorKind,
		population: population as Population,
		bySex: input.bySex,
		byAge: input.byAge,
		byDisability: input.byDisability
	};
	const rows = periodRows(d, null, input.baseline);
	return editActivity(sql, actor, activityId, async (tx, _activity, plan, actor) => {
		for (const [y, given] of Object.entries(input.targets)) {
			const year = Number(y);
			const yearRows = periodRows(d, year, given);
			if (yearRows.length === 0) continue;
			if (!Number.isInteger(year) || year < plan.periodStart || year > plan.periodEnd) {
				throw new DomainError(
					'error_year_outside_period',
					400,
					{ year, start: plan.periodStart, end: plan.periodEnd },
					figureField(year)
				);
			}
			rows.push(...yearRows);
		}
		const fields = {
			name,
			unit,
			kind: d.kind,
			population: d.population,
			bySex: d.bySex,
			byAge: d.byAge,
			byDisability: d.byDisability,
			dataSource
		};
		const figures = rows.map((r) => ({
			year: r.year,
			sex: r.sex,
			ageBand: r.ageBand,
			disability: r.disability,
			value: r.value
		}));
		let id: number;
		if (input.id) {
			const [current] = await tx<(typeof fields & { rowVersion: number })[]>`
				select name, unit, kind, population, by_sex, by_age, by_disability, data_source, row_version
				from indicator
				where id = ${input.id}
					and activity_id = ${activityId}`;
			if (!current) throw new DomainError('error_not_found', 404);
			if (current.rowVersion !== input.rowVersion) {
				throw new ConflictError(
					current,
					(Object.keys(fields) as (keyof typeof fields)[]).filter(
						(k) => String(current[k] ?? '') !== String(fields[k] ?? '')
					)
				);
			}
			const counted = await countsForMarker(tx, input.id);
			const before = await tx<FigureRow[]>`
				select year, sex, age_band, disability, value::text as value
				from indicator_value
				where indicator_id = ${input.id}
				order by year nulls first, sex, age_band, disability`;
			await tx`
				update indicator
				set name = ${fields.name}, unit = ${fields.unit}, kind = ${fields.kind}, population = ${fields.population},
					by_sex = ${fields.bySex}, by_age = ${fields.byAge}, by_disability = ${fields.byDisability},
					data_source = ${fields.dataSource}, row_version = row_version + 1
				where id = ${input.id}`;
			id = input.id;
			await writeFigures(tx, id, plan.municipalityId, rows);
			if (counted && !(await countsForMarker(tx, id))) await guardSexIndicator(tx, activityId, id);
			const { rowVersion: _r, ...was } = current;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'indicator',
				entityId: id,
				action: 'update',
				before: { activityId, ...was, targets: before },
				after: { activityId, ...fields, targets: figures }
			});
		} else {
			id = (
				await tx<{ id: number }[]>`
				insert into indicator (activity_id, municipality_id, name, unit, kind, population, by_sex, by_age, by_disability, data_source, position)
				values (${activityId}, ${plan.municipalityId}, ${fields.name}, ${fields.unit}, ${fields.kind}, ${fields.population}, ${fields.bySex},
					${fields.byAge}, ${fields.byDisability}, ${fields.dataSource}, (select count(*) from indicator where activity_id = ${activityId}))
				returning id`
			)[0]!.id;
			await writeFigures(tx, id, plan.municipalityId, rows);
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'indicator',
				entityId: id,
				action: 'create',
				after: { activityId, ...fields, targets: figures }
			});
		}
		await touch(tx, plan.id);
		return { id, warnings: sexWarnings(d.bySex, rows) };
	});
}

/** Replaces the stored figures of an indicator. */
async function writeFigures(
	tx: Sql,
	indicatorId: number,
	municipalityId: number,
	rows: FigureRow[]
): Promise<void> {
	await tx`delete from indicator_value where indicator_id = ${indicatorId}`;
	if (rows.length === 0) return;
	await tx`
		insert into indicator_value ${tx(
			rows.map((r) => ({
				indicator_id: indicatorId,
				municipality_id: municipalityId,
				year: r.year,
				sex: r.sex,
				age_band: r.ageBand,
				disability: r.disability,
				value: r.value
			}))
		)}`;
}

/** Refuses to lose the last indicator that makes a gender marker of the activity's budget possible. */
async function guardSexIndicator(tx: Sql, activityId: number, indicatorId: number): Promise<void> {
	const [marked] =
		await tx`select 1 from budget_line where activity_id = ${activityId} and marker > 0 limit 1`;
	if (marked && !(await hasSexIndicator(tx, activityId, indicatorId)))
		throw new DomainError('error_last_sex_indicator');
}

export async function deleteIndicator(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	indicatorId: number
): Promise<void> {
	await editActivity(sql, actor, activityId, async (tx, _activity, plan, actor) => {
		const [current] = await tx<
			{ name: string; bySex: boolean }[]
		>`select name, by_sex from indicator where id = ${indicatorId} and activity_id = ${activityId}`;
		if (!current) throw new DomainError('error_not_found', 404);
		if (await countsForMarker(tx, indicatorId))
			await guardSexIndicator(tx, activityId, indicatorId);
		const deleted = await tx`delete from indicator where id = ${indicatorId} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'indicator',
			entityId: indicatorId,
			action: 'delete',
			before: { activityId, ...current }
		});
		await touch(tx, plan.id);
	});
}
