import {
	expect,
	type APIRequestContext,
	type APIResponse,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import type postgres from 'postgres';
import { PASSWORD } from '../fixtures';

/** The roles of the matrix; `anonymous` has no session. */
export const ROLES = ['anonymous', 'staff', 'deputy', 'oblast', 'national', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** One demo login per role: Ak-Turpak is the own territory of the first three, Batken their oblast. */
export const LOGINS: Record<Exclude<Role, 'anonymous'>, string> = {
	staff: 'akturpak.staff',
	deputy: 'akturpak.deputy',
	oblast: 'batken.oblast',
	national: 'national',
	admin: 'admin'
};

export const SOATE = {
	akturpak: '41705258804000',
	kyshtut: '41705214835000',
	sarytash: '41706207844000',
	batken: '41705000000000',
	osh: '41706000000000',
	kadamjay: '41705258000000',
	alay: '41706207000000'
} as const;

/** The account the matrix creates to own a plan in another oblast (Sary-Tash, Osh oblast). */
export const FOREIGN_STAFF = 'authz.sarytash.staff';
const FOREIGN_PASSWORD = 'authz-foreign-2026';
const FOREIGN_PLAN_TITLE = 'Сары-Таш: гендердик план (authz matrix)';

/** Whatever a route's parameters and bodies are filled from. */
export interface Subject {
	name: string;
	/** the municipality (or oblast, for an oblast subject) the request is about: decides own/other */
	municipalityId: number;
	oblastId: number;
	/** what the territory is, when it is not a municipality */
	kind?: 'rayon' | 'oblast';
	state?: string;
	/**
	 * A request that names one plan in the URL and another's rows: `activity` — Ak-Turpak's plan with
	 * Sary-Tash's activity; `rows` — Ak-Turpak's plan and activity with Sary-Tash's section, line,
	 * indicator, deputy (and Kyshtut's amendment) in the body.
	 */
	mixed?: 'activity' | 'rows';
	ids: Record<string, number>;
	/** the active kenesh roster of the municipality */
	roster: number[];
}

export type Sql = postgres.Sql<Record<string, unknown>>;

export const baseURL = () => `http://localhost:${process.env.E2E_PORT ?? 4319}`;

/** A request context signed in as the user (one login per role per spec file: login is throttled). */
export async function signedIn(
	playwright: PlaywrightWorkerArgs['playwright'],
	username: string | null,
	password = PASSWORD
): Promise<APIRequestContext> {
	const ctx = await playwright.request.newContext({
		baseURL: baseURL(),
		extraHTTPHeaders: { origin: baseURL() }
	});
	if (username) {
		const got = await answerOf(await postAction(ctx, '/login', { username, password }), 'action');
		expect(got, `login of ${username}`).toEqual({ answer: 303, detail: 'redirect /' });
	}
	return ctx;
}

export type FilePart = { name: string; mimeType: string; buffer: Buffer };

/** Posts to a form action as `use:enhance` does, so the answer carries the action's own outcome. */
export function postAction(
	ctx: APIRequestContext,
	path: string,
	form: Record<string, string | string[]>,
	options: { origin?: string; file?: FilePart; multipart?: boolean } = {}
) {
	const headers = {
		accept: 'application/json',
		'x-sveltekit-action': 'true',
		origin: options.origin ?? baseURL()
	};
	if (options.multipart || options.file) {
		const multipart: Record<string, string | FilePart> = {};
		for (const [k, v] of Object.entries(form)) multipart[k] = Array.isArray(v) ? v.join(',') : v;
		if (options.file) multipart.file = options.file;
		return ctx.post(path, { multipart, maxRedirects: 0, headers });
	}
	const data = new URLSearchParams();
	for (const [k, v] of Object.entries(form))
		for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
	return ctx.post(path, {
		data: data.toString(),
		maxRedirects: 0,
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }
	});
}

export type Answer = number | 'login';

/** What a request got: the status, or `login` for a redirect to the login page. */
export async function answerOf(
	res: APIResponse,
	kind: 'action' | 'get'
): Promise<{ answer: Answer; detail: string }> {
	const isLogin = (location: string | undefined) =>
		!!location && /^(\/[a-z]{2})?\/login(\?|$)/.test(location);
	if (kind === 'action' && (res.headers()['content-type'] ?? '').includes('application/json')) {
		const body = (await res.json()) as {
			type: string;
			status?: number;
			location?: string;
			error?: { message?: string };
			data?: string;
		};
		if (body.type === 'redirect')
			return {
				answer: isLogin(body.location) ? 'login' : (body.status ?? 303),
				detail: `redirect ${body.location}`
			};
		if (body.type === 'error') return { answer: res.status(), detail: body.error?.message ?? '' };
		return {
			answer: body.status ?? res.status(),
			detail: `${body.type} ${String(body.data ?? '').slice(0, 160)}`
		};
	}
	const location = res.headers()['location'];
	if (res.status() >= 300 && res.status() < 400)
		return { answer: isLogin(location) ? 'login' : res.status(), detail: `redirect ${location}` };
	// 202: a document being rendered for this reader (it is served with 200 once made) — allowed
	if (res.status() === 202) return { answer: 200, detail: 'accepted, rendering' };
	return { answer: res.status(), detail: '' };
}

/**
 * A fingerprint of every table a request could change (row count and the newest row version per
 * table). Sessions, login attempts and rendered documents are left out: reading pages moves them.
 */
export async function fingerprint(sql: Sql): Promise<Record<string, string>> {
	const tables = await sql<{ name: string }[]>`
		select table_name as name from information_schema.tables
		where table_schema = 'public' and table_type = 'BASE TABLE'
			and table_name not in ('session', 'login_attempt', 'plan_document', 'summary_document')
		order by table_name`;
	const rows = await sql.unsafe<{ t: string; f: string }[]>(
		tables
			.map(
				(t) =>
					`select '${t.name}' as t, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as f from public."${t.name}"`
			)
			.join(' union all ')
	);
	return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

export function changedTables(
	before: Record<string, string>,
	after: Record<string, string>
): string[] {
	return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

const idOf = async (sql: Sql, soate: string) =>
	Number((await sql`select id from territory where soate_code = ${soate}`)[0]!.id);

/** The ids under one plan the routes need: a section, an activity with an indicator and a budget line, the roster. */
async function planIds(sql: Sql, planId: number): Promise<Record<string, number>> {
	const [p] = await sql`
		select p.row_version, p.municipality_id, t.soate_code
		from local_plan p join territory t on t.id = p.municipality_id
		where p.id = ${planId}`;
	const [section] =
		await sql`select id from plan_section where local_plan_id = ${planId} order by position limit 1`;
	const [a] = await sql`
		select a.id, a.row_version from activity a
		where a.local_plan_id = ${planId}
			and exists (select 1 from indicator i where i.activity_id = a.id)
			and exists (select 1 from budget_line b where b.activity_id = a.id)
		order by a.section_id, a.position limit 1`;
	const [ind] =
		await sql`select id, row_version from indicator where activity_id = ${a!.id} order by position, id limit 1`;
	const [line] =
		await sql`select id, row_version, year from budget_line where activity_id = ${a!.id} order by year, id limit 1`;
	const [deputy] =
		await sql`select id from deputy where municipality_id = ${p!.municipalityId} and active order by id limit 1`;
	const [amendment] =
		await sql`select id from amendment where local_plan_id = ${planId} and state = 'proposed' order by id limit 1`;
	const [doc] =
		await sql`select id from plan_document where local_plan_id = ${planId} and status = 'done' order by id desc limit 1`;
	const [report] =
		await sql`select id from report where local_plan_id = ${planId} and state = 'submitted' order by id limit 1`;
	const evidence = report
		? await sql`select id, is_public from report_evidence where report_id = ${report.id} order by id`
		: [];
	const [hearing] =
		await sql`select id from hearing where local_plan_id = ${planId} order by id limit 1`;
	const [proposal] = hearing
		? await sql`select id from hearing_proposal where hearing_id = ${hearing.id} order by id limit 1`
		: [];
	const [measure] = await sql`
		select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current
		where n.level = 'measure' and n.id not in (select measure_node_id from activity where local_plan_id = ${planId} and measure_node_id is not null)
		order by n.id limit 1`;
	return {
		planId,
		planRowVersion: Number(p!.rowVersion),
		// 14 digits, never starting with 0: exact as a number
		soateCode: Number(p!.soateCode),
		sectionId: Number(section!.id),
		activityId: Number(a!.id),
		activityRowVersion: Number(a!.rowVersion),
		indicatorId: Number(ind!.id),
		indicatorRowVersion: Number(ind!.rowVersion),
		budgetLineId: Number(line!.id),
		budgetLineRowVersion: Number(line!.rowVersion),
		budgetYear: Number(line!.year),
		deputyId: deputy ? Number(deputy.id) : 0,
		amendmentId: amendment ? Number(amendment.id) : 0,
		documentId: doc ? Number(doc.id) : 0,
		submittedReportId: report ? Number(report.id) : 0,
		publicEvidenceId: Number(evidence.find((e) => e.isPublic)?.id ?? 0),
		privateEvidenceId: Number(evidence.find((e) => !e.isPublic)?.id ?? 0),
		measureId: Number(measure!.id),
		hearingId: hearing ? Number(hearing.id) : 0,
		proposalId: proposal ? Number(proposal.id) : 0
	};
}

/** A draft act of the municipality under gender expertise, its row version and question set (made once, empty). */
async function expertiseIds(sql: Sql, municipalityId: number): Promise<Record<string, number>> {
	const title = 'Authz: гендердик экспертизанын долбоору';
	let [a] = await sql`
		select id, row_version, question_set_id from expertise_act
		where municipality_id = ${municipalityId} and title_ky = ${title} order by id limit 1`;
	if (!a)
		[a] = await sql`
			insert into expertise_act (municipality_id, kind, title_ky, question_set_id)
			values (${municipalityId}, 'other', ${title},
				(select id from expertise_question_set order by version desc limit 1))
			returning id, row_version, question_set_id`;
	return {
		expertiseActId: Number(a!.id),
		expertiseRowVersion: Number(a!.rowVersion),
		expertiseSetId: Number(a!.questionSetId)
	};
}

/** The kenesh roster of a municipality, for a session body that would pass every check but the permission. */
export async function rosterOf(sql: Sql, municipalityId: number): Promise<number[]> {
	return (
		await sql`select id from deputy where municipality_id = ${municipalityId} and active order by id`
	).map((d) => Number(d.id));
}

export interface World {
	akturpakId: number;
	batkenId: number;
	subjects: Record<string, Subject>;
}

/** Waits (bounded) until the worker has rendered a document of the plan; asks for one first as a reader. */
async function renderedDocument(
	sql: Sql,
	reader: APIRequestContext,
	planId: number
): Promise<void> {
	expect((await reader.get(`/plans/${planId}/document/ky`)).status()).toBe(200);
	for (let i = 0; i < 240; i++) {
		const [doc] =
			await sql`select status from plan_document where local_plan_id = ${planId} and lang = 'ky' order by id desc limit 1`;
		if (doc?.status === 'done') return;
		if (doc?.status === 'failed')
			throw new Error(`the document of plan ${planId} failed to render`);
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`the document of plan ${planId} was not rendered in time`);
}

/**
 * Brings the demo to what the matrix needs, through the app itself (idempotent): a plan in another
 * oblast (Sary-Tash, by an account the admin creates), an open amendment on Kyshtut's plan before the
 * kenesh, and a rendered document of each plan. Then reads every id the routes are filled with.
 */
export async function prepareWorld(
	sql: Sql,
	as: { admin: APIRequestContext; national: APIRequestContext },
	playwright: PlaywrightWorkerArgs['playwright']
): Promise<World> {
	const [akturpakId, kyshtutId, sarytashId, batkenId, oshId, kadamjayId, alayId] =
		await Promise.all(
			[
				SOATE.akturpak,
				SOATE.kyshtut,
				SOATE.sarytash,
				SOATE.batken,
				SOATE.osh,
				SOATE.kadamjay,
				SOATE.alay
			].map((s) => idOf(sql, s))
		);

	if ((await sql`select 1 from app_user where username = ${FOREIGN_STAFF}`).length === 0) {
		const created = await postAction(as.admin, '/admin/users?/create', {
			username: FOREIGN_STAFF,
			fullName: 'Сары-Таш айыл өкмөтүнүн адиси',
			password: FOREIGN_PASSWORD,
			locale: 'ky',
			role: 'staff',
			municipalityId: String(sarytashId)
		});
		// a created account answers with a redirect back to the list (PRG)
		expect([200, 303]).toContain((await answerOf(created, 'action')).answer);
		// as if its owner had already replaced the password the admin gave (the password gate is tested in login.spec)
		await sql`update app_user set must_change_password = false where username = ${FOREIGN_STAFF}`;
	}
	if (
		(
			await sql`select 1 from local_plan where municipality_id = ${sarytashId} and title = ${FOREIGN_PLAN_TITLE}`
		).length === 0
	) {
		const foreign = await signedIn(playwright, FOREIGN_STAFF, FOREIGN_PASSWORD);
		const made = await postAction(foreign, `/plans/new?municipality=${sarytashId}&/create`, {
			kind: 'gender_plan',
			title: FOREIGN_PLAN_TITLE,
			periodStart: '2025',
			periodEnd: '2027',
			sections: 'Аялдардын катышуусу\nКоопсуздук',
			envelope_2025: '300000'
		});
		const planId = Number(/\/plans\/(\d+)/.exec((await answerOf(made, 'action')).detail)?.[1]);
		expect(planId, 'the foreign plan was created').toBeGreaterThan(0);
		const [section] =
			await sql`select id from plan_section where local_plan_id = ${planId} order by position limit 1`;
		const added = await postAction(foreign, `/plans/${planId}?/addLocal`, {
			sectionId: String(section!.id),
			title: 'Аялдар үчүн укуктук кеңеш берүү'
		});
		const activityId = Number(
			/activities\/(\d+)/.exec((await answerOf(added, 'action')).detail)?.[1]
		);
		const at = `/plans/${planId}/activities/${activityId}`;
		const steps = [
			await postAction(foreign, `${at}?/indicator`, {
				name: 'Кеңеш алган аялдар',
				unit: 'адам',
				kind: 'count',
				baseline: '0',
				bySex: 'on',
				dataSource: '',
				// marker 1 below needs an indicator with women's and men's targets
				target_2025_female: '12',
				target_2025_male: '8'
			}),
			await postAction(foreign, `${at}?/budget`, {
				year: '2025',
				amount: '25000',
				source: 'local_budget',
				donorName: '',
				classificationCode: '',
				marker: '1',
				genderShare: '60',
				justification: '',
				beneficiariesWomen: '20',
				beneficiariesMen: '',
				beneficiariesGirls: '',
				beneficiariesBoys: ''
			}),
			await postAction(foreign, `/territories/${sarytashId}/kenesh?/add`, {
				fullName: 'Айнура Токтогулова',
				sex: 'female',
				termStart: '',
				termEnd: '',
				username: ''
			})
		];
		// a saved form answers with a redirect back to itself (PRG)
		for (const s of steps) expect([200, 303]).toContain((await answerOf(s, 'action')).answer);
		await foreign.dispose();
	}

	const [akturpakPlan] =
		await sql`select id, state from local_plan where municipality_id = ${akturpakId} order by id limit 1`;
	const [kyshtutApproved] =
		await sql`select id from local_plan where municipality_id = ${kyshtutId} and state = 'approved' order by id limit 1`;
	const [kyshtutSubmitted] =
		await sql`select id from local_plan where municipality_id = ${kyshtutId} and state = 'submitted' order by id limit 1`;
	const [foreignPlan] =
		await sql`select id, state from local_plan where municipality_id = ${sarytashId} and title = ${FOREIGN_PLAN_TITLE}`;

	// an amendment to decide on: Kyshtut's secretary proposes one on the plan before its kenesh
	if (
		(
			await sql`select 1 from amendment where local_plan_id = ${kyshtutSubmitted!.id} and state = 'proposed'`
		).length === 0
	) {
		const deputy = await signedIn(playwright, 'kyshtut.deputy');
		const [a] =
			await sql`select id from activity where local_plan_id = ${kyshtutSubmitted!.id} order by id limit 1`;
		const res = await postAction(
			deputy,
			`/plans/${kyshtutSubmitted!.id}/activities/${a!.id}?/propose`,
			{
				target: `activity:${a!.id}`,
				title: 'Аялдар кеңешинин иш-чараларын жергиликтүү бюджеттен толук каржылоо',
				reason: 'Так жазуу керек'
			}
		);
		expect([200, 303]).toContain((await answerOf(res, 'action')).answer);
		await deputy.dispose();
	}

	for (const planId of [
		akturpakPlan!.id,
		kyshtutSubmitted!.id,
		kyshtutApproved!.id,
		foreignPlan!.id
	])
		await renderedDocument(sql, as.national, Number(planId));

	const plan = async (
		name: string,
		planId: number,
		municipalityId: number,
		oblastId: number
	): Promise<Subject> => {
		const [p] = await sql`select state from local_plan where id = ${planId}`;
		return {
			name,
			municipalityId,
			oblastId,
			state: String(p!.state),
			ids: { ...(await planIds(sql, planId)), ...(await expertiseIds(sql, municipalityId)) },
			roster: await rosterOf(sql, municipalityId)
		};
	};
	const own = await plan('Ak-Turpak (own)', Number(akturpakPlan!.id), akturpakId!, batkenId!);
	const neighbour = await plan(
		'Kyshtut (same oblast)',
		Number(kyshtutSubmitted!.id),
		kyshtutId!,
		batkenId!
	);
	const approved = await plan(
		'Kyshtut approved (same oblast)',
		Number(kyshtutApproved!.id),
		kyshtutId!,
		batkenId!
	);
	const foreign = await plan(
		'Sary-Tash (other oblast)',
		Number(foreignPlan!.id),
		sarytashId!,
		oshId!
	);
	const [user] = await sql`select id from app_user where username = 'kyshtut.staff'`;
	const [nationalPlan] = await sql`select id from national_plan order by id limit 1`;
	const [measure] =
		await sql`select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current where n.level = 'measure' order by n.id limit 1`;
	const { noImport } = (
		await sql`select coalesce(max(id), 0) + 100000 as no_import from catalogue_import`
	)[0]!;
	const region = (name: string, id: number, oblastId = id): Subject => ({
		name,
		municipalityId: id,
		oblastId,
		kind: id === oblastId ? 'oblast' : 'rayon',
		ids: {},
		roster: []
	});

	return {
		akturpakId: akturpakId!,
		batkenId: batkenId!,
		subjects: {
			own,
			neighbour,
			approved,
			foreign,
			// the URL names Ak-Turpak's plan, the activity in it is Sary-Tash's
			ownPlanForeignActivity: {
				...own,
				name: 'Ak-Turpak’s plan with Sary-Tash’s activity',
				mixed: 'activity',
				ids: { ...foreign.ids, planId: own.ids.planId! }
			},
			// the URL names Ak-Turpak's plan and activity (or territory), the body another's rows
			ownActivityForeignRows: {
				...own,
				name: 'Ak-Turpak’s activity with Sary-Tash’s rows',
				mixed: 'rows',
				ids: {
					...foreign.ids,
					planId: own.ids.planId!,
					activityId: own.ids.activityId!,
					activityRowVersion: own.ids.activityRowVersion!,
					amendmentId: neighbour.ids.amendmentId!
				}
			},
			batken: region('Batken oblast (own oblast)', batkenId!),
			osh: region('Osh oblast (other oblast)', oshId!),
			kadamjay: region('Kadamjay rayon (own oblast)', kadamjayId!, batkenId),
			alay: region('Alay rayon (other oblast)', alayId!, oshId),
			user: {
				name: 'the account kyshtut.staff',
				municipalityId: kyshtutId!,
				oblastId: batkenId!,
				ids: { userId: Number(user!.id) },
				roster: []
			},
			catalogue: {
				name: 'the national catalogue',
				municipalityId: 0,
				oblastId: 0,
				ids: {
					planId: Number(nationalPlan!.id),
					measureId: Number(measure!.id),
					importId: Number(noImport)
				},
				roster: []
			}
		}
	};
}
