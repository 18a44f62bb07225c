import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { isDomainError } from '$lib/server/errors';
import * as f from '$lib/server/forms';
import type { RequestHandler } from './$types';

const problem = (status: number, title: string) =>
	json(
		{ status, title },
		{
			status,
			headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
		}
	);

/** GET /api/v1/plans/{id}[?version=N] — the whole tree of a plan with every measure field. `id` is the numeric id or the plan key. Public. */
export const GET: RequestHandler = async ({ params, url }) => {
	const sql = app.sql();
	// a control character is bad input, not a missing plan
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	if (/[\u0000-\u001F]/.test(params.id)) return problem(400, 'control characters in the plan id');
	const id = await catalogue.planIdOf(sql, params.id);
	const checked = f.checkQuery(url, { version: f.int(1, 999_999) }, { strict: true });
	if (!checked.ok) return problem(400, checked.message);
	if (id === null) return problem(404, 'plan not found');
	// only "no such plan" is a 404: a database error stays an error (an outage answers 503)
	const plan = await catalogue
		.getPlan(sql, id, { versionNumber: checked.value.version ?? undefined })
		.catch((e) => {
			if (isDomainError(e)) return null;
			throw e;
		});
	if (!plan) return problem(404, 'plan not found');
	const { file, nodeIds } = await catalogue.planFile(sql, plan.versionId);
	const withIds = <T extends { id: string }>(n: T) => ({ ...n, nodeId: nodeIds.get(n.id) ?? null });
	return json(
		{
			apiVersion: 'v1',
			id: plan.id,
			version: plan.version,
			counts: plan.counts,
			plan: file.plan,
			bodies: file.bodies,
			fundingSources: file.fundingSources,
			chapters: file.chapters.map((c) => ({
				...withIds(c),
				goals: c.goals.map((g) => ({
					...withIds(g),
					tasks: g.tasks.map((t) => ({ ...withIds(t), measures: t.measures.map(withIds) }))
				}))
			}))
		},
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
