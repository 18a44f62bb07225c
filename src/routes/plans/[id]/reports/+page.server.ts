import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { FREQUENCIES } from '$lib/reports/vocabulary';
import type { Actions, PageServerLoad } from './$types';

/** The reporting periods of an approved plan version, with where each report stands. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const list = await guard(() => reports.reportList(app.sql(), actor, idParam(event.params.id)));
	// that the kenesh heard a report, by report id (reportList checked who reads the plan)
	const hearings = Object.fromEntries(await reports.hearingsOf(app.sql(), list.plan.id));
	return { list, hearings, flash: f.flash(event) };
};

const schedule = f.shape({
	year: f.whole(f.YEARS.min, f.YEARS.max, { label: 'report_schedule_year' }),
	frequency: f.choice(FREQUENCIES, { label: 'report_schedule_frequency' }),
	dueDays: f.whole(0, 180, { label: 'report_schedule_due_days' })
});

export const actions: Actions = {
	schedule: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, schedule, 'schedule');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => reports.setSchedule(app.sql(), actor, idParam(event.params.id), parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	}
};
