import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as representation from '$lib/server/representation';
import type { Figures } from '$lib/representation/vocabulary';
import { publicHeaders } from '../local-plans/public-api';
import type { RequestHandler } from './$types';

const counts = (f: Figures) => ({
	bodies: f.bodies,
	bodiesMeetingRule: f.meeting,
	women: f.women,
	men: f.men,
	womenShare: f.womenShare
});
const area = (a: representation.AreaFigures) => ({
	...counts(a.total),
	byKind: Object.fromEntries(Object.entries(a.byKind).map(([k, f]) => [k, counts(f)]))
});

/** GET /api/v1/public/representation — the 30% rule across local bodies, per oblast and for the country: counts only, never names. */
export const GET: RequestHandler = async () => {
	const summary = await representation.summary(app.sql());
	return json(
		{
			apiVersion: 'v1',
			rule: { minShareEachSex: 30, maxShareEachSex: 70, headAndDeputyOfDifferentSexes: true },
			national: area(summary.national),
			oblasts: summary.oblasts.map((o) => ({ code: o.statCode, ...area(o) }))
		},
		{ headers: publicHeaders }
	);
};
