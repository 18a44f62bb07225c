import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import type { RequestHandler } from './$types';

const bad = (title: string) =>
	json(
		{ status: 400, title },
		{
			status: 400,
			headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
		}
	);

/** The documented parameters; anything else, repeated or malformed is a 400 naming it. */
const query = {
	q: f.text(LIMITS.search),
	plan: f.id({ optional: true }),
	pillar: f.optionalChoice(catalogue.PILLARS),
	tag: f.text(LIMITS.tag),
	body: f.text(40),
	lsg: f.optionalChoice(['1', 'true', '0', 'false']),
	localBudget: f.optionalChoice(['1', 'true', '0', 'false']),
	limit: f.int(0, 200),
	offset: f.int(0, 1_000_000)
};

/** GET /api/v1/measures?q=…&plan=…&pillar=…&tag=…&body=…&lsg=1&localBudget=1&limit=&offset= — search. Public. */
export const GET: RequestHandler = async ({ url }) => {
	const checked = f.checkQuery(url, query, { strict: true });
	if (!checked.ok) return bad(checked.message);
	const p = checked.value;
	const yes = (v: string) => v === '1' || v === 'true';
	const result = await catalogue.search(app.sql(), {
		q: p.q,
		plan: p.plan,
		pillar: p.pillar || null,
		tag: p.tag || null,
		body: p.body || null,
		lsg: yes(p.lsg),
		localBudget: yes(p.localBudget),
		limit: p.limit ?? 50,
		offset: p.offset ?? 0
	});
	return json(
		{
			apiVersion: 'v1',
			total: result.total,
			measures: result.hits.map((h) => ({
				nodeId: h.id,
				id: h.stableId,
				number: h.number,
				text: h.text,
				plan: { id: h.planId, key: h.planKey, title: h.planTitle, status: h.planStatus },
				goal: { number: h.goalNumber, title: h.goalTitle },
				level: h.level,
				tags: h.tags,
				deadline: h.deadlineRaw,
				bodies: h.bodies,
				rank: h.rank
			}))
		},
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
