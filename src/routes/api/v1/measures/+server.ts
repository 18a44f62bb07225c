import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import type { RequestHandler } from './$types';

const bad = (title: string) => json({ status: 400, title }, { status: 400, headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' } });

/** GET /api/v1/measures?q=…&plan=…&pillar=…&tag=…&body=…&lsg=1&localBudget=1&limit=&offset= — search. Public. */
export const GET: RequestHandler = async ({ url }) => {
	const p = url.searchParams;
	const int = (name: string, max: number) => {
		const v = p.get(name);
		if (v === null || v === '') return undefined;
		return /^\d{1,9}$/.test(v) && Number(v) <= max ? Number(v) : NaN;
	};
	const plan = int('plan', 1e12);
	const limit = int('limit', 200);
	const offset = int('offset', 1e6);
	if ([plan, limit, offset].some((x) => Number.isNaN(x))) return bad('plan, limit (≤ 200) and offset must be non-negative integers');
	const q = p.get('q') ?? '';
	if (q.length > 200) return bad('q is longer than 200 characters');
	const pillar = p.get('pillar');
	if (pillar && !(catalogue.PILLARS as readonly string[]).includes(pillar)) return bad('pillar must be one of ' + catalogue.PILLARS.join(', '));
	const result = await catalogue.search(app.sql(), {
		q,
		plan: plan ?? null,
		pillar,
		tag: p.get('tag'),
		body: p.get('body'),
		lsg: p.get('lsg') === '1' || p.get('lsg') === 'true',
		localBudget: p.get('localBudget') === '1' || p.get('localBudget') === 'true',
		limit: limit ?? 50,
		offset: offset ?? 0
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
