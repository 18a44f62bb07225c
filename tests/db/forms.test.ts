import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure, isHttpError, isRedirect, type Cookies } from '@sveltejs/kit';
import { overwriteGetLocale } from '../../src/lib/paraglide/runtime';
import * as app from '../../src/lib/server/app';
import * as plans from '../../src/lib/server/plans';
import type { Actor } from '../../src/lib/server/auth/actor';
import { LIMITS } from '../../src/lib/limits';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';
import { actions as activityActions } from '../../src/routes/plans/[id]/activities/[aid]/+page.server';
import { actions as planActions } from '../../src/routes/plans/[id]/+page.server';
import { actions as newPlanActions } from '../../src/routes/plans/new/+page.server';
import { actions as loginActions } from '../../src/routes/login/+page.server';

/**
 * The form actions as the browser reaches them: a posted form goes through the route's declared
 * shape, the domain call and the answer. Messages are checked in Russian.
 */
const db = await demoDb();
const { sql } = db;
process.env.DATABASE_URL = db.url;
process.env.MIGRATE_ON_START = 'off';
process.env.WORKERS = 'off';
beforeAll(async () => {
	overwriteGetLocale(() => 'ru');
	await app.start();
});
afterAll(() => app.stop());

const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const planId = await plans.createPlan(sql, staff, {
	municipalityId: akTurpak,
	kind: 'gender_plan',
	title: 'План для проверки форм',
	periodStart: 2026,
	periodEnd: 2027,
	sections: ['Раздел'],
	envelopes: []
});
const { id: sectionId } = (
	await sql<{ id: number }[]>`select id from plan_section where local_plan_id = ${planId}`
)[0]!;
const activityId = await plans.addLocalActivity(sql, staff, planId, {
	sectionId,
	title: 'Мероприятие'
});
await plans.saveIndicator(sql, staff, activityId, {
	name: 'Участники',
	unit: 'чел.',
	kind: 'count',
	baseline: '',
	bySex: true,
	byAge: false,
	byDisability: false,
	dataSource: '',
	// marker 1 needs targets for women and men
	targets: { 2026: { female: '12', male: '8' } }
});

function cookieJar(): Cookies & { jar: Map<string, string> } {
	const jar = new Map<string, string>();
	return {
		jar,
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: () => ''
	};
}

/** What a refused form sends back to the page (FormFailure, read loosely). */
type FailureData = {
	message: string;
	errors: Record<string, string>;
	values: Record<string, string | string[]>;
	[other: string]: unknown;
};

type Answer =
	| { kind: 'fail'; status: number; data: FailureData }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number; message: string }
	| { kind: 'data'; data: unknown };

/** Posts `fields` to one action of a route, as a signed-in user, and says how it answered. */
async function post(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action takes its route's generated event type; this one is built by hand
	action: (event: any) => unknown,
	o: {
		path: string;
		params?: Record<string, string>;
		actor: Actor | null;
		fields: [string, string][];
	}
): Promise<Answer & { cookies: Map<string, string> }> {
	const body = new FormData();
	for (const [k, v] of o.fields) body.append(k, v);
	const url = new URL(`http://localhost${o.path}`);
	const cookies = cookieJar();
	const event = {
		request: new Request(url, { method: 'POST', body }),
		url,
		params: o.params ?? {},
		locals: { actor: o.actor, session: null, locale: 'ru' },
		cookies,
		getClientAddress: () => '127.0.0.1'
	};
	try {
		const out = await action(event);
		if (isActionFailure(out))
			return {
				kind: 'fail',
				status: out.status,
				data: out.data as unknown as FailureData,
				cookies: cookies.jar
			};
		return { kind: 'data', data: out, cookies: cookies.jar };
	} catch (e) {
		if (isRedirect(e))
			return { kind: 'redirect', status: e.status, location: e.location, cookies: cookies.jar };
		if (isHttpError(e))
			return { kind: 'error', status: e.status, message: e.body.message, cookies: cookies.jar };
		throw e;
	}
}

const budgetPath = `/ru/plans/${planId}/activities/${activityId}?/budget`;
const params = { id: String(planId), aid: String(activityId) };
const line = (extra: [string, string][] = []): [string, string][] => [
	['_form', 'line-new'],
	['year', '2026'],
	['amount', '55 000'],
	['source', 'local_budget'],
	['marker', '0'],
	...extra
];
const lines = async () =>
	(
		await sql<
			{ n: number }[]
		>`select count(*)::int as n from budget_line where activity_id = ${activityId}`
	)[0]!.n;

describe('budget line form', () => {
	it('a 15-digit budget-line id is refused as not found, not created as a new line', async () => {
		const before = await lines();
		const answer = await post(activityActions.budget!, {
			path: budgetPath,
			params,
			actor: staff,
			fields: line([
				['id', '123456789012345'],
				['rowVersion', '0']
			])
		});
		expect(answer).toMatchObject({ kind: 'error', status: 404 });
		expect(await lines()).toBe(before);
	});

	it('a malformed budget-line id is a 400 naming the field, not a new line', async () => {
		const before = await lines();
		const answer = await post(activityActions.budget!, {
			path: budgetPath,
			params,
			actor: staff,
			fields: line([
				['id', '1234567890123456'],
				['rowVersion', '0']
			])
		});
		expect(answer.kind).toBe('fail');
		if (answer.kind !== 'fail') return;
		expect(answer.status).toBe(400);
		expect(answer.data.errors.id).toBe('Такой записи нет или форма устарела: обновите страницу.');
		expect(await lines()).toBe(before);
	});

	it('a NUL byte in any text field is a 400 with a message beside that field, and nothing is stored', async () => {
		const before = await lines();
		for (const name of [
			'amount',
			'donorName',
			'classificationCode',
			'genderShare',
			'justification'
		]) {
			const fields = line().filter(([k]) => k !== name);
			fields.push([name, 'a\u0000b']);
			const answer = await post(activityActions.budget!, {
				path: budgetPath,
				params,
				actor: staff,
				fields
			});
			expect(answer.kind, name).toBe('fail');
			if (answer.kind !== 'fail') continue;
			expect(answer.status).toBe(400);
			expect(answer.data.errors[name]).toMatch(/^В тексте есть невидимые управляющие символы/);
			expect(answer.data.values.year).toBe('2026');
		}
		expect(await lines()).toBe(before);
	});

	it('a justification sent with a marker-1 line is dropped, never stored', async () => {
		const answer = await post(activityActions.budget!, {
			path: budgetPath,
			params,
			actor: staff,
			fields: [
				['_form', 'line-new'],
				['year', '2026'],
				['amount', '10000'],
				['source', 'local_budget'],
				['marker', '1'],
				['genderShare', '50'],
				['justification', 'Только для маркера 2']
			]
		});
		expect(answer.kind).toBe('redirect');
		const [stored] = await sql<
			{ justification: string }[]
		>`select justification from budget_line where activity_id = ${activityId} and marker = 1`;
		expect(stored!.justification).toBe('');
	});

	it('a saved line answers with a redirect (303) back to its form, its message left for the next page load', async () => {
		const before = await lines();
		const answer = await post(activityActions.budget!, {
			path: budgetPath,
			params,
			actor: staff,
			fields: line()
		});
		expect(answer).toMatchObject({
			kind: 'redirect',
			status: 303,
			location: `/ru/plans/${planId}/activities/${activityId}#line-new`
		});
		expect(JSON.parse(answer.cookies.get('flash')!)).toMatchObject({
			form: 'line-new',
			message: 'Сохранено.'
		});
		expect(await lines()).toBe(before + 1);
	});
});

describe('plan forms', () => {
	it('envelope_2026 sent twice is a 400 naming the field, and the plan is unchanged', async () => {
		const { rowVersion } = (
			await sql<{ rowVersion: number }[]>`select row_version from local_plan where id = ${planId}`
		)[0]!;
		const answer = await post(planActions.settings!, {
			path: `/ru/plans/${planId}?/settings`,
			params: { id: String(planId) },
			actor: staff,
			fields: [
				['_form', 'settings'],
				['rowVersion', String(rowVersion)],
				['title', 'Новое название'],
				['kind', 'gender_plan'],
				['envelope_2026', '100'],
				['envelope_2026', '200']
			]
		});
		expect(answer.kind).toBe('fail');
		if (answer.kind !== 'fail') return;
		expect(answer.status).toBe(400);
		expect(answer.data.errors.envelope_2026).toBe(
			'Поле «envelope_2026» отправлено больше одного раза.'
		);
		expect((await sql`select title from local_plan where id = ${planId}`)[0]!.title).toBe(
			'План для проверки форм'
		);
	});

	it('a field the form does not have is a 400, and nothing changes', async () => {
		const answer = await post(planActions.addSection!, {
			path: `/ru/plans/${planId}?/addSection`,
			params: { id: String(planId) },
			actor: staff,
			fields: [
				['title', 'Раздел 2'],
				['position', '-1']
			]
		});
		expect(answer).toMatchObject({ kind: 'fail', status: 400 });
		expect(
			(await sql`select count(*)::int as n from plan_section where local_plan_id = ${planId}`)[0]!.n
		).toBe(1);
	});

	it(`one request cannot create more than ${LIMITS.sections} sections: 10 000 lines are refused and no plan is made`, async () => {
		const plansBefore = (await sql`select count(*)::int as n from local_plan`)[0]!.n;
		const many = Array.from({ length: 10_000 }, (_, i) => `Р${i}`).join('\n');
		const answer = await post(newPlanActions.create!, {
			path: `/ru/plans/new?municipality=${akTurpak}&/create`,
			actor: staff,
			fields: [
				['title', 'Много разделов'],
				['kind', 'gender_plan'],
				['periodStart', '2026'],
				['periodEnd', '2027'],
				['sections', many]
			]
		});
		expect(answer).toMatchObject({ kind: 'fail', status: 400 });
		const enough = Array.from({ length: LIMITS.sections + 1 }, (_, i) => `Раздел ${i}`).join('\n');
		const justOver = await post(newPlanActions.create!, {
			path: `/ru/plans/new?municipality=${akTurpak}&/create`,
			actor: staff,
			fields: [
				['title', 'Много разделов'],
				['kind', 'gender_plan'],
				['periodStart', '2026'],
				['periodEnd', '2027'],
				['sections', enough]
			]
		});
		expect(justOver.kind).toBe('fail');
		if (justOver.kind === 'fail')
			expect(justOver.data.errors.sections).toBe(
				`В плане может быть не более ${LIMITS.sections} разделов.`
			);
		expect((await sql`select count(*)::int as n from local_plan`)[0]!.n).toBe(plansBefore);
	});

	it(`a plan holds at most ${LIMITS.sections} sections: adding one more is refused`, async () => {
		for (let i = 1; i < LIMITS.sections; i++)
			await plans.addSection(sql, staff, planId, `Раздел ${i}`);
		await expect(plans.addSection(sql, staff, planId, 'Лишний')).rejects.toMatchObject({
			code: 'error_too_many_sections'
		});
		expect(
			(await sql`select count(*)::int as n from plan_section where local_plan_id = ${planId}`)[0]!.n
		).toBe(LIMITS.sections);
	});

	it('a new plan whose envelope fields were drawn for other years comes back drawn for the typed period, keeping every value', async () => {
		const answer = await post(newPlanActions.create!, {
			path: `/ru/plans/new?municipality=${akTurpak}&/create`,
			actor: staff,
			fields: [
				['title', 'План 2027–2029'],
				['kind', 'gender_plan'],
				['periodStart', '2027'],
				['periodEnd', '2029'],
				['sections', 'Один'],
				['envelope_2026', '100'],
				['envelope_2027', '200'],
				['envelope_2028', '300']
			]
		});
		expect(answer.kind).toBe('fail');
		if (answer.kind !== 'fail') return;
		expect(answer.data.message).toBe(
			'Годы лимитов теперь соответствуют периоду 2027–2029: проверьте суммы и создайте план ещё раз.'
		);
		expect(answer.data.values).toMatchObject({
			title: 'План 2027–2029',
			envelope_2026: '100',
			envelope_2027: '200'
		});
	});
});

describe('login form', () => {
	it('a 2.7 KB username is a 400 with a message, not a 500', async () => {
		const answer = await post(loginActions.default!, {
			path: '/ru/login',
			actor: null,
			fields: [
				['username', 'a'.repeat(2700)],
				['password', 'whatever-password']
			]
		});
		expect(answer.kind).toBe('fail');
		if (answer.kind !== 'fail') return;
		expect(answer.status).toBe(400);
		expect(answer.data.errors.username).toBe(
			'Слишком длинно: не более 40 символов, сейчас 2700. Текст не обрезан: сократите его.'
		);
	});
});
