import { expect, test, type APIRequestContext } from '@playwright/test';
import { e2eSql } from '../fixtures';
import { RULES, type Cell, type Expectation, type Rule } from './rules';
import { actionNames, endpointMethods, fillRoute, routeInventory, type RouteEntry } from './routes';
import {
	answerOf,
	changedTables,
	fingerprint,
	LOGINS,
	postAction,
	prepareWorld,
	ROLES,
	signedIn,
	type FilePart,
	type Role,
	type Subject,
	type World
} from './world';

/**
 * The authorization matrix: every route of the app (read from src/routes) × every role and
 * anonymous × own / other territory, against the answers declared in rules.ts. Forbidden writes
 * are sent for real and must leave the database as it was; allowed writes are replaced by harmless
 * probes, so the demo the other specs share is not disturbed. Each rule is its own test, so one
 * failing rule does not hide the others.
 */
const sql = e2eSql();
const inventory = routeInventory();
const as = {} as Record<Role, APIRequestContext>;
let world: World;
let template: FilePart;
const tally = { requests: 0, notSent: 0, cells: 0 };

/** A subject for routes that have no territory. */
const NOWHERE: Subject = {
	name: 'no territory',
	municipalityId: 0,
	oblastId: 0,
	ids: {},
	roster: []
};

test.beforeAll(async ({ playwright }) => {
	test.setTimeout(300_000);
	as.anonymous = await signedIn(playwright, null);
	for (const [role, username] of Object.entries(LOGINS))
		as[role as Role] = await signedIn(playwright, username);
	world = await prepareWorld(sql, as, playwright);
	const csv = await as.anonymous.get('/catalogue/template.csv');
	template = { name: 'authz-template.csv', mimeType: 'text/csv', buffer: await csv.body() };
});

test.afterAll(async () => {
	for (const ctx of Object.values(as)) await ctx.dispose();
	await sql.end();
	console.log(
		`authz matrix: ${inventory.length} routes (pages, actions, endpoint methods), ${ROLES.length} roles, ` +
			`${tally.cells} cells, ${tally.requests} requests, ${tally.notSent} allowed writes not sent`
	);
});

/** own or other, for the roles that have a territory. */
function relation(role: Role, s: Subject): 'own' | 'other' {
	if (role === 'staff' || role === 'deputy')
		return s.municipalityId === world.akturpakId ? 'own' : 'other';
	return s.oblastId === world.batkenId ? 'own' : 'other';
}

function cellOf(e: Expectation, role: Role, s: Subject): Cell {
	const c = e[role];
	return typeof c === 'object' ? c[relation(role, s)] : c;
}

function urlOf(
	entry: RouteEntry,
	params: Record<string, string | number | undefined>,
	query: string
) {
	const path = fillRoute(entry.routeId, params);
	if (entry.kind !== 'action' || entry.action === 'default') return path + query;
	return `${path}?/${entry.action}${query ? '&' + query.slice(1) : ''}`;
}

async function send(
	ctx: APIRequestContext,
	entry: RouteEntry,
	url: string,
	body: Record<string, string | string[]>,
	rule: Rule,
	withFile: boolean,
	origin?: string
) {
	tally.requests++;
	if (entry.kind === 'action')
		return answerOf(
			await postAction(ctx, url, body, {
				multipart: rule.multipart,
				file: withFile ? template : undefined,
				origin
			}),
			'action'
		);
	return answerOf(await ctx.fetch(url, { method: entry.method, maxRedirects: 0 }), 'get');
}

/** Sends every cell of a rule and returns what differs from the table; an empty list is a pass. */
async function check(rule: Rule): Promise<string[]> {
	const entry = inventory.find((e) => e.key === rule.key);
	if (!entry) return [`${rule.key} is not a route of the app`];
	const problems: string[] = [];
	for (const name of rule.subjects ?? [null]) {
		const s = name ? world.subjects[name] : NOWHERE;
		if (!s) throw new Error(`${rule.key}: unknown subject ${name}`);
		const e = typeof rule.expect === 'function' ? rule.expect(s) : rule.expect;
		const before = await fingerprint(sql);
		for (const role of ROLES) {
			const cell = cellOf(e, role, s);
			const who = `${role}${['staff', 'deputy', 'oblast'].includes(role) ? ` (${relation(role, s)})` : ''} on ${s.name}`;
			tally.cells++;
			if (cell === 'allowed' && entry.kind !== 'action') {
				problems.push(`${who}: "allowed" is only for form actions`);
				continue;
			}
			if (cell === 'allowed' && !rule.probe) {
				tally.notSent++;
				continue;
			}
			const probe = cell === 'allowed' ? rule.probe! : null;
			const params = (probe?.params ?? rule.params)?.(s) ?? {};
			const url = urlOf(entry, params, rule.query?.(s) ?? '');
			const body = (probe ? probe.body(s) : rule.body?.(s)) ?? {};
			const expected = probe ? probe.answer : cell;
			const got = await send(as[role], entry, url, body, rule, !!rule.multipart && !probe);
			if (got.answer !== expected)
				problems.push(
					`${who}: ${entry.method} ${url} → ${got.answer} (${got.detail}), expected ${expected}${probe ? ' (probe)' : ''}`
				);
		}
		const changed = changedTables(before, await fingerprint(sql));
		if (changed.length) problems.push(`on ${s.name}: the requests changed ${changed.join(', ')}`);
	}
	return problems;
}

test('every page, form action and endpoint in src/routes has a declared rule, and every rule names a route', () => {
	const declared = RULES.map((r) => r.key);
	const twice = declared.filter((k, i) => declared.indexOf(k) !== i);
	expect(twice, 'rules declared twice').toEqual([]);
	expect(
		inventory.filter((e) => !declared.includes(e.key)).map((e) => e.key),
		'routes without a rule in tests/e2e/authz/rules.ts'
	).toEqual([]);
	expect(
		declared.filter((k) => !inventory.some((e) => e.key === k)),
		'rules without a route'
	).toEqual([]);
});

for (const rule of RULES) {
	test(`${rule.key}: ${rule.rule}`, async () => {
		test.setTimeout(120_000);
		expect(await check(rule)).toEqual([]);
	});
}

test('a page without form actions and an endpoint without a POST handler answer a POST with 405', async () => {
	const problems: string[] = [];
	const withActions = new Set(inventory.filter((e) => e.kind === 'action').map((e) => e.routeId));
	const posts = new Set(inventory.filter((e) => e.method === 'POST').map((e) => e.routeId));
	for (const entry of inventory.filter(
		(e) => e.method === 'GET' && !withActions.has(e.routeId) && !posts.has(e.routeId)
	)) {
		const rule = RULES.find((r) => r.key === entry.key)!;
		const s = rule.subjects ? world.subjects[rule.subjects[0]!] : NOWHERE;
		const url = fillRoute(entry.routeId, rule.params?.(s!) ?? {}) + (rule.query?.(s!) ?? '');
		for (const role of ['anonymous', 'admin'] as const) {
			tally.requests++;
			const res = await postAction(as[role], url, {});
			if (res.status() !== 405) problems.push(`${role}: POST ${url} → ${res.status()}`);
		}
	}
	expect(problems).toEqual([]);
});

test('a form post from another origin is refused before any action runs, even for a user the action allows', async () => {
	const problems: string[] = [];
	const before = await fingerprint(sql);
	for (const rule of RULES.filter((r) => r.key.startsWith('POST ') && r.probe)) {
		const entry = inventory.find((e) => e.key === rule.key)!;
		const s = rule.subjects ? world.subjects[rule.subjects[0]!] : NOWHERE;
		const url = urlOf(entry, rule.params?.(s!) ?? {}, rule.query?.(s!) ?? '');
		const role =
			(['staff', 'admin', 'national', 'deputy'] as const).find(
				(r) =>
					cellOf(typeof rule.expect === 'function' ? rule.expect(s!) : rule.expect, r, s!) ===
					'allowed'
			) ?? 'staff';
		const got = await send(
			as[role],
			entry,
			url,
			rule.probe!.body(s!),
			rule,
			false,
			'http://evil.example'
		);
		if (got.answer !== 403)
			problems.push(`${role}: POST ${url} from another origin → ${got.answer} (${got.detail})`);
	}
	expect(changedTables(before, await fingerprint(sql))).toEqual([]);
	expect(problems).toEqual([]);
});

test('the route reader finds form actions and endpoint methods however they are written', () => {
	const page = `
		// export const actions = { commented: () => {} };
		export const actions: Actions = {
			default: async (event) => { const x = { nested: 1 }; return x; },
			'quoted': () => ({ a: "b: c" }),
			async shorthand(event) { return { not: 'an action' }; },
			last: run
		};`;
	expect(actionNames(page)).toEqual(['default', 'quoted', 'shorthand', 'last']);
	const endpoint = `export const GET: RequestHandler = () => new Response();\nexport async function POST() {}\nexport const prerender = false;`;
	expect(endpointMethods(endpoint)).toEqual(['GET', 'POST']);
	expect(fillRoute('/catalogue/template.[format]', { format: 'csv' })).toBe(
		'/catalogue/template.csv'
	);
	expect(fillRoute('/plans/[id]/activities/[aid]', { id: 3, aid: 7 })).toBe(
		'/plans/3/activities/7'
	);
});
