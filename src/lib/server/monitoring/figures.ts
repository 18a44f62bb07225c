/**
 * The monitoring figures: what the oblast and national views and the public aggregates read. They
 * are written from feed documents only — the one this instance builds in the transaction of its own
 * approval or report submission, and the one it receives from another instance in the transaction
 * that stores it — so local and received data count alike, by one piece of arithmetic, in SQL
 * (tyiyn exact, as `$lib/reports/summary.ts`). Dashboards never recompute them per request.
 */
import { transaction, type Sql } from '../db';
import { buildDocument, type FeedDocument } from '../feed/document';

export interface Origin {
	origin: 'local' | 'feed';
	/** the stored received document, for `feed` */
	receivedId?: number;
}

/**
 * Records what a feed document says about its municipality's plan of that kind. The plan and its
 * last report are kept apart, each by its own time: a plan approved earlier than the one recorded,
 * or a report submitted earlier than the one recorded, changes nothing (documents may arrive in any
 * order); at the same time, a local document wins over a received copy. A report on an older
 * version of the plan (revisions carry reporting on) updates the report only; a new plan that is
 * not a revision of the recorded one drops the old plan's report.
 */
export async function recordDocument(
	tx: Sql,
	document: FeedDocument,
	origin: Origin
): Promise<void> {
	const asOf = document.report?.submittedAt ?? document.plan.approvedAt;
	const doc = tx.json(document as never);
	// one municipality at a time: two documents of one municipality recorded at once queue here
	await tx`select pg_advisory_xact_lock(hashtext('monitoring'), hashtext(${document.municipality.soate}))`;
	await recordDocumentSeats(tx, document, origin, asOf);
	const [current] = await tx<
		{ planId: number; approvedAt: Date; submittedAt: Date | null; origin: string }[]
	>`
		select plan_id, approved_at, report_submitted_at as submitted_at, origin
		from monitoring_plan
		where municipality_soate = ${document.municipality.soate}
			and plan_kind = ${document.plan.kind}`;
	const newer = (mine: string, theirs: Date | null) =>
		theirs === null ||
		new Date(mine).getTime() > theirs.getTime() ||
		(new Date(mine).getTime() === theirs.getTime() &&
			!(origin.origin === 'feed' && current?.origin === 'local'));
	const planPart = !current || newer(document.plan.approvedAt, current.approvedAt);
	const reportPart =
		!!document.report && (!current || newer(document.report.submittedAt, current.submittedAt));
	if (!planPart && !reportPart) return;
	const sameLine =
		!!current &&
		(current.planId === document.plan.id || current.planId === document.plan.revisionOf);
	// the report columns: the document's, the recorded ones, or none (a plan of another line)
	const report = (column: string) =>
		reportPart
			? tx`excluded.${tx(column)}`
			: sameLine || !planPart
				? tx`monitoring_plan.${tx(column)}`
				: column === 'by_source'
					? tx`'[]'::jsonb`
					: tx`null`;
	const plan = (column: string) =>
		planPart ? tx`excluded.${tx(column)}` : tx`monitoring_plan.${tx(column)}`;

	await tx`
		with doc as (
			select ${doc}::jsonb as d
		),
		act as (
			select a, a -> 'measure' as measure
			from doc, jsonb_array_elements(d -> 'activities') a
		),
		line as (
			select act.a ->> 'id' as activity, act.measure, l ->> 'source' as source, (l ->> 'year')::int as year,
				(l ->> 'amount')::numeric as amount, (l ->> 'spent')::numeric as spent,
				(div((l ->> 'amount')::numeric * 100 * ((l ->> 'genderShare')::numeric * 100) + 5000, 10000) / 100)::numeric(14, 2) as gender
			from act, jsonb_array_elements(act.a -> 'budgetLines') l
		),
		report_year as (
			select left(d -> 'report' ->> 'period', 4)::int as year
			from doc
			where d ? 'report'
		),
		extra as (
			select x ->> 'source' as source, (x ->> 'spent')::numeric as spent
			from doc, jsonb_array_elements(coalesce(d -> 'report' -> 'extraSpending', '[]')) x
		),
		by_source as (
			select coalesce(jsonb_agg(jsonb_build_object('source', source, 'budget', budget::text,
				'planned', planned::text, 'spent', spent::text) order by source), '[]') as j
			from (
				select source, sum(budget)::numeric(16, 2) as budget, sum(planned)::numeric(16, 2) as planned,
					sum(spent)::numeric(16, 2) as spent
				from (
					select source, amount as budget,
						case when year = (select year from report_year) then amount else 0 end as planned,
						case when year = (select year from report_year) then coalesce(spent, 0) else 0 end as spent
					from line
					union all
					select source, 0, 0, spent
					from extra
				) s
				group by source
			) s
		),
		by_year as (
			select coalesce(jsonb_object_agg(year::text, amount::text order by year), '{}') as j
			from (select year, sum(amount)::numeric(16, 2) as amount from line group by year) y
		),
		place as (
			select m.id as municipality_id, coalesce(m.region_id, r.id) as region_id
			from doc
			left join territory m on m.soate_code = d -> 'municipality' ->> 'soate'
			left join territory r on r.stat_code = d -> 'municipality' ->> 'oblastCode' and r.parent_id is null
		)
		insert into monitoring_plan (
			municipality_soate, municipality_id, region_id, origin, feed_received_id, instance,
			name_ky, name_ru, plan_id, plan_kind, plan_title, period_start, period_end,
			decision_number, decision_date, approved_at, content_hash,
			activities, adopted, budget, gender, gap, local_budget, envelope, budget_by_year,
			report_period, report_due, report_submitted_at, planned, spent,
			reached_women, reached_men, reached_girls, reached_boys, by_source, as_of, updated_at)
		select d -> 'municipality' ->> 'soate', place.municipality_id, place.region_id,
			${origin.origin}, ${origin.receivedId ?? null}, d ->> 'instance',
			d -> 'municipality' ->> 'nameKy', d -> 'municipality' ->> 'nameRu',
			(d -> 'plan' ->> 'id')::bigint, d -> 'plan' ->> 'kind', d -> 'plan' ->> 'title',
			(d -> 'plan' ->> 'periodStart')::int, (d -> 'plan' ->> 'periodEnd')::int,
			d -> 'plan' -> 'decision' ->> 'number', (d -> 'plan' -> 'decision' ->> 'date')::date,
			(d -> 'plan' ->> 'approvedAt')::timestamptz, d -> 'plan' ->> 'contentHash',
			(select count(*) from act), (select count(*) from act where jsonb_typeof(measure) = 'object'),
			(select coalesce(sum(amount), 0) from line), (select coalesce(sum(gender), 0) from line),
			(select coalesce(sum(amount), 0) from line where source = 'unfunded'),
			(select coalesce(sum(amount), 0) from line where source = 'local_budget'),
			(select sum((e ->> 'amount')::numeric) from jsonb_array_elements(d -> 'plan' -> 'envelope') e),
			(select j from by_year),
			d -> 'report' ->> 'period', (d -> 'report' ->> 'dueDate')::date,
			(d -> 'report' ->> 'submittedAt')::timestamptz,
			case when d ? 'report' then (select coalesce(sum(amount), 0) from line where year = (select year from report_year)) end,
			(d -> 'report' ->> 'spent')::numeric,
			(d -> 'report' -> 'reached' ->> 'women')::int, (d -> 'report' -> 'reached' ->> 'men')::int,
			(d -> 'report' -> 'reached' ->> 'girls')::int, (d -> 'report' -> 'reached' ->> 'boys')::int,
			(select j from by_source), ${asOf}::timestamptz, now()
		from doc, place
		on conflict (municipality_soate, plan_kind) do update set
			municipality_id = ${plan('municipality_id')},
			region_id = ${plan('region_id')},
			origin = ${plan('origin')},
			feed_received_id = ${plan('feed_received_id')},
			instance = ${plan('instance')},
			name_ky = ${plan('name_ky')},
			name_ru = ${plan('name_ru')},
			plan_id = ${plan('plan_id')},
			plan_title = ${plan('plan_title')},
			period_start = ${plan('period_start')},
			period_end = ${plan('period_end')},
			decision_number = ${plan('decision_number')},
			decision_date = ${plan('decision_date')},
			approved_at = ${plan('approved_at')},
			content_hash = ${plan('content_hash')},
			activities = ${plan('activities')},
			adopted = ${plan('adopted')},
			budget = ${plan('budget')},
			gender = ${plan('gender')},
			gap = ${plan('gap')},
			local_budget = ${plan('local_budget')},
			envelope = ${plan('envelope')},
			budget_by_year = ${plan('budget_by_year')},
			report_period = ${report('report_period')},
			report_due = ${report('report_due')},
			report_submitted_at = ${report('report_submitted_at')},
			planned = ${report('planned')},
			spent = ${report('spent')},
			reached_women = ${report('reached_women')},
			reached_men = ${report('reached_men')},
			reached_girls = ${report('reached_girls')},
			reached_boys = ${report('reached_boys')},
			by_source = ${report('by_source')},
			as_of = greatest(monitoring_plan.as_of, excluded.as_of),
			updated_at = now()`;

	// the measures it adopted: rewritten with a newer plan; which of them report progress follows
	// the newest report (kept from before when the plan is new but its report is not)
	const reportingBefore =
		!reportPart && sameLine
			? (
					await tx<{ key: string }[]>`
						select plan_key || ' ' || measure_id as key
						from monitoring_measure
						where municipality_soate = ${document.municipality.soate}
							and plan_kind = ${document.plan.kind}
							and reporting`
				).map((r) => r.key)
			: [];
	if (!planPart) {
		await tx`
			update monitoring_measure mm set
				reporting = exists (
					select 1
					from jsonb_array_elements(${doc}::jsonb -> 'activities') a
					where a -> 'measure' ->> 'planKey' = mm.plan_key
						and a -> 'measure' ->> 'measureId' = mm.measure_id
						and ${progress(tx, tx`a`)})
			where mm.municipality_soate = ${document.municipality.soate}
				and mm.plan_kind = ${document.plan.kind}`;
		return;
	}
	await tx`
		delete from monitoring_measure
		where municipality_soate = ${document.municipality.soate}
			and plan_kind = ${document.plan.kind}`;
	await tx`
		with doc as (
			select ${doc}::jsonb as d
		),
		act as (
			select a, a -> 'measure' ->> 'planKey' as plan_key, a -> 'measure' ->> 'measureId' as measure_id,
				(a -> 'measure' ->> 'catalogueVersion')::int as catalogue_version,
				${progress(tx, tx`a`)} as progress
			from doc, jsonb_array_elements(d -> 'activities') a
			where jsonb_typeof(a -> 'measure') = 'object'
		),
		money as (
			select act.plan_key, act.measure_id, sum((l ->> 'amount')::numeric) as budget,
				sum((div((l ->> 'amount')::numeric * 100 * ((l ->> 'genderShare')::numeric * 100) + 5000, 10000) / 100)::numeric(14, 2)) as gender,
				coalesce(sum((l ->> 'amount')::numeric) filter (where l ->> 'source' = 'unfunded'), 0) as gap
			from act, jsonb_array_elements(act.a -> 'budgetLines') l
			group by act.plan_key, act.measure_id
		),
		measure as (
			select act.plan_key, act.measure_id, max(act.catalogue_version) as catalogue_version,
				count(*)::int as activities, bool_or(act.progress) as progress
			from act
			group by act.plan_key, act.measure_id
		)
		insert into monitoring_measure (municipality_soate, plan_kind, plan_key, measure_id, measure_node_id,
			activities, budget, gender, gap, reporting)
		select ${document.municipality.soate}, ${document.plan.kind}, m.plan_key, m.measure_id,
			(select n.id
				from national_plan np
				join catalogue_version cv on cv.plan_id = np.id and cv.number = m.catalogue_version
				join plan_node n on n.version_id = cv.id and n.stable_id = m.measure_id
				where np.key = m.plan_key),
			m.activities, coalesce(money.budget, 0), coalesce(money.gender, 0), coalesce(money.gap, 0),
			${reportPart ? tx`m.progress` : tx`m.plan_key || ' ' || m.measure_id = any (${reportingBefore}::text[])`}
		from measure m
		left join money on money.plan_key = m.plan_key and money.measure_id = m.measure_id`;
}

/** A document's activity `a` shows progress: a status past "not started", money spent, an indicator's actual. */
const progress = (sql: Sql, a: ReturnType<Sql>) => sql`
	(coalesce(${a} ->> 'status', 'not_started') <> 'not_started'
		or exists (
			select 1
			from jsonb_array_elements(${a} -> 'budgetLines') l
			where (l ->> 'spent')::numeric > 0)
		or exists (
			select 1
			from jsonb_array_elements(${a} -> 'indicators') i
			where jsonb_array_length(coalesce(i -> 'actuals', '[]')) > 0))`;

/** The seats a document reports, unless newer ones are recorded (a local roster's own, say). */
async function recordDocumentSeats(tx: Sql, document: FeedDocument, origin: Origin, asOf: string) {
	await tx`
		insert into monitoring_seats (municipality_soate, municipality_id, region_id, origin, seats, women, as_of)
		select ${document.municipality.soate}, m.id, coalesce(m.region_id, r.id), ${origin.origin},
			${document.kenesh.seats}, ${document.kenesh.women}, ${asOf}::timestamptz
		from (select 1) one
		left join territory m on m.soate_code = ${document.municipality.soate}
		left join territory r on r.stat_code = ${document.municipality.oblastCode} and r.parent_id is null
		on conflict (municipality_soate) do update set
			origin = excluded.origin,
			seats = excluded.seats,
			women = excluded.women,
			as_of = excluded.as_of
		where monitoring_seats.as_of < excluded.as_of
			or (monitoring_seats.as_of = excluded.as_of and excluded.origin = 'local')`;
}

/**
 * A roster changed: the municipality's seats follow it at once (SDG 5.5.1b reads the roster as it
 * is today, not as it was at the last approval).
 */
export async function recordSeats(tx: Sql, municipalityId: number): Promise<void> {
	await tx`
		insert into monitoring_seats (municipality_soate, municipality_id, region_id, origin, seats, women, as_of)
		select t.soate_code, t.id, t.region_id, 'local',
			count(d.id)::int, (count(d.id) filter (where d.sex = 'female'))::int, now()
		from territory t
		left join deputy d on d.municipality_id = t.id and d.active
		where t.id = ${municipalityId}
			and t.soate_code is not null
		group by t.id
		on conflict (municipality_soate) do update set
			origin = 'local',
			seats = excluded.seats,
			women = excluded.women,
			as_of = excluded.as_of`;
}

/**
 * Records the figures of everything this instance has decided, from its own data: every
 * municipality's roster, each current approved plan and its last submitted report. For the demo
 * and the national generator, which write plans directly, and for data older than the figures.
 */
export async function rebuild(sql: Sql): Promise<{ plans: number; reports: number }> {
	const rosters = await sql<{ id: number }[]>`select distinct municipality_id as id from deputy`;
	await atMost(REBUILDING, rosters, (r) => recordSeats(sql, r.id));
	// the current approved version of each municipality's plan of each kind, and its last report
	const current = await sql<{ planId: number; reportId: number | null }[]>`
		select distinct on (lp.municipality_id, lp.kind) lp.id as plan_id,
			(select r.id
				from report r
				where r.local_plan_id = lp.id
					and r.state = 'submitted'
				order by r.period_end desc, r.version desc
				limit 1) as report_id
		from local_plan lp
		join plan_approval pa on pa.local_plan_id = lp.id
		order by lp.municipality_id, lp.kind, pa.approved_at desc`;
	let reports = 0;
	// municipalities side by side: recordDocument locks each one's figures, not the others'
	await atMost(REBUILDING, current, (c) =>
		transaction(sql, async (tx) => {
			await recordDocument(tx, await buildDocument(tx, { planId: c.planId }), { origin: 'local' });
			if (c.reportId === null) return;
			reports++;
			const report = await buildDocument(tx, { planId: c.planId, reportId: c.reportId });
			await recordDocument(tx, report, { origin: 'local' });
		})
	);
	return { plans: current.length, reports };
}

/** How many municipalities a rebuild records at once: a connection each, both cores busy. */
const REBUILDING = 4;

/** `fn` for every item, `n` at a time. */
async function atMost<T>(n: number, items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await fn(items[next++]!);
	};
	await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
