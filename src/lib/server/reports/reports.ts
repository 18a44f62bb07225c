/** Implementation reports of an approved plan version: periods, filling a report, submitting it. */

import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { planRef, supersededBy, withPlanLock, type PlanRef } from '../plans/plans';
import { planView } from '../plans/view';
import { periodRows, type FiguresInput } from '../plans/indicator-values';
import { notify, usersOf } from '../approval/notifications';
import { contentHash } from '../content-hash';
import { queueReportDocuments } from '../documents/report-queue';
import { enqueueFeed } from '../feed/deliver';
import { formatDate, todayInBishkek } from '../../format';
import { parseMoneyInput } from '../../money';
import { emptyFigures, figuresOf, type FigureRow } from '../../plans/indicators';
import {
	FUNDING,
	type AgeBand,
	type Disability,
	type Funding,
	type Marker
} from '../../plans/vocabulary';
import {
	ACTIVITY_STATUSES,
	ACTUAL_AGE_KEYS,
	ACTUAL_DISABILITY_KEYS,
	DEFAULT_DUE_DAYS,
	FREQUENCIES,
	STOP_REASONS,
	needsReason,
	type ActivityStatus,
	type Frequency,
	type ReportState,
	type StopReason
} from '../../reports/vocabulary';
import {
	addDays,
	parsePeriod,
	periodsOfYear,
	reportState,
	type Period
} from '../../reports/periods';
import {
	beneficiaryTotals,
	executionRate,
	genderSpent,
	shareAchieved,
	spendingSummary,
	type Counts,
	type MoneyRow
} from '../../reports/summary';
import { can, type ReportAction } from './permissions';
import type { Indicator, IndicatorFigures } from '../plans/types';
import { reportComments, type ReportComment } from './comments';
import { versionChanges, type VersionChange } from './diff';

/** A stored report, as every change decides on it (read under its row lock). */
export interface ReportRef {
	id: number;
	localPlanId: number;
	municipalityId: number;
	period: string;
	/** 1, then each correction of the period's submitted report one more */
	version: number;
	year: number;
	periodStart: string;
	periodEnd: string;
	dueDate: string;
	state: 'draft' | 'submitted';
	rowVersion: number;
	submittedAt: Date | null;
	contentHash: string | null;
}

const REPORT_COLUMNS = (sql: Sql) => sql`
	id, local_plan_id, municipality_id, period, version, year,
	to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end,
	to_char(due_date, 'YYYY-MM-DD') as due_date, state, row_version, submitted_at, content_hash`;

/** The plan, if the actor may do `action` with its reports and it is an approved version (only those report). */
export async function approvedPlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	action: ReportAction
): Promise<PlanRef & { actor: Actor }> {
	const plan = await planRef(sql, planId);
	if (!can(actor, action, plan)) throw new Forbidden();
	if (plan.state !== 'approved') throw new DomainError('error_not_found', 404);
	// a version replaced by a newer approved one keeps its reports readable; reporting carries on in the newer one
	if (action !== 'read' && action !== 'read_draft' && (await supersededBy(sql, planId)))
		throw new DomainError('report_version_superseded', 409);
	return { ...plan, actor };
}

/** The newest submitted report of each period on the older approved versions this one revised (issue [10] item 1). */
async function reportedOnOlder(
	sql: Sql,
	planId: number
): Promise<{ localPlanId: number; period: string; submittedAt: Date; contentHash: string }[]> {
	return sql`${reportedOlderSql(sql, planId)}`;
}

const reportedOlderSql = (sql: Sql, planId: number) => sql`
	with recursive older (id) as (
		select revision_of from local_plan where id = ${planId} and revision_of is not null
		union all
		select p.revision_of from local_plan p join older o on p.id = o.id where p.revision_of is not null
	)
	select distinct on (r.period) r.local_plan_id, r.period, r.year, r.submitted_at, r.content_hash
	from report r
	join older o on o.id = r.local_plan_id
	where r.state = 'submitted'
	order by r.period, r.local_plan_id desc, r.version desc`;

interface YearSchedule {
	year: number;
	frequency: Frequency;
	dueDays: number;
}

/** How each year of the plan reports: its own choice, else the nearest older version's (a revision carries its reporting on), else annual. */
async function scheduleOf(sql: Sql, plan: PlanRef): Promise<YearSchedule[]> {
	const rows = await sql<YearSchedule[]>`
		with recursive chain (id, depth) as (
			select ${plan.id}::bigint, 0
			union all
			select p.revision_of, c.depth + 1 from local_plan p join chain c on p.id = c.id where p.revision_of is not null
		)
		select distinct on (s.year) s.year, s.frequency, s.due_days
		from report_schedule s
		join chain c on c.id = s.local_plan_id
		order by s.year, c.depth`;
	const years: YearSchedule[] = [];
	for (let year = plan.periodStart; year <= plan.periodEnd; year++)
		years.push(
			rows.find((r) => r.year === year) ?? {
				year,
				frequency: 'annual',
				dueDays: DEFAULT_DUE_DAYS
			}
		);
	return years;
}

export interface PeriodItem extends Period {
	dueDate: string;
	state: ReportState;
	/** the latest version of the period's report */
	reportId: number | null;
	version: number | null;
	/** the older approved version of the plan the period was reported on; this version does not report it again */
	reportedOn: number | null;
	/** the latest submitted version, whose hearing the list shows */
	submittedId: number | null;
	/** a correction of the submitted report is open (a draft of version 2 or later) */
	correcting: boolean;
	submittedAt: Date | null;
	contentHash: string | null;
}

/** The plan a report page names in its heading and crumbs. */
export interface PlanHeader {
	id: number;
	title: string;
	titleRu: string;
	municipalityId: number;
	municipality: { nameKy: string; nameRu: string; nameEn: string };
	periodStart: number;
	periodEnd: number;
}

async function planHeader(sql: Sql, planId: number): Promise<PlanHeader> {
	const [p] = await sql<(Omit<PlanHeader, 'municipality'> & PlanHeader['municipality'])[]>`
		select p.id, p.title, p.title_ru, p.municipality_id, p.period_start, p.period_end, t.name_ky, t.name_ru, t.name_en
		from local_plan p join territory t on t.id = p.municipality_id
		where p.id = ${planId}`;
	if (!p) throw new DomainError('error_not_found', 404);
	const { nameKy, nameRu, nameEn, ...rest } = p;
	return { ...rest, municipality: { nameKy, nameRu, nameEn } };
}

export interface ReportList {
	plan: PlanHeader;
	/** the approved revision that replaced this version: its reports stay here, new ones are made there */
	supersededBy: number | null;
	/** the older version whose reported periods this one carries on from */
	carriedFrom: number | null;
	years: (YearSchedule & { started: boolean })[];
	periods: PeriodItem[];
	canEdit: boolean;
	today: string;
}

/** Every period of an approved plan version with where its report stands on `today`: the reading of the reports list and of the daily reminders. */
export async function periodsOf(sql: Sql, plan: PlanRef, today: string) {
	const schedule = await scheduleOf(sql, plan);
	// the latest version of each period's report; its submitted date and hash are the latest submitted version's
	const stored = await sql<ReportRef[]>`
		select *
		from (
			select distinct on (period) ${REPORT_COLUMNS(sql)}
			from report
			where local_plan_id = ${plan.id}
			order by period, version desc
		) r
		order by period_start, period`;
	const submitted = await sql<ReportRef[]>`
		select distinct on (period) ${REPORT_COLUMNS(sql)}
		from report
		where local_plan_id = ${plan.id} and state = 'submitted'
		order by period, version desc`;
	const older = await reportedOnOlder(sql, plan.id);
	const periods: PeriodItem[] = [];
	for (const y of schedule) {
		const codes = periodsOfYear(y.year, y.frequency);
		// a report started before the year's frequency changed keeps its own period
		const others = stored
			.filter((r) => r.year === y.year && !codes.some((p) => p.code === r.period))
			.map((r) => parsePeriod(r.period)!);
		for (const p of [...codes, ...others].sort((a, b) => a.start.localeCompare(b.start))) {
			const r = stored.find((s) => s.period === p.code) ?? null;
			// a period reported on an older version is reported there, unless this version has a report of its own
			const o = r ? null : (older.find((x) => x.period === p.code) ?? null);
			const s = submitted.find((s) => s.period === p.code) ?? o;
			const dueDate = r?.dueDate ?? addDays(p.end, y.dueDays);
			periods.push({
				...p,
				dueDate,
				// a period once submitted stays reported (never late again) while a correction of it is open
				state: reportState({
					stored: s ? 'submitted' : (r?.state ?? null),
					start: p.start,
					dueDate,
					today
				}),
				reportId: r?.id ?? null,
				version: r?.version ?? null,
				reportedOn: o?.localPlanId ?? null,
				submittedId: o || !s || !('id' in s) ? null : s.id,
				correcting: r?.state === 'draft' && r.version > 1,
				submittedAt: s?.submittedAt ?? null,
				contentHash: s?.contentHash ?? null
			});
		}
	}
	return { schedule, stored, periods };
}

/** The periods of a plan version, each with where its report stands today (late ones flagged), and how each year reports. */
export async function reportList(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	o: { today?: string } = {}
): Promise<ReportList> {
	const plan = await approvedPlan(sql, actor, planId, 'read');
	const today = o.today ?? todayInBishkek();
	const { schedule, stored, periods } = await periodsOf(sql, plan, today);
	const carried = periods.find((p) => p.reportedOn !== null);
	return {
		plan: await planHeader(sql, planId),
		supersededBy: (await supersededBy(sql, planId))?.id ?? null,
		carriedFrom: carried?.reportedOn ?? null,
		years: schedule.map((y) => ({
			...y,
			// a year reported on an older version keeps its frequency here too
			started:
				stored.some((r) => r.year === y.year) ||
				periods.some((p) => p.year === y.year && p.reportedOn !== null)
		})),
		periods,
		canEdit: can(actor, 'edit', plan) && !(await supersededBy(sql, planId)),
		today
	};
}

/** How a year of the plan reports (annual, half-yearly, quarterly) and how many days after a period its report is due; fixed once a report of the year is started. */
export async function setSchedule(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: { year: number; frequency: string; dueDays: number }
): Promise<void> {
	const plan = await approvedPlan(sql, actor, planId, 'edit');
	if (!(FREQUENCIES as readonly string[]).includes(input.frequency))
		throw new DomainError('form_choice', 400, {}, 'frequency');
	if (input.year < plan.periodStart || input.year > plan.periodEnd)
		throw new DomainError(
			'error_year_outside_period',
			400,
			{ year: String(input.year), start: plan.periodStart, end: plan.periodEnd },
			'year'
		);
	if (!Number.isInteger(input.dueDays) || input.dueDays < 0 || input.dueDays > 180)
		throw new DomainError('form_out_of_range', 400, { min: 0, max: 180 }, 'dueDays');
	// the plan's row lock orders this against another schedule change and a report of the year being started
	await withPlanLock(sql, planId, async (tx) => {
		const [started] = await tx`
			select 1 from report where local_plan_id = ${planId} and year = ${input.year}
			union all
			select 1 from (${reportedOlderSql(tx, planId)}) o where o.year = ${input.year}`;
		if (started)
			throw new DomainError('error_report_schedule_fixed', 409, { year: input.year }, 'year');
		await tx`
			insert into report_schedule (local_plan_id, municipality_id, year, frequency, due_days)
			values (${planId}, ${plan.municipalityId}, ${input.year}, ${input.frequency}, ${input.dueDays})
			on conflict (local_plan_id, year) do update
			set frequency = excluded.frequency, due_days = excluded.due_days`;
		await audit.record(tx, {
			userId: plan.actor.id,
			municipalityId: plan.municipalityId,
			entity: 'report_schedule',
			entityId: `${planId}:${input.year}`,
			action: 'update',
			after: input
		});
	});
}

/** The period of a plan's schedule a code names, with its due date; a code the schedule has not is a 404. */
async function scheduledPeriod(
	sql: Sql,
	plan: PlanRef,
	code: string
): Promise<Period & { dueDate: string }> {
	const period = parsePeriod(code);
	if (!period || period.year < plan.periodStart || period.year > plan.periodEnd)
		throw new DomainError('error_not_found', 404);
	const year = (await scheduleOf(sql, plan)).find((y) => y.year === period.year)!;
	if (year.frequency !== period.frequency) throw new DomainError('error_not_found', 404);
	return { ...period, dueDate: addDays(period.end, year.dueDays) };
}

/**
 * Runs fn in one transaction holding the report's row lock, taken before anything about the report
 * is read; a report not started yet is created first, under the plan's row lock (one report per
 * period however many start it at once). Only a draft is changed: a submitted one is a 409 that says
 * when it was submitted. Every change of a report goes through here.
 */
export async function withReportLock<T>(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	action: 'edit' | 'submit',
	fn: (tx: Sql, report: ReportRef, actor: Actor, plan: PlanRef) => Promise<T>,
	o: { today?: string } = {}
): Promise<T> {
	// the permission first: a refused request writes nothing, not even an empty report
	const plan = await approvedPlan(sql, actor, planId, action);
	return transaction(sql, async (tx) => {
		// the latest version: a correction once started, the submitted one otherwise
		const locked = () => tx<ReportRef[]>`
			select ${REPORT_COLUMNS(tx)}
			from report
			where local_plan_id = ${planId} and period = ${code}
			order by version desc
			limit 1
			for update`;
		let [report] = await locked();
		if (!report) {
			await tx`select id from local_plan where id = ${planId} for update`;
			[report] = await locked();
		}
		if (!report) {
			const [older] = (await reportedOnOlder(tx, planId)).filter((r) => r.period === code);
			if (older)
				throw new DomainError('report_version_reported_before', 409, {
					date: formatDate(older.submittedAt)
				});
			const period = await scheduledPeriod(tx, plan, code);
			if ((o.today ?? todayInBishkek()) < period.start)
				throw new DomainError('error_report_period_not_begun', 409, {
					date: formatDate(period.start)
				});
			const { id } = (
				await tx<{ id: number }[]>`
				insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date, created_by)
				values (${planId}, ${plan.municipalityId}, ${code}, ${period.year}, ${period.start}, ${period.end}, ${period.dueDate}, ${plan.actor.id})
				returning id`
			)[0]!;
			// the row inserted just above
			report = (
				await tx<ReportRef[]>`
				select ${REPORT_COLUMNS(tx)} from report where id = ${id} for update`
			)[0]!;
		}
		if (report.state === 'submitted')
			throw new DomainError('error_report_submitted', 409, {
				date: formatDate(report.submittedAt)
			});
		return fn(tx, report, plan.actor, plan);
	});
}

export async function touch(tx: Sql, report: ReportRef) {
	await tx`update report set updated_at = now(), row_version = row_version + 1 where id = ${report.id}`;
}

export interface ActivityReportInput {
	activityId: number;
	status: string;
	reason: string;
	reasonText: string;
	narrative: string;
	problems: string;
	/** actuals by indicator id: women and men (girls and boys) and/or the total */
	actuals: Record<number, FiguresInput>;
	/** by budget line id: spent in the period, and the beneficiaries it reached */
	spending: Record<
		number,
		{
			spent: string;
			women: number | null;
			men: number | null;
			girls: number | null;
			boys: number | null;
		}
	>;
}

/** The report page's row key of the figure a target's field names (`target_2025_age_18-29` → `ageToTwentyNine`). */
function actualKey(targetField: string): string {
	const [, sex, band, disability] =
		/_(?:(female|male)|age_(.+)|disability_(.+))$/.exec(targetField) ?? [];
	if (sex) return sex;
	if (band) return ACTUAL_AGE_KEYS[band as AgeBand] ?? 'total';
	if (disability) return ACTUAL_DISABILITY_KEYS[disability as Disability] ?? 'total';
	return 'total';
}

/** One activity's part of a report: its status (with the reason when postponed or cancelled), narrative and problems, its indicators' actuals and its budget lines' spending. */
export async function saveActivity(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	input: ActivityReportInput,
	o: { today?: string } = {}
): Promise<void> {
	await withReportLock(
		sql,
		actor,
		planId,
		code,
		'edit',
		(tx, report, who) => writeActivity(tx, report, who, planId, input),
		o
	);
}

/**
 * Validates and writes one activity's part of a report, inside withReportLock: the one set of rules
 * for the report page and the uploaded report form. A DomainError names the field it is about.
 */
export async function writeActivity(
	tx: Sql,
	report: ReportRef,
	who: Actor,
	planId: number,
	input: ActivityReportInput
): Promise<void> {
	const [activity] = await tx`
		select id from activity where id = ${input.activityId} and local_plan_id = ${planId}`;
	if (!activity) throw new DomainError('error_not_found', 404);
	if (!(ACTIVITY_STATUSES as readonly string[]).includes(input.status))
		throw new DomainError('form_choice', 400, {}, 'status');
	const status = input.status as ActivityStatus;
	let reason: StopReason | '' = '';
	let reasonText = '';
	if (needsReason(status)) {
		if (!(STOP_REASONS as readonly string[]).includes(input.reason))
			throw new DomainError('error_report_reason_required', 400, {}, 'reason');
		reason = input.reason as StopReason;
		reasonText = input.reasonText.trim();
		if (reason === 'other' && !reasonText)
			throw new DomainError('error_report_reason_text_required', 400, {}, 'reasonText');
	}
	await tx`
		insert into report_activity (report_id, activity_id, municipality_id, status, reason, reason_text, narrative, problems)
		values (${report.id}, ${input.activityId}, ${report.municipalityId}, ${status}, ${reason}, ${reasonText},
			${input.narrative.trim()}, ${input.problems.trim()})
		on conflict (report_id, activity_id) do update
		set status = excluded.status, reason = excluded.reason, reason_text = excluded.reason_text,
			narrative = excluded.narrative, problems = excluded.problems`;

	const indicators = await tx<
		{
			id: number;
			kind: Indicator['kind'];
			population: Indicator['population'];
			bySex: boolean;
			byAge: boolean;
			byDisability: boolean;
		}[]
	>`
		select id, kind, population, by_sex, by_age, by_disability
		from indicator
		where activity_id = ${input.activityId}`;
	for (const [key, figures] of Object.entries(input.actuals)) {
		const ind = indicators.find((i) => i.id === Number(key));
		if (!ind) throw new DomainError('error_not_found', 404);
		let rows: FigureRow[];
		try {
			// in the breakdown of the indicator's targets: by sex, age band and disability where it has them
			rows = periodRows(ind, report.year, figures);
		} catch (e) {
			// periodRows names a target's field; the report's field of that figure is `<part>_<indicator>`
			if (e instanceof DomainError && e.field)
				throw new DomainError(e.code, e.status, e.params, `${actualKey(e.field)}_${ind.id}`);
			throw e;
		}
		await tx`delete from report_indicator_value where report_id = ${report.id} and indicator_id = ${ind.id}`;
		for (const r of rows)
			await tx`
				insert into report_indicator_value (report_id, indicator_id, municipality_id, sex, age_band, disability, value)
				values (${report.id}, ${ind.id}, ${report.municipalityId}, ${r.sex}, ${r.ageBand}, ${r.disability}, ${r.value})`;
	}

	const lines = await tx<{ id: number }[]>`
		select id from budget_line where activity_id = ${input.activityId} and year = ${report.year}`;
	for (const [key, s] of Object.entries(input.spending)) {
		const lineId = Number(key);
		if (!lines.some((l) => l.id === lineId)) throw new DomainError('error_not_found', 404);
		const counted = [s.women, s.men, s.girls, s.boys].some((n) => n !== null);
		if (s.spent.trim() === '' && !counted) {
			await tx`delete from report_spending where report_id = ${report.id} and budget_line_id = ${lineId}`;
			continue;
		}
		const money = parseMoneyInput(s.spent.trim() === '' ? '0' : s.spent);
		if (!money.ok)
			throw new DomainError('error_' + money.problem, 400, { value: s.spent }, `spent_${lineId}`);
		await tx`
			insert into report_spending (report_id, budget_line_id, municipality_id, spent, reached_women, reached_men, reached_girls, reached_boys)
			values (${report.id}, ${lineId}, ${report.municipalityId}, ${money.value}, ${s.women}, ${s.men}, ${s.girls}, ${s.boys})
			on conflict (report_id, budget_line_id) do update
			set spent = excluded.spent, reached_women = excluded.reached_women, reached_men = excluded.reached_men,
				reached_girls = excluded.reached_girls, reached_boys = excluded.reached_boys`;
	}
	await touch(tx, report);
	await audit.record(tx, {
		userId: who.id,
		municipalityId: report.municipalityId,
		entity: 'report_activity',
		entityId: `${report.id}:${input.activityId}`,
		action: 'update'
	});
}

export interface ExtraSpendingInput {
	activityId: number | null;
	description: string;
	spent: string;
	source: string;
	donorName: string;
	marker: number;
	genderShare: string;
}

/** Spending nobody planned (a donor paid for something): its own source and gender marker. */
export async function addExtraSpending(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	input: ExtraSpendingInput,
	o: { today?: string } = {}
): Promise<number> {
	return withReportLock(
		sql,
		actor,
		planId,
		code,
		'edit',
		async (tx, report, who) => {
			if (input.activityId !== null) {
				const [a] =
					await tx`select 1 from activity where id = ${input.activityId} and local_plan_id = ${planId}`;
				if (!a) throw new DomainError('error_not_found', 404);
			}
			const description = input.description.trim();
			if (!description) throw new DomainError('form_required', 400, {}, 'description');
			const money = parseMoneyInput(input.spent);
			if (!money.ok)
				throw new DomainError('error_' + money.problem, 400, { value: input.spent }, 'spent');
			if (money.value === '0.00') throw new DomainError('form_required', 400, {}, 'spent');
			if (!(FUNDING as readonly string[]).includes(input.source) || input.source === 'unfunded')
				throw new DomainError('error_funding_source', 400, {}, 'source');
			const donorName = input.donorName.trim();
			if (input.source === 'donor' && !donorName)
				throw new DomainError('error_donor_name_required', 400, {}, 'donorName');
			const genderShare = markerShare(input.marker, input.genderShare);
			const { id } = (
				await tx<{ id: number }[]>`
				insert into report_extra_spending (report_id, municipality_id, activity_id, description, spent, source, donor_name, marker, gender_share)
				values (${report.id}, ${report.municipalityId}, ${input.activityId}, ${description}, ${money.value}, ${input.source},
					${donorName}, ${input.marker}, ${genderShare})
				returning id`
			)[0]!;
			await touch(tx, report);
			await audit.record(tx, {
				userId: who.id,
				municipalityId: report.municipalityId,
				entity: 'report_extra_spending',
				entityId: id,
				action: 'create'
			});
			return id;
		},
		o
	);
}

/** The share of a marker: all for 2, none for 0, the stated share (strictly between 0 and 100) for 1. */
function markerShare(marker: number, typed: string): string {
	if (marker === 2) return '100';
	if (marker === 0) return '0';
	if (marker !== 1) throw new DomainError('error_marker', 400, {}, 'marker');
	const share = Number(typed.trim().replace(',', '.'));
	if (!/^\d{1,2}([.,]\d{1,2})?$/.test(typed.trim()) || !(share > 0 && share < 100))
		throw new DomainError('error_gender_share', 400, {}, 'genderShare');
	return String(share);
}

export async function deleteExtraSpending(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	extraId: number
): Promise<void> {
	await withReportLock(sql, actor, planId, code, 'edit', async (tx, report, who) => {
		const deleted =
			await tx`delete from report_extra_spending where id = ${extraId} and report_id = ${report.id} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await touch(tx, report);
		await audit.record(tx, {
			userId: who.id,
			municipalityId: report.municipalityId,
			entity: 'report_extra_spending',
			entityId: extraId,
			action: 'delete'
		});
	});
}

/** The report's fields its snapshot reads besides its content. */
export type SnapshotPeriod = Pick<
	ReportRef,
	'id' | 'year' | 'period' | 'version' | 'periodStart' | 'periodEnd' | 'dueDate'
>;

/**
 * What submitting freezes of a report (report.snapshot): its period, its content as the plan and the
 * report's rows say it now, and its evidence files by their SHA-256 (the hash vouches for the bytes
 * too). Submission and the national generator freeze through here.
 */
export async function reportSnapshot(sql: Sql, planId: number, report: SnapshotPeriod) {
	return {
		planId,
		period: report.period,
		// a correction says which version it is; the first version's snapshot (and hash) is as it always was
		...(report.version > 1 && { version: report.version }),
		periodStart: report.periodStart,
		periodEnd: report.periodEnd,
		dueDate: report.dueDate,
		...(await reportContent(sql, planId, report)),
		evidence: await sql`
			select id, activity_id, file_name, content_type, size, sha256
			from report_evidence
			where report_id = ${report.id}
			order by id`
	};
}

/** Submits the report (at o.at, for the demo; now otherwise): frozen from then on (the database refuses any change), with the SHA-256 of what it says; deputies are told. Submitted once, however many ask at once. */
export async function submitReport(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	o: { today?: string; at?: Date; boss?: PgBoss } = {}
): Promise<{ contentHash: string }> {
	return withReportLock(
		sql,
		actor,
		planId,
		code,
		'submit',
		async (tx, report, who, plan) => {
			const snapshot = await reportSnapshot(tx, planId, report);
			const hash = contentHash(snapshot);
			await tx`
				update report
				set state = 'submitted', submitted_at = coalesce(${o.at ?? null}::timestamptz, now()), submitted_by = ${who.id},
					content_hash = ${hash}, snapshot = ${tx.json(snapshot as never)}, row_version = row_version + 1
				where id = ${report.id}`;
			await audit.record(tx, {
				userId: who.id,
				municipalityId: report.municipalityId,
				entity: 'report',
				entityId: report.id,
				action: 'submit',
				after: { period: report.period, version: report.version, contentHash: hash }
			});
			// the deputies and the oblast's representatives read it now
			const oblast = await tx<{ userId: number }[]>`
				select distinct m.user_id
				from membership m
				join app_user u on u.id = m.user_id
				where m.role = 'oblast'
					and m.territory_id = ${plan.regionId}
					and u.is_active`;
			await notify(
				tx,
				[...(await usersOf(tx, plan.municipalityId, 'deputy')), ...oblast.map((o) => o.userId)],
				{
					municipalityId: plan.municipalityId,
					planId,
					kind: 'report_submitted',
					payload: { reportId: report.id, period: report.period, version: report.version }
				}
			);
			// its documents are rendered now, so the public and the officials download them at once
			if (o.boss) await queueReportDocuments(tx, o.boss, report.id, report.municipalityId, hash);
			// the upward feed: its document is built and its deliveries queued with the submission
			await enqueueFeed(tx, o.boss, { planId, reportId: report.id });
			return { contentHash: hash };
		},
		o
	);
}

/**
 * Starts a correction of the period's submitted report: its next version, a draft prefilled with
 * everything the submitted one says, which the staff edit and submit as any report. The submitted
 * version stays frozen and readable. One correction of a period is open at a time, however many
 * start one at once (the plan's row lock orders them; a partial unique index stands behind it).
 */
export async function startCorrection(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string
): Promise<{ reportId: number; version: number }> {
	const plan = await approvedPlan(sql, actor, planId, 'correct');
	return transaction(sql, async (tx) => {
		await tx`select id from local_plan where id = ${planId} for update`;
		const [latest] = await tx<ReportRef[]>`
			select ${REPORT_COLUMNS(tx)}
			from report
			where local_plan_id = ${planId} and period = ${code}
			order by version desc
			limit 1
			for update`;
		if (!latest) throw new DomainError('report_version_not_submitted', 409);
		if (latest.state === 'draft')
			throw new DomainError(
				latest.version > 1 ? 'report_version_open' : 'report_version_not_submitted',
				409,
				{ version: latest.version }
			);
		const version = latest.version + 1;
		const { id } = (
			await tx<{ id: number }[]>`
			insert into report (local_plan_id, municipality_id, period, version, year, period_start, period_end, due_date, created_by)
			values (${planId}, ${latest.municipalityId}, ${code}, ${version}, ${latest.year}, ${latest.periodStart},
				${latest.periodEnd}, ${latest.dueDate}, ${plan.actor.id})
			returning id`
		)[0]!;
		await tx`
			insert into report_activity (report_id, activity_id, municipality_id, status, reason, reason_text, narrative, problems)
			select ${id}, activity_id, municipality_id, status, reason, reason_text, narrative, problems
			from report_activity where report_id = ${latest.id}`;
		await tx`
			insert into report_indicator_value (report_id, indicator_id, municipality_id, sex, age_band, disability, value)
			select ${id}, indicator_id, municipality_id, sex, age_band, disability, value
			from report_indicator_value where report_id = ${latest.id}`;
		await tx`
			insert into report_spending (report_id, budget_line_id, municipality_id, spent, reached_women, reached_men, reached_girls, reached_boys)
			select ${id}, budget_line_id, municipality_id, spent, reached_women, reached_men, reached_girls, reached_boys
			from report_spending where report_id = ${latest.id}`;
		await tx`
			insert into report_extra_spending (report_id, municipality_id, activity_id, description, spent, source, donor_name, marker, gender_share)
			select ${id}, municipality_id, activity_id, description, spent, source, donor_name, marker, gender_share
			from report_extra_spending where report_id = ${latest.id}
			order by id`;
		// the evidence goes on with what it vouches for; the correction may add or remove files
		await tx`
			insert into report_evidence (report_id, activity_id, municipality_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at, is_public)
			select ${id}, activity_id, municipality_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at, is_public
			from report_evidence where report_id = ${latest.id}
			order by id`;
		await audit.record(tx, {
			userId: plan.actor.id,
			municipalityId: latest.municipalityId,
			entity: 'report',
			entityId: id,
			action: 'create',
			after: { period: code, version, corrects: latest.id }
		});
		return { reportId: id, version };
	});
}

export interface ReportIndicator {
	id: number;
	name: string;
	unit: string;
	kind: Indicator['kind'];
	population: Indicator['population'];
	bySex: boolean;
	byAge: boolean;
	byDisability: boolean;
	target: IndicatorFigures;
	actual: IndicatorFigures;
	/** actual as a percent of the year's target: the total and each sex */
	achieved: { total: string | null; female: string | null; male: string | null };
}

export interface ReportLine {
	id: number;
	source: Funding;
	donorName: string;
	marker: Marker;
	genderShare: string;
	planned: string;
	spent: string | null;
	rate: string | null;
	genderSpent: string;
	plannedBeneficiaries: Counts;
	reached: Counts;
}

export interface ReportActivity {
	id: number;
	title: string;
	titleRu: string;
	/** false: nothing entered yet, shown as not started */
	recorded: boolean;
	status: ActivityStatus;
	reason: StopReason | '';
	reasonText: string;
	narrative: string;
	problems: string;
	indicators: ReportIndicator[];
	lines: ReportLine[];
}

export interface ExtraLine {
	id: number;
	activityId: number | null;
	description: string;
	spent: string;
	source: Funding;
	donorName: string;
	marker: Marker;
	genderShare: string;
	genderSpent: string;
}

export interface ReportContent {
	year: number;
	sections: { id: number; title: string; titleRu: string; activities: ReportActivity[] }[];
	extras: ExtraLine[];
	summary: { bySource: Partial<Record<Funding, MoneyRow>>; total: MoneyRow };
	beneficiaries: { planned: Counts; reached: Counts };
}

/** What a report says, built once for the page, the snapshot and its hash: the plan's activities for the year with what was reached and spent. */
export async function reportContent(
	sql: Sql,
	planId: number,
	report: Pick<ReportRef, 'id' | 'year'> | { id: null; year: number }
): Promise<ReportContent> {
	const view = await planView(sql, null, planId, { system: true });
	const id = report.id ?? 0;
	const statuses = await sql<
		{
			activityId: number;
			status: ActivityStatus;
			reason: StopReason | '';
			reasonText: string;
			narrative: string;
			problems: string;
		}[]
	>`
		select activity_id, status, reason, reason_text, narrative, problems
		from report_activity
		where report_id = ${id}`;
	const values = await sql<(FigureRow & { indicatorId: number })[]>`
		select indicator_id, ${report.year}::int as year, sex, age_band, disability, value::text as value
		from report_indicator_value
		where report_id = ${id}`;
	const spending = await sql<
		{
			budgetLineId: number;
			spent: string;
			reachedWomen: number | null;
			reachedMen: number | null;
			reachedGirls: number | null;
			reachedBoys: number | null;
		}[]
	>`
		select budget_line_id, spent::text as spent, reached_women, reached_men, reached_girls, reached_boys
		from report_spending
		where report_id = ${id}`;
	const extras = (
		await sql<Omit<ExtraLine, 'genderSpent'>[]>`
			select id, activity_id, description, spent::text as spent, source, donor_name, marker, gender_share::text as gender_share
			from report_extra_spending
			where report_id = ${id}
			order by id`
	).map((x) => ({ ...x, genderSpent: genderSpent(x) }));

	const sections = view.sections.map((s) => ({
		id: s.id,
		title: s.title,
		titleRu: s.titleRu,
		activities: s.activities.map((a): ReportActivity => {
			const st = statuses.find((x) => x.activityId === a.id);
			return {
				id: a.id,
				title: a.title,
				titleRu: a.titleRu,
				recorded: !!st,
				status: st?.status ?? 'not_started',
				reason: st?.reason ?? '',
				reasonText: st?.reasonText ?? '',
				narrative: st?.narrative ?? '',
				problems: st?.problems ?? '',
				indicators: a.indicators.map((i) => {
					const { year: _year, ...target } = i.targets.find((t) => t.year === report.year) ?? {
						year: report.year,
						...emptyFigures()
					};
					const actual = figuresOf(
						i.kind,
						i.bySex,
						values.filter((v) => v.indicatorId === i.id)
					);
					return {
						id: i.id,
						name: i.name,
						unit: i.unit,
						kind: i.kind,
						population: i.population,
						bySex: i.bySex,
						byAge: i.byAge,
						byDisability: i.byDisability,
						target,
						actual,
						achieved: {
							total: shareAchieved(actual.total, target.total),
							female: shareAchieved(actual.female, target.female),
							male: shareAchieved(actual.male, target.male)
						}
					};
				}),
				lines: a.budget
					.filter((b) => b.year === report.year)
					.map((b) => {
						const sp = spending.find((x) => x.budgetLineId === b.id);
						const spent = sp?.spent ?? null;
						return {
							id: b.id,
							source: b.source,
							donorName: b.donorName,
							marker: b.marker,
							genderShare: b.genderShare,
							planned: b.amount,
							spent,
							rate: spent === null ? null : executionRate(spent, b.amount),
							genderSpent: genderSpent({ spent, genderShare: b.genderShare }),
							plannedBeneficiaries: {
								women: b.beneficiariesWomen,
								men: b.beneficiariesMen,
								girls: b.beneficiariesGirls,
								boys: b.beneficiariesBoys
							},
							reached: {
								women: sp?.reachedWomen ?? null,
								men: sp?.reachedMen ?? null,
								girls: sp?.reachedGirls ?? null,
								boys: sp?.reachedBoys ?? null
							}
						};
					})
			};
		})
	}));
	const lines = sections.flatMap((s) => s.activities.flatMap((a) => a.lines));
	return {
		year: report.year,
		sections,
		extras,
		summary: spendingSummary([
			...lines.map((l) => ({
				source: l.source,
				planned: l.planned,
				spent: l.spent,
				genderShare: l.genderShare
			})),
			...extras.map((x) => ({
				source: x.source,
				planned: '0.00',
				spent: x.spent,
				genderShare: x.genderShare
			}))
		]),
		beneficiaries: beneficiaryTotals(
			lines.map((l) => ({ planned: l.plannedBeneficiaries, reached: l.reached }))
		)
	};
}

export interface ReportVersion {
	id: number;
	version: number;
	state: 'draft' | 'submitted';
	submittedAt: Date | null;
}

export interface ReportPage {
	plan: PlanHeader;
	period: Period & { dueDate: string };
	state: ReportState;
	/** the version shown: the latest one its reader may read, or the one asked for */
	report: ReportRef | null;
	/** every version of the period's report the reader may read, oldest first */
	versions: ReportVersion[];
	/** the older approved version of the plan this period was reported on (this version has no report of it) */
	reportedOn: number | null;
	/** the plan version was replaced by a newer approved one: its reports are read, not changed */
	superseded: boolean;
	/** what the version shown changed against the one before it; empty for the first */
	changes: VersionChange[];
	/** null for a reader of a report not submitted yet: drafts are the staff's */
	content: ReportContent | null;
	canEdit: boolean;
	/** the shown version is the latest, submitted, and the reader may correct it */
	canCorrect: boolean;
	canComment: boolean;
	canPublish: boolean;
	/** on a submitted report, line by line */
	comments: ReportComment[];
}

/**
 * A report as its page shows it: its period and state for everyone who reads the plan, its content
 * for the staff and, once submitted, for every reader. The latest version unless o.version names
 * an earlier one; a correction in progress is the staff's, everyone else reads the latest submitted.
 */
export async function reportPage(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	o: { today?: string; version?: number } = {}
): Promise<ReportPage> {
	const plan = await approvedPlan(sql, actor, planId, 'read');
	const readsDrafts = can(actor, 'read_draft', plan);
	const all = await sql<ReportRef[]>`
		select ${REPORT_COLUMNS(sql)} from report
		where local_plan_id = ${planId} and period = ${code}
		order by version`;
	const readable = all.filter((r) => r.state === 'submitted' || readsDrafts);
	const report =
		o.version === undefined
			? (readable.at(-1) ?? (all.length === 0 ? undefined : all[0]))
			: readable.find((r) => r.version === o.version);
	if (o.version !== undefined && !report) throw new DomainError('error_not_found', 404);
	const period = report
		? { ...parsePeriod(code)!, dueDate: report.dueDate }
		: await scheduledPeriod(sql, plan, code);
	const reportedOn =
		all.length > 0
			? null
			: ((await reportedOnOlder(sql, planId)).find((r) => r.period === code)?.localPlanId ?? null);
	const superseded = !!(await supersededBy(sql, planId));
	const state = reportState({
		stored:
			all.some((r) => r.state === 'submitted') || reportedOn
				? 'submitted'
				: (report?.state ?? null),
		start: period.start,
		dueDate: period.dueDate,
		today: o.today ?? todayInBishkek()
	});
	// a period reported on an older version is read there
	const contentReadable = !reportedOn && (report?.state === 'submitted' || readsDrafts);
	const content = !contentReadable
		? null
		: report?.state === 'submitted'
			? await submittedContent(sql, report.id)
			: await reportContent(sql, planId, report ?? { id: null, year: period.year });
	const previous = report && all.find((r) => r.version === report.version - 1);
	const latest = all.at(-1);
	return {
		plan: await planHeader(sql, planId),
		period,
		state,
		report: report ?? null,
		reportedOn,
		superseded,
		versions: readable.map(({ id, version, state, submittedAt }) => ({
			id,
			version,
			state,
			submittedAt
		})),
		changes:
			previous && content ? versionChanges(await submittedContent(sql, previous.id), content) : [],
		content,
		canEdit:
			can(actor, 'edit', plan) &&
			!superseded &&
			!reportedOn &&
			report?.state !== 'submitted' &&
			state !== 'upcoming' &&
			(!report || report === latest),
		canCorrect:
			can(actor, 'correct', plan) &&
			!superseded &&
			report?.state === 'submitted' &&
			report === latest,
		canComment: can(actor, 'comment', plan) && report?.state === 'submitted',
		// whether a file is public may change after submission: consent to publish is not content
		canPublish: can(actor, 'edit', plan),
		comments: report?.state === 'submitted' ? await reportComments(sql, report.id) : []
	};
}

/** A submitted report reads from its frozen snapshot: what was submitted, whatever happens to the plan later. */
async function submittedContent(sql: Sql, reportId: number): Promise<ReportContent> {
	// a report the caller just read: reports are never deleted
	const { snapshot } = (
		await sql<{ snapshot: ReportContent }[]>`select snapshot from report where id = ${reportId}`
	)[0]!;
	return snapshot;
}
