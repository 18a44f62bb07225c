/**
 * The daily reminders (the `reports.remind` job): the municipality's staff hear once that a report
 * is due within a week, and once that it is late. Only the newest approved version of a plan
 * reports; a version a later one superseded is left alone.
 */
import type { Sql } from '../db';
import { transaction } from '../db';
import { todayInBishkek } from '../../format';
import { addDays } from '../../reports/periods';
import { planRef } from '../plans/plans';
import { notify, usersOf } from '../approval/notifications';
import { periodsOf } from './reports';

/** How many days before its due date a report is announced. */
export const DUE_SOON_DAYS = 7;

export async function remind(
	sql: Sql,
	o: { today?: string } = {}
): Promise<{ dueSoon: number; late: number }> {
	const today = o.today ?? todayInBishkek();
	return transaction(sql, async (tx) => {
		// one run at a time, so two runs never announce the same report twice
		await tx`select pg_advisory_xact_lock(hashtext('reports.remind'))`;
		const plans = await tx<{ id: number }[]>`
			select p.id
			from local_plan p
			where p.state = 'approved'
				and not exists (
					select 1
					from local_plan r
					where r.revision_of = p.id
						and r.state = 'approved'
				)
			order by p.id`;
		const sent = { dueSoon: 0, late: 0 };
		for (const { id } of plans) {
			const plan = await planRef(tx, id);
			const { periods } = await periodsOf(tx, plan, today);
			for (const p of periods) {
				const kind =
					p.state === 'late'
						? 'report_late'
						: (p.state === 'due' || p.state === 'in_progress') &&
							  p.dueDate <= addDays(today, DUE_SOON_DAYS)
							? 'report_due_soon'
							: null;
				if (!kind) continue;
				const staff = await tx<{ userId: number }[]>`
					select u as user_id
					from unnest(${await usersOf(tx, plan.municipalityId, 'staff')}::bigint[]) u
					where not exists (
						select 1
						from notification n
						where n.user_id = u
							and n.kind = ${kind}
							and n.local_plan_id = ${id}
							and n.payload ->> 'period' = ${p.code}
					)`;
				if (staff.length === 0) continue;
				await notify(
					tx,
					staff.map((s) => s.userId),
					{
						municipalityId: plan.municipalityId,
						planId: id,
						kind,
						payload: { period: p.code, dueDate: p.dueDate }
					}
				);
				if (kind === 'report_late') sent.late += staff.length;
				else sent.dueSoon += staff.length;
			}
		}
		return sent;
	});
}
