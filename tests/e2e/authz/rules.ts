import type { Answer, Role, Subject } from './world';

/**
 * The authorization rules of every route, declared by hand: for each page (GET), form action (POST)
 * and endpoint method, who gets which answer — per role and, where it matters, per territory (the
 * own one of akturpak.staff / akturpak.deputy / batken.oblast, or another). The matrix spec checks
 * the running app against this table, and checks the table against the route tree: a route without
 * a rule, or a rule without a route, fails.
 *
 * A cell is the answer expected: a status, `login` (sent to the login page), or — for a form action
 * — `allowed`: the role gets past the permission check. Allowed writes are not made (the demo is
 * shared by every spec); where a harmless request proves the gate opens (a body the domain refuses
 * as invalid, a stale row version), the rule's `probe` is sent instead and must answer as declared
 * and change nothing. Refused roles send the real `body`, one that would succeed for an allowed
 * user, and the database must be unchanged afterwards.
 */
export type Cell = Answer | 'allowed';
export type ByTerritory = Cell | { own: Cell; other: Cell };
export type Expectation = {
	[R in Role]: R extends 'staff' | 'deputy' | 'oblast' ? ByTerritory : Cell;
};
export type Form = Record<string, string | string[]>;
type Ids = Subject['ids'];

export interface Rule {
	/** `GET /route/[id]` (page or endpoint) or `POST /route/[id]?/action` (`POST /route` for a default action) */
	key: string;
	/** the rule in words: the test's name */
	rule: string;
	/** the subjects (World.subjects) the route is filled from; none for routes without a territory */
	subjects?: string[];
	params?: (s: Subject) => Record<string, string | number | undefined>;
	query?: (s: Subject) => string;
	body?: (s: Subject) => Form;
	/** a file upload instead of a form */
	multipart?: boolean;
	probe?: {
		body: (s: Subject) => Form;
		answer: Answer;
		params?: (s: Subject) => Record<string, string | number | undefined>;
	};
	expect: Expectation | ((s: Subject) => Expectation);
}

// ---------------------------------------------------------------- expectation builders

/** The same answer for everyone, signed in or not. */
const everyone = (c: Cell): Expectation => ({
	anonymous: c,
	staff: c,
	deputy: c,
	oblast: c,
	national: c,
	admin: c
});

/** Everyone signed in gets `c`; anonymous is sent to log in. */
const signedIn = (c: Cell, anonymous: Cell = 'login'): Expectation => ({
	...everyone(c),
	anonymous
});

/**
 * The reading rule every territory shares: staff and deputies their own municipality, the oblast
 * representative the oblast, national and admin everything; anyone else is refused.
 */
const readers = (ok: Cell, refused: Cell = 403, anonymous: Cell = 'login'): Expectation => ({
	anonymous,
	staff: { own: ok, other: refused },
	deputy: { own: ok, other: refused },
	oblast: { own: ok, other: refused },
	national: ok,
	admin: ok
});

/** Refused for everyone but the given cells. */
const only = (
	cells: Partial<Omit<Expectation, 'anonymous'>>,
	refused: Cell = 403,
	anonymous: Cell = 'login'
): Expectation => ({
	...signedIn(refused, anonymous),
	...cells
});

const OWN_STAFF = { staff: { own: 'allowed', other: 403 } } as const;
const ADMIN = { admin: 'allowed' } as const;

// ---------------------------------------------------------------- subjects and bodies

/** The plans the plan routes are checked on: Ak-Turpak's (own), Kyshtut's before its kenesh and approved (same oblast), Sary-Tash's (other oblast). */
const PLANS = ['own', 'neighbour', 'approved', 'foreign'];
const MUNICIPALITIES = ['own', 'neighbour', 'foreign'];
/** Territories above a municipality: a rayon and an oblast, of the own oblast and of another. */
const REGIONS = ['kadamjay', 'alay', 'batken', 'osh'];

const plan = (s: Subject) => ({ id: s.ids.planId });
const activity = (s: Subject) => ({ id: s.ids.planId, aid: s.ids.activityId });
const territory = (s: Subject) => ({ id: s.municipalityId });
const isRegion = (s: Subject) => s.kind !== undefined;

/** A bulk statisticians' export of Batken (KG05) or Osh (KG06) oblast for 2025. */
const bulkQuery = (s: Subject) =>
	`?oblast=${s.name.startsWith('Osh') ? 'KG06' : 'KG05'}&period=2025`;
const BULK: Expectation = {
	...only({ oblast: { own: 200, other: 403 }, national: 200, admin: 200 }),
	anonymous: 403
};

const oblastCode = (s: Subject) => ({ code: s.name.startsWith('Osh') ? 'KG06' : 'KG05' });
/** Monitors their oblast; staff and deputies the oblast of their municipality (their row); another oblast does not exist for them. */
const OBLAST_DASHBOARD = (s: Subject): Expectation => {
	// Ak-Turpak's staff and deputy are in Batken: that subject is "other" to them only as a territory
	const municipal = s.name.startsWith('Osh') ? 404 : 200;
	return { ...readers(200, 404), staff: municipal, deputy: municipal };
};

const str = (n: number) => String(n);
/** A body of the representation registry, complete: an allowed post would add it. */
const representationBody = (over: Form = {}): Form => ({
	kind: 'public_council',
	nameKy: 'Authz кеңеши',
	nameRu: 'Совет Authz',
	women: '3',
	men: '4',
	headSex: '',
	deputySex: '',
	...over
});
/** A hearing announcement that passes every check but the permission (and, for a draft, the plan's state). */
const hearingBody = (over: Form = {}): Form => ({
	subject: 'plan',
	heldDate: '2030-05-01',
	heldTime: '10:00',
	place: 'Authz зал',
	documents: ['plan_pdf'],
	documentsNote: '',
	proposalsFrom: '2030-04-01',
	proposalsTo: '2030-04-30',
	...over
});
const hearing = (s: Subject) => ({ id: s.ids.planId, hearingId: s.ids.hearingId || NO_SUCH_ID });
/** A hearing's staff routes: its own staff only; a plan with no hearing has none to open. */
const hearingStaff = (ok: Cell) => (s: Subject) =>
	s.ids.hearingId ? only({ staff: { own: ok, other: 403 } }) : signedIn(404);
const hearingRecordBody = (): Form => ({
	womenUnder30: '1',
	women3059: '2',
	women60Plus: '0',
	menUnder30: '1',
	men3059: '1',
	men60Plus: '0',
	questions: 'authz',
	decisions: 'authz'
});
/** A draft act as the register form sends it, complete: an allowed post would register it. */
const expertiseAct = (over: Form = {}): Form => ({
	kind: 'other',
	titleKy: 'Authz: долбоор',
	titleRu: '',
	number: '',
	actDate: '',
	...over
});
const expertiseParams = (s: Subject) => ({ aid: s.ids.expertiseActId });
const checklistBody = (s: Subject, rowVersion: string): Form => ({
	rowVersion,
	setId: str(s.ids.expertiseSetId!),
	conclusion: 'Authz',
	outcome: 'recommended'
});
const questionsBody = (baseVersion: string): Form => ({
	baseVersion,
	textKy_1: 'Authz суроо',
	textRu_1: 'Authz вопрос',
	textEn_1: 'Authz question',
	hintKy_1: '',
	hintRu_1: '',
	hintEn_1: ''
});
/** A well-formed id no record has: the domain, not the form's shape, answers "not found". */
const NO_SUCH_ID = '2000000000';
/** A row version no row has reached: the write is refused as stale. */
const STALE_VERSION = '999999';
const activityBody = (ids: Ids, rowVersion = ids.activityRowVersion): Form => ({
	title: 'authz: changed',
	reason: '',
	responsible: '',
	partners: '',
	targetGroups: '',
	startYear: '',
	startQuarter: '',
	endYear: '',
	endQuarter: '',
	rowVersion: str(rowVersion!)
});
const lineBody = (ids: Ids, year = ids.budgetYear): Form => ({
	id: str(ids.budgetLineId!),
	rowVersion: str(ids.budgetLineRowVersion!),
	year: str(year!),
	amount: '1',
	source: 'local_budget',
	donorName: '',
	classificationCode: '',
	marker: '0',
	genderShare: '',
	justification: '',
	beneficiariesWomen: '',
	beneficiariesMen: '',
	beneficiariesGirls: '',
	beneficiariesBoys: ''
});
const indicatorBody = (ids: Ids, name = 'authz: changed'): Form => ({
	id: str(ids.indicatorId!),
	rowVersion: str(ids.indicatorRowVersion!),
	name,
	unit: 'адам',
	kind: 'count',
	baseline: '0',
	bySex: 'on',
	dataSource: ''
});
const deputyBody = (fullName = 'Authz Intruder'): Form => ({
	fullName,
	sex: 'female',
	termStart: '',
	termEnd: '',
	username: ''
});
const sessionBody = (s: Subject): Form => ({
	sessionDate: '2026-01-15',
	present: s.roster.map(String),
	votesFor: str(s.roster.length),
	votesAgainst: '0',
	votesAbstained: '0',
	decisionNumber: 'authz-1',
	outcome: 'approved'
});

/**
 * A request naming the own plan in the URL and another plan's row in the body: whoever may act on
 * the own plan is stopped by the row check (`forOwnReaders`), everyone else by the permission.
 */
const refusedForAll = (refused: Cell, forOwnReaders: Cell = refused): Expectation => ({
	anonymous: 'login',
	staff: { own: forOwnReaders, other: refused },
	deputy: { own: forOwnReaders, other: refused },
	oblast: { own: forOwnReaders, other: refused },
	national: forOwnReaders,
	admin: forOwnReaders
});

/** The 2025 report of an approved plan (Kyshtut's is submitted), and its draft for the first half of 2026. */
const report = (s: Subject) => ({ id: s.ids.planId, period: '2025' });
const draftReport = (s: Subject) => ({ id: s.ids.planId, period: '2026S1' });

/** Report writes: only the municipality's own staff, on an approved plan; a plan not approved has no reports. */
const reportWrite = (s: Subject): Expectation =>
	s.state === 'approved' ? only(OWN_STAFF) : only({ staff: { own: 404, other: 403 } });

/** Plan-level write actions: only the municipality's own staff, on any subject plan; mixed requests refused. */
const staffWrite = (mixed?: (s: Subject) => Expectation) => (s: Subject) =>
	s.mixed && mixed ? mixed(s) : only(OWN_STAFF);

// ---------------------------------------------------------------- the table

export const RULES: Rule[] = [
	// ---- home, account, login
	{
		key: 'GET /',
		rule: 'the home page is for signed-in users; anonymous visitors are sent to log in',
		expect: signedIn(200)
	},
	{
		key: 'GET /login',
		rule: 'the login page is open; a signed-in user is sent home',
		expect: { ...signedIn(303), anonymous: 200 }
	},
	{
		key: 'POST /login',
		rule: 'anyone may try to log in (an empty form is refused as invalid, without counting as a failed attempt)',
		body: () => ({ username: '', password: '' }),
		probe: { body: () => ({ username: '', password: '' }), answer: 400 },
		expect: everyone('allowed')
	},
	{ key: 'GET /logout', rule: 'opening the logout address only leads home', expect: everyone(303) },
	{
		key: 'POST /logout',
		rule: 'logging out is for everyone; an anonymous one just lands on the login page',
		expect: { ...signedIn('allowed'), anonymous: 'login' }
	},
	{
		key: 'GET /low-vision',
		rule: 'the low-vision switch is a form in the header; its address only leads home',
		expect: everyone(303)
	},
	{
		key: 'POST /low-vision',
		rule: 'anyone may switch the low-vision mode, signed in or not (a malformed switch is refused)',
		probe: { body: () => ({ on: 'maybe', back: '/' }), answer: 400 },
		expect: everyone('allowed')
	},
	{
		key: 'GET /account/password',
		rule: 'changing one’s password is for signed-in users',
		expect: signedIn(200)
	},
	{
		key: 'POST /account/password',
		rule: 'every signed-in user may change their own password (a wrong current one is refused)',
		body: () => ({
			current: 'wrong-password-1',
			next: 'authz-new-password-1',
			confirm: 'authz-new-password-1'
		}),
		probe: {
			body: () => ({
				current: 'wrong-password-1',
				next: 'authz-new-password-1',
				confirm: 'authz-new-password-1'
			}),
			answer: 400
		},
		expect: signedIn('allowed')
	},
	{
		key: 'GET /notifications',
		rule: 'notifications are each signed-in user’s own',
		expect: signedIn(200)
	},
	{
		key: 'POST /notifications?/readAll',
		rule: 'marking one’s notifications read is for signed-in users',
		expect: signedIn('allowed')
	},

	// ---- admin
	{
		key: 'GET /admin/feed',
		rule: 'only an admin opens the feed’s endpoints, sender keys and deliveries',
		expect: only({ admin: 200 })
	},
	{
		key: 'POST /admin/feed?/addEndpoint',
		rule: 'only an admin adds a receiver (an address that is not http(s) is refused and adds nothing)',
		body: () => ({
			url: 'http://127.0.0.1:9/api/v1/feed',
			keyId: 'authz-intruder',
			secret: 'authz-intruder-secret-1234'
		}),
		probe: {
			body: () => ({ url: 'ftp://x', keyId: 'authz-probe', secret: 'authz-probe-secret-1234' }),
			answer: 400
		},
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/feed?/deactivateEndpoint',
		rule: 'only an admin deactivates a receiver',
		body: () => ({ id: '1' }),
		probe: { body: () => ({ id: NO_SUCH_ID }), answer: 404 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/feed?/createKey',
		rule: 'only an admin creates a sender key (a malformed key id is refused and creates nothing)',
		body: () => ({ keyId: 'authz-intruder', label: 'Intruder' }),
		probe: { body: () => ({ keyId: 'not a key id', label: '' }), answer: 400 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/feed?/revokeKey',
		rule: 'only an admin revokes a sender key',
		body: () => ({ id: '1' }),
		probe: { body: () => ({ id: NO_SUCH_ID }), answer: 404 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/feed?/sendAgain',
		rule: 'only an admin sends a dead delivery again (one that is not dead is refused)',
		body: () => ({ id: '1' }),
		probe: { body: () => ({ id: NO_SUCH_ID }), answer: 404 },
		expect: only(ADMIN)
	},
	{
		key: 'GET /admin/system',
		rule: 'only an admin opens the system page',
		expect: only({ admin: 200 })
	},
	{
		key: 'GET /admin/territories',
		rule: 'only an admin opens the territory import',
		expect: only({ admin: 200 })
	},
	{
		key: 'POST /admin/territories?/check',
		rule: 'only an admin checks a territory CSV (a file without rows is refused as invalid)',
		body: () => ({
			csv: 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en\n41705258891000,municipality,41705258000000,Authz,Authz,Authz'
		}),
		probe: {
			body: () => ({ csv: 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en' }),
			answer: 400
		},
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/territories?/import',
		rule: 'only an admin imports territories (a file with a bad row imports nothing)',
		body: () => ({
			csv: 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en\n41705258891000,municipality,41705258000000,Authz,Authz,Authz'
		}),
		probe: {
			body: () => ({
				csv: 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en\n123,village,,,,'
			}),
			answer: 400
		},
		expect: only(ADMIN)
	},
	{
		key: 'GET /admin/users',
		rule: 'only an admin lists the accounts',
		expect: only({ admin: 200 })
	},
	{
		key: 'POST /admin/users?/create',
		rule: 'only an admin creates an account',
		body: () => ({
			username: 'authz.intruder',
			fullName: 'Intruder',
			password: 'long-enough-pass-1',
			locale: 'ky',
			role: 'admin'
		}),
		probe: {
			body: () => ({ username: 'X', fullName: '', password: '', locale: 'ky', role: 'staff' }),
			answer: 400
		},
		expect: only(ADMIN)
	},
	{
		key: 'GET /admin/users/[id]',
		rule: 'only an admin opens an account',
		subjects: ['user'],
		params: (s) => ({ id: s.ids.userId }),
		expect: only({ admin: 200 })
	},
	{
		key: 'POST /admin/users/[id]?/setRole',
		rule: 'only an admin changes an account’s role',
		subjects: ['user'],
		params: (s) => ({ id: s.ids.userId }),
		body: () => ({ role: 'admin' }),
		probe: { body: () => ({ role: 'nobody' }), answer: 400 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/users/[id]?/resetPassword',
		rule: 'only an admin resets another’s password',
		subjects: ['user'],
		params: (s) => ({ id: s.ids.userId }),
		body: () => ({ password: 'authz-reset-pass-1' }),
		probe: { body: () => ({ password: 'short' }), answer: 400 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/users/[id]?/setActive',
		rule: 'only an admin deactivates an account',
		subjects: ['user'],
		params: (s) => ({ id: s.ids.userId }),
		body: () => ({ active: 'false' }),
		probe: { body: () => ({ active: 'true' }), params: () => ({ id: 999999999 }), answer: 404 },
		expect: only(ADMIN)
	},
	{
		key: 'POST /admin/users/[id]?/unlock',
		rule: 'only an admin lifts the lock that failed sign-ins put on an account',
		subjects: ['user'],
		params: (s) => ({ id: s.ids.userId }),
		body: () => ({}),
		probe: { body: () => ({}), params: () => ({ id: 999999999 }), answer: 404 },
		expect: only(ADMIN)
	},

	// ---- catalogue (public reading; national and admin import)
	{ key: 'GET /catalogue', rule: 'the catalogue is public', expect: everyone(200) },
	{
		key: 'GET /catalogue/plans/[id]',
		rule: 'a national plan’s tree is public',
		subjects: ['catalogue'],
		params: (s) => ({ id: s.ids.planId }),
		expect: everyone(200)
	},
	{
		key: 'GET /catalogue/measures/[id]',
		rule: 'a measure page is public',
		subjects: ['catalogue'],
		params: (s) => ({ id: s.ids.measureId }),
		expect: everyone(200)
	},
	{
		key: 'GET /catalogue/plans/[id]/export/[format]',
		rule: 'a national plan’s export is public',
		subjects: ['catalogue'],
		params: (s) => ({ id: s.ids.planId, format: 'csv' }),
		expect: everyone(200)
	},
	{
		key: 'GET /catalogue/template.[format]',
		rule: 'the import template is public',
		params: () => ({ format: 'csv' }),
		expect: everyone(200)
	},
	{
		key: 'GET /catalogue/import',
		rule: 'only national and admin open the catalogue import',
		expect: only({ national: 200, admin: 200 })
	},
	{
		key: 'POST /catalogue/import?/check',
		rule: 'only national and admin check a catalogue file (a plan without a key is refused as invalid)',
		multipart: true,
		body: () => ({
			key: 'authz-intruder',
			kind: 'other',
			titleKy: 'Authz',
			periodStart: '2025',
			periodEnd: '2027',
			status: 'draft'
		}),
		probe: { body: () => ({ key: '' }), answer: 400 },
		expect: only({ national: 'allowed', admin: 'allowed' })
	},
	{
		key: 'POST /catalogue/import?/import',
		rule: 'only national and admin import a catalogue plan (a plan without a key is refused as invalid and imports nothing)',
		multipart: true,
		body: () => ({
			key: 'authz-intruder',
			kind: 'other',
			titleKy: 'Authz',
			periodStart: '2025',
			periodEnd: '2027',
			status: 'draft'
		}),
		probe: { body: () => ({ key: '' }), answer: 400 },
		expect: only({ national: 'allowed', admin: 'allowed' })
	},
	{
		key: 'POST /catalogue/import?/importChecked',
		rule: 'only national and admin load a checked catalogue file (a check that does not exist loads nothing)',
		body: () => ({ id: '999999999' }),
		probe: { body: () => ({ id: '999999999' }), answer: 404 },
		expect: only({ national: 'allowed', admin: 'allowed' })
	},
	{
		key: 'GET /catalogue/imports/[id]',
		rule: 'an import’s progress is for national and admin only; others are refused before the import is even looked up',
		subjects: ['catalogue'],
		params: (s) => ({ id: s.ids.importId }),
		expect: only({ national: 404, admin: 404 })
	},

	// ---- read API
	{
		key: 'GET /bench/bare',
		rule: 'the bench’s floor page exists only in a server the bench starts',
		expect: everyone(404)
	},
	{ key: 'GET /api/v1/openapi.json', rule: 'the API description is public', expect: everyone(200) },
	{
		key: 'GET /api/v1/schemas/feed-v1.json',
		rule: 'the JSON Schema of the feed is public',
		expect: everyone(200)
	},
	{
		key: 'POST /api/v1/feed',
		rule: 'the feed is received only with a sender key’s signature, whoever is signed in',
		expect: everyone(401)
	},
	{
		key: 'GET /api/v1/measures',
		rule: 'measure search in the API is public',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/plans',
		rule: 'the national plans in the API are public',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/plans/[id]',
		rule: 'a national plan in the API is public',
		subjects: ['catalogue'],
		params: (s) => ({ id: s.ids.planId }),
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/public/local-plans',
		rule: 'the approved local plans in the API are public',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/public/local-plans/[id]',
		rule: 'the public API gives an approved plan to anyone and a draft or submitted plan to nobody',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},

	{
		key: 'GET /api/v1/public/local-plans/[id]/reports',
		rule: 'the submitted reports of an approved plan are public; a plan not approved has none to show',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /api/v1/public/local-plans/[id]/reports/[reportId]',
		rule: 'a submitted report of an approved plan is public, for everyone; nothing of a plan not approved is',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, reportId: s.ids.submittedReportId || NO_SUCH_ID }),
		expect: (s) => everyone(s.state === 'approved' && s.ids.submittedReportId ? 200 : 404)
	},

	{
		key: 'GET /api/v1/public/local-plans/[id]/adx.xml',
		rule: 'the ADX export of an approved plan is public; a plan not approved has none',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /api/v1/public/local-plans/[id]/dataValueSets.json',
		rule: 'the dataValueSets export of an approved plan is public; a plan not approved has none',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /api/v1/public/sdg/5-5-1b.csv',
		rule: 'SDG 5.5.1b as SDMX-CSV is public (seat counts only, no names)',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/public/oblasts',
		rule: 'the oblast figures over approved plans and submitted reports are public',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/public/coverage',
		rule: 'the coverage of a national plan’s measures is public',
		query: () => '?plan=nap-gender-2018-2020',
		expect: everyone(200)
	},
	{
		key: 'GET /api/v1/exports/metadata.json',
		rule: 'the DHIS2 metadata of the exports is public (codes and names, no personal data)',
		expect: everyone(200)
	},
	{
		key: 'GET /oblast/[code]',
		rule: 'an oblast’s dashboard opens for its oblast representative, its municipalities’ staff and deputies (their own row), national and admin; another oblast is not found',
		subjects: ['batken', 'osh'],
		params: oblastCode,
		expect: OBLAST_DASHBOARD
	},
	{
		key: 'GET /oblast/[code]/export/[format]',
		rule: 'the dashboard’s XLSX is downloaded by whoever opens the dashboard; another oblast is not found',
		subjects: ['batken', 'osh'],
		params: (s) => ({ ...oblastCode(s), format: 'xlsx' }),
		expect: (s) => ({ ...OBLAST_DASHBOARD(s), anonymous: 403 })
	},
	{
		key: 'GET /national',
		rule: 'the national view (every oblast, the coverage matrix) opens for national and admin users; anyone else finds nothing there',
		expect: only({ national: 200, admin: 200 }, 404)
	},
	{
		key: 'GET /national/adopters',
		rule: 'the municipalities of an oblast that adopted a national measure are listed for national and admin users; anyone else finds nothing there',
		query: () => '?plan=nap-gender-2025-2027-draft&measure=g25.m6.2&oblast=KG05',
		expect: only({ national: 200, admin: 200 }, 404)
	},
	{
		key: 'GET /api/v1/exports/adx.xml',
		rule: 'an oblast’s ADX is downloaded by its own oblast representative, national and admin; others are refused',
		subjects: ['batken', 'osh'],
		query: bulkQuery,
		expect: BULK
	},
	{
		key: 'GET /api/v1/exports/dataValueSets.json',
		rule: 'an oblast’s dataValueSets are downloaded by its own oblast representative, national and admin; others are refused',
		subjects: ['batken', 'osh'],
		query: bulkQuery,
		expect: BULK
	},

	{
		key: 'GET /api/v1/public/local-plans/[id]/reports/[reportId]/evidence/[evidenceId]',
		rule: 'an evidence file marked public, of a submitted report of an approved plan, is public; any other file is not found, for everyone',
		subjects: PLANS,
		params: (s) => ({
			id: s.ids.planId,
			reportId: s.ids.submittedReportId || NO_SUCH_ID,
			evidenceId: s.ids.publicEvidenceId || NO_SUCH_ID
		}),
		expect: (s) => everyone(s.state === 'approved' && s.ids.publicEvidenceId ? 200 : 404)
	},

	// ---- public pages
	{ key: 'GET /public', rule: 'the list of approved plans is public', expect: everyone(200) },
	{
		key: 'GET /public/plans/[id]',
		rule: 'an approved plan is public; a draft or a plan before the kenesh is not found, for everyone',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /public/plans/[id]/pdf/[lang]',
		rule: 'an approved plan’s PDF is public; a draft’s is not found, for everyone',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, lang: 'ky' }),
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /public/plans/[id]/reports/[period]/[format]/[lang]',
		rule: 'a submitted report’s PDF of an approved plan is public; a plan not approved has none, for everyone',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, period: '2025', format: 'pdf', lang: 'ru' }),
		expect: (s) => everyone(s.state === 'approved' && s.ids.submittedReportId ? 200 : 404)
	},
	{
		key: 'GET /public/plans/[id]/summary/[format]/[lang]',
		rule: 'an approved plan’s one-page summary (PDF, PNG) is public; a draft’s is not found, for everyone',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, format: 'png', lang: 'ru' }),
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},
	{
		key: 'GET /public/plans/[id]/reports/[period]/summary/[format]/[lang]',
		rule: 'a submitted report’s one-page summary is public; a plan not approved has none, for everyone',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, period: '2025', format: 'pdf', lang: 'ky' }),
		expect: (s) => everyone(s.state === 'approved' && s.ids.submittedReportId ? 200 : 404)
	},
	{
		key: 'GET /s/[id]',
		rule: 'a summary’s short link leads anyone to an approved plan’s public page; a draft’s is not found',
		subjects: PLANS,
		params: plan,
		expect: (s) => everyone(s.state === 'approved' ? 302 : 404)
	},
	{
		key: 'GET /public/plans/[id]/xlsx/[lang]',
		rule: 'an approved plan’s XLSX is public; a draft’s is not found, for everyone',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, lang: 'ky' }),
		expect: (s) => everyone(s.state === 'approved' ? 200 : 404)
	},

	{
		key: 'GET /embed/[soate]',
		rule: 'a municipality’s embeddable view is public: its approved plan, or that none is approved yet',
		subjects: MUNICIPALITIES,
		params: (s) => ({ soate: String(s.ids.soateCode) }),
		expect: everyone(200)
	},

	// ---- territories
	{
		key: 'GET /territories/[id]',
		rule: 'a territory’s page is read by its own staff and deputies, its oblast, national and admin',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: readers(200)
	},
	{
		key: 'POST /territories/[id]?/profile',
		rule: 'only a municipality’s own staff edit its profile',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		body: () => ({
			headName: 'Authz Intruder',
			keneshChairName: '',
			address: '',
			phone: '',
			email: '',
			quorumPercent: '60'
		}),
		probe: {
			body: () => ({
				headName: '',
				keneshChairName: '',
				address: '',
				phone: '',
				email: 'not-an-address',
				quorumPercent: '50'
			}),
			answer: 400
		},
		expect: only(OWN_STAFF)
	},
	{
		key: 'GET /territories/[id]/kenesh',
		rule: 'a kenesh roster is read by the municipality, its oblast, national and admin; an oblast has none',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: (s) => (isRegion(s) ? readers(404) : readers(200))
	},
	{
		key: 'POST /territories/[id]/kenesh?/add',
		rule: 'only the municipality’s own staff add a deputy to its roster',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		body: () => deputyBody(),
		probe: { body: () => deputyBody(''), answer: 400 },
		expect: (s) => (isRegion(s) ? signedIn(404) : only(OWN_STAFF))
	},
	{
		key: 'POST /territories/[id]/kenesh?/update',
		rule: 'only the municipality’s own staff change a deputy; a deputy of another roster is not found',
		subjects: [...MUNICIPALITIES, 'ownActivityForeignRows'],
		params: territory,
		body: (s) => ({ ...deputyBody(), deputyId: str(s.ids.deputyId!) }),
		probe: { body: () => ({ ...deputyBody(), deputyId: NO_SUCH_ID }), answer: 404 },
		expect: (s) => (s.mixed ? only({ staff: { own: 404, other: 403 } }) : only(OWN_STAFF))
	},
	{
		key: 'POST /territories/[id]/kenesh?/remove',
		rule: 'only the municipality’s own staff remove a deputy; a deputy of another roster is not found',
		subjects: [...MUNICIPALITIES, 'ownActivityForeignRows'],
		params: territory,
		body: (s) => ({ deputyId: str(s.ids.deputyId!) }),
		probe: { body: () => ({ deputyId: NO_SUCH_ID }), answer: 404 },
		expect: (s) => (s.mixed ? only({ staff: { own: 404, other: 403 } }) : only(OWN_STAFF))
	},

	// ---- public hearings
	{
		key: 'GET /plans/[id]/hearings',
		rule: 'a plan’s hearings are read like the plan: its municipality’s staff and deputies, its oblast, national and admin',
		subjects: PLANS,
		params: plan,
		expect: readers(200)
	},
	{
		key: 'POST /plans/[id]/hearings?/announce',
		rule: 'only the municipality’s own staff announce a hearing (staff of another municipality and deputies are refused)',
		subjects: PLANS,
		params: plan,
		body: () => hearingBody(),
		probe: { body: () => hearingBody({ place: '' }), answer: 400 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'GET /plans/[id]/hearings/[hearingId]',
		rule: 'only the municipality’s own staff open a hearing’s proposals (with their authors’ names) and its record form',
		subjects: PLANS,
		params: hearing,
		expect: hearingStaff(200)
	},
	{
		key: 'POST /plans/[id]/hearings/[hearingId]?/moderate',
		rule: 'only the municipality’s own staff publish or hide a proposal',
		subjects: PLANS,
		params: hearing,
		body: (s) => ({
			proposalId: str(s.ids.proposalId || Number(NO_SUCH_ID)),
			moderation: 'hidden'
		}),
		probe: { body: () => ({ proposalId: NO_SUCH_ID, moderation: 'hidden' }), answer: 404 },
		expect: hearingStaff('allowed')
	},
	{
		key: 'POST /plans/[id]/hearings/[hearingId]?/decide',
		rule: 'only the municipality’s own staff say what became of a proposal',
		subjects: PLANS,
		params: hearing,
		body: (s) => ({
			proposalId: str(s.ids.proposalId || Number(NO_SUCH_ID)),
			outcome: 'rejected',
			became: '',
			reason: 'authz'
		}),
		probe: {
			body: () => ({ proposalId: NO_SUCH_ID, outcome: 'rejected', became: '', reason: 'authz' }),
			answer: 404
		},
		expect: hearingStaff('allowed')
	},
	{
		key: 'POST /plans/[id]/hearings/[hearingId]?/record',
		rule: 'only the municipality’s own staff record a hearing',
		subjects: PLANS,
		params: hearing,
		body: hearingRecordBody,
		probe: { body: () => ({ ...hearingRecordBody(), womenUnder30: '' }), answer: 400 },
		expect: hearingStaff('allowed')
	},
	{
		key: 'GET /public/hearings/[id]',
		rule: 'a hearing is public: its time and place, published proposals without names, its record',
		subjects: ['approved'],
		params: (s) => ({ id: s.ids.hearingId }),
		expect: everyone(200)
	},
	{
		key: 'POST /public/hearings/[id]?/propose',
		rule: 'anyone may send a proposal, without an account (an empty one is refused as invalid)',
		subjects: ['approved'],
		params: (s) => ({ id: s.ids.hearingId }),
		body: () => ({ authorName: '', body: '', token: '', website: '' }),
		probe: { body: () => ({ authorName: '', body: '', token: '', website: '' }), answer: 400 },
		expect: everyone('allowed')
	},
	{
		key: 'GET /public/municipalities/[id]',
		rule: 'a municipality’s public page (hearings and approved plans) is public; a rayon or oblast has none',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: (s) => everyone(isRegion(s) ? 404 : 200)
	},
	// ---- gender expertise of draft local acts
	{
		key: 'GET /territories/[id]/expertise',
		rule: 'a municipality’s draft acts under gender expertise are read by its staff and deputies, its oblast, national and admin; an oblast has none',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: (s) => (isRegion(s) ? readers(404) : readers(200))
	},
	{
		key: 'POST /territories/[id]/expertise?/register',
		rule: 'only the municipality’s own staff register a draft act (deputies and monitors read only)',
		subjects: MUNICIPALITIES,
		params: territory,
		body: () => expertiseAct(),
		probe: { body: () => expertiseAct({ titleKy: '' }), answer: 400 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'GET /expertise/[aid]',
		rule: 'a draft act and its checklist are read by the municipality’s staff and deputies, its oblast, national and admin',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		expect: readers(200)
	},
	{
		key: 'GET /expertise/[aid]/print',
		rule: 'the print page of a checklist is read by whoever reads the act',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		expect: readers(200)
	},
	{
		key: 'GET /expertise/[aid]/pdf/[lang]',
		rule: 'the PDF of a checklist is downloaded by whoever reads the act; without a login it is refused',
		subjects: MUNICIPALITIES,
		params: (s) => ({ ...expertiseParams(s), lang: 'ky' }),
		expect: readers(200, 403, 403)
	},
	{
		key: 'POST /expertise/[aid]?/details',
		rule: 'only the municipality’s own staff change a draft act’s kind, title, number and date (a stale version is refused)',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		body: (s) => ({ ...expertiseAct(), rowVersion: str(s.ids.expertiseRowVersion!) }),
		probe: { body: () => ({ ...expertiseAct(), rowVersion: STALE_VERSION }), answer: 409 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /expertise/[aid]?/checklist',
		rule: 'only the municipality’s own staff fill a checklist (a stale version is refused)',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		body: (s) => checklistBody(s, str(s.ids.expertiseRowVersion!)),
		probe: { body: (s) => checklistBody(s, STALE_VERSION), answer: 409 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /expertise/[aid]?/link',
		rule: 'only the municipality’s own staff link a draft act to an activity of their plans',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		body: (s) => ({ activityId: str(s.ids.activityId!) }),
		probe: { body: () => ({ activityId: NO_SUCH_ID }), answer: 400 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /expertise/[aid]?/unlink',
		rule: 'only the municipality’s own staff remove a draft act’s link to an activity (no such link changes nothing)',
		subjects: MUNICIPALITIES,
		params: expertiseParams,
		body: (s) => ({ activityId: str(s.ids.activityId!) }),
		probe: { body: () => ({ activityId: NO_SUCH_ID }), answer: 303 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'GET /expertise/questions',
		rule: 'only national and admin open the gender-expertise questions to revise them',
		expect: only({ national: 200, admin: 200 })
	},
	{
		key: 'POST /expertise/questions',
		rule: 'only national and admin publish a revised question set (a stale version is refused)',
		body: () => questionsBody('1'),
		probe: { body: () => questionsBody(STALE_VERSION), answer: 409 },
		expect: only({ national: 'allowed', admin: 'allowed' })
	},

	// ---- representation registry (the 30% rule)
	{
		key: 'GET /territories/[id]/representation',
		rule: 'a representation registry is read by the municipality’s staff and deputies, its oblast, national and admin; an oblast has none',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: (s) => (isRegion(s) ? readers(404) : readers(200))
	},
	{
		key: 'GET /territories/[id]/representation/template.xlsx',
		rule: 'only the municipality’s own staff download the registry’s import template',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		expect: (s) => (isRegion(s) ? signedIn(404) : only({ staff: { own: 200, other: 403 } }))
	},
	{
		key: 'POST /territories/[id]/representation?/add',
		rule: 'only the municipality’s own staff add a body to its registry (deputies and monitors read only)',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		params: territory,
		body: () => representationBody(),
		probe: { body: () => representationBody({ women: '' }), answer: 400 },
		expect: (s) => (isRegion(s) ? signedIn(404) : only(OWN_STAFF))
	},
	{
		key: 'POST /territories/[id]/representation?/update',
		rule: 'only the municipality’s own staff change a body of its registry',
		subjects: MUNICIPALITIES,
		params: territory,
		body: () => ({ ...representationBody(), bodyId: NO_SUCH_ID }),
		probe: { body: () => ({ ...representationBody(), bodyId: NO_SUCH_ID }), answer: 404 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /territories/[id]/representation?/remove',
		rule: 'only the municipality’s own staff remove a body from its registry',
		subjects: MUNICIPALITIES,
		params: territory,
		body: () => ({ bodyId: NO_SUCH_ID }),
		probe: { body: () => ({ bodyId: NO_SUCH_ID }), answer: 404 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /territories/[id]/representation?/kenesh',
		rule: 'only the municipality’s own staff record the sex of the kenesh’s chair and deputy chair',
		subjects: MUNICIPALITIES,
		params: territory,
		body: () => ({ headSex: 'male', deputySex: 'female' }),
		probe: { body: () => ({ headSex: 'chair', deputySex: '' }), answer: 400 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /territories/[id]/representation?/check',
		rule: 'only the municipality’s own staff check a registry file (no file is refused as empty)',
		subjects: MUNICIPALITIES,
		params: territory,
		multipart: true,
		body: () => ({}),
		probe: { body: () => ({}), answer: 400 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /territories/[id]/representation?/import',
		rule: 'only the municipality’s own staff import a checked registry file (one never checked is not found)',
		subjects: MUNICIPALITIES,
		params: territory,
		body: () => ({ importId: NO_SUCH_ID }),
		probe: { body: () => ({ importId: NO_SUCH_ID }), answer: 404 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'GET /api/v1/public/representation',
		rule: 'the 30% rule’s figures per oblast and for the country are public (counts only, no names)',
		expect: everyone(200)
	},

	// ---- local plans
	{
		key: 'GET /plans/new',
		rule: 'only a municipality’s own staff open the new plan form; a rayon or oblast has no plans',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		query: (s) => `?municipality=${s.municipalityId}`,
		expect: (s) => (isRegion(s) ? signedIn(404) : only({ staff: { own: 200, other: 403 } }))
	},
	{
		key: 'POST /plans/new?/create',
		rule: 'only a municipality’s own staff create a plan for it; a rayon or oblast has no plans',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		query: (s) => `?municipality=${s.municipalityId}`,
		body: () => ({
			kind: 'gender_plan',
			title: 'Authz intruder plan',
			periodStart: '2025',
			periodEnd: '2027',
			sections: 'One'
		}),
		probe: {
			body: () => ({
				kind: 'gender_plan',
				title: '',
				periodStart: '2025',
				periodEnd: '2027',
				sections: 'One'
			}),
			answer: 400
		},
		expect: (s) => (isRegion(s) ? signedIn(404) : only(OWN_STAFF))
	},
	{
		key: 'POST /plans/new?/years',
		rule: 'only a municipality’s own staff redraw the new plan form for another period (it comes back as an unsaved form, 400, with every value kept); it writes nothing',
		subjects: [...MUNICIPALITIES, ...REGIONS],
		query: (s) => `?municipality=${s.municipalityId}`,
		body: () => ({
			kind: 'gender_plan',
			title: 'Authz intruder plan',
			periodStart: '2026',
			periodEnd: '2028',
			sections: 'One'
		}),
		expect: (s) => (isRegion(s) ? signedIn(404) : only({ staff: { own: 400, other: 403 } }))
	},
	{
		key: 'GET /plans/[id]',
		rule: 'a plan is read by its municipality’s staff and deputies, its oblast, national and admin',
		subjects: PLANS,
		params: plan,
		expect: readers(200)
	},
	{
		key: 'POST /plans/[id]?/submit',
		rule: 'only the municipality’s own staff submit a plan to the kenesh',
		subjects: PLANS,
		params: plan,
		body: () => ({}),
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /plans/[id]?/revise',
		rule: 'only the municipality’s own staff start a revision (of a draft: refused as the wrong state)',
		subjects: PLANS,
		params: plan,
		body: () => ({}),
		probe: { body: () => ({}), answer: 409 },
		expect: only(OWN_STAFF)
	},
	{
		key: 'POST /plans/[id]?/comment',
		rule: 'the municipality’s staff and deputies and its oblast comment on a plan; national and admin only read',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s): Form =>
			s.mixed
				? {
						targetKind: 'section',
						targetId: str(s.ids.sectionId!),
						body: 'authz: a comment on another plan’s section'
					}
				: { targetKind: 'plan', body: 'authz: a comment' },
		probe: { body: () => ({ targetKind: 'plan', body: '' }), answer: 400 },
		expect: (s) =>
			s.mixed
				? { ...refusedForAll(403, 400), national: 403, admin: 403 }
				: only({
						staff: { own: 'allowed', other: 403 },
						deputy: { own: 'allowed', other: 403 },
						oblast: { own: 'allowed', other: 403 }
					})
	},
	{
		key: 'POST /plans/[id]?/settings',
		rule: 'only the municipality’s own staff change a plan’s title, kind and envelopes (a stale version is refused)',
		subjects: PLANS,
		params: plan,
		body: (s) => ({
			kind: 'gender_plan',
			title: 'Authz: changed',
			rowVersion: str(s.ids.planRowVersion!)
		}),
		probe: {
			body: () => ({ kind: 'gender_plan', title: 'Authz: changed', rowVersion: STALE_VERSION }),
			answer: 409
		},
		expect: staffWrite()
	},
	{
		key: 'POST /plans/[id]?/addSection',
		rule: 'only the municipality’s own staff add a section',
		subjects: PLANS,
		params: plan,
		body: () => ({ title: 'Authz section' }),
		probe: { body: () => ({ title: '' }), answer: 400 },
		expect: staffWrite()
	},
	{
		key: 'POST /plans/[id]?/updateSection',
		rule: 'only the municipality’s own staff retitle a section in Kyrgyz and Russian; another plan’s section is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s) => ({
			sectionId: str(s.ids.sectionId!),
			title: 'Authz: бөлүм',
			titleRu: 'Authz: раздел',
			rowVersion: '1'
		}),
		// a well-formed id of no section: the check passes and the section is not found
		probe: {
			body: () => ({ sectionId: '999999999', title: 'Authz: бөлүм', titleRu: '', rowVersion: '1' }),
			answer: 404
		},
		expect: staffWrite(() => only({ staff: { own: 404, other: 403 } }))
	},
	{
		key: 'POST /plans/[id]?/deleteSection',
		rule: 'only the municipality’s own staff delete a section; another plan’s section is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s) => ({ sectionId: str(s.ids.sectionId!) }),
		probe: { body: () => ({ sectionId: NO_SUCH_ID }), answer: 404 },
		expect: staffWrite(() => only({ staff: { own: 404, other: 403 } }))
	},
	{
		key: 'POST /plans/[id]?/addLocal',
		rule: 'only the municipality’s own staff add a local activity; not into another plan’s section',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s) => ({ sectionId: str(s.ids.sectionId!), title: 'Authz activity' }),
		probe: { body: (s) => ({ sectionId: str(s.ids.sectionId!), title: '' }), answer: 400 },
		expect: staffWrite(() => only({ staff: { own: 400, other: 403 } }))
	},
	{
		key: 'POST /plans/[id]?/move',
		rule: 'only the municipality’s own staff move an activity; not another plan’s, not into another plan’s section',
		subjects: [...PLANS, 'ownPlanForeignActivity', 'ownActivityForeignRows'],
		params: plan,
		body: (s) => ({
			activityId: str(s.ids.activityId!),
			direction: 'down',
			sectionId: str(s.ids.sectionId!)
		}),
		probe: { body: () => ({ activityId: NO_SUCH_ID, direction: 'down' }), answer: 404 },
		expect: staffWrite((s) =>
			s.mixed === 'rows' ? only({ staff: { own: 400, other: 403 } }) : only({})
		)
	},
	{
		key: 'POST /plans/[id]?/deleteActivity',
		rule: 'only the municipality’s own staff delete an activity; not another plan’s through their own plan’s address',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s) => ({
			activityId: str(s.ids.activityId!),
			rowVersion: str(s.ids.activityRowVersion!)
		}),
		probe: { body: () => ({ activityId: NO_SUCH_ID, rowVersion: '1' }), answer: 404 },
		expect: staffWrite(() => only({}))
	},
	{
		key: 'GET /plans/[id]/pick',
		rule: 'only the municipality’s own staff open the measure picker',
		subjects: PLANS,
		params: plan,
		expect: only({ staff: { own: 200, other: 403 } })
	},
	{
		key: 'POST /plans/[id]/pick',
		rule: 'only the municipality’s own staff adopt national measures; not into another plan’s section',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: plan,
		body: (s) => ({ measure: str(s.ids.measureId!), sectionId: str(s.ids.sectionId!) }),
		probe: { body: (s) => ({ sectionId: str(s.ids.sectionId!) }), answer: 400 },
		expect: staffWrite(() => only({ staff: { own: 400, other: 403 } }))
	},
	{
		key: 'GET /plans/[id]/session',
		rule: 'only the kenesh secretary of the municipality opens the session form',
		subjects: PLANS,
		params: plan,
		expect: only({ deputy: { own: 200, other: 403 } })
	},
	{
		key: 'POST /plans/[id]/session',
		rule: 'only the kenesh secretary of the municipality records the session (of a draft: refused as the wrong state)',
		subjects: PLANS,
		params: plan,
		body: sessionBody,
		probe: { body: sessionBody, answer: 409 },
		expect: only({ deputy: { own: 'allowed', other: 403 } })
	},
	{
		key: 'GET /plans/[id]/diff',
		rule: 'a revision’s diff is read like its plan (a plan that is no revision has none)',
		subjects: PLANS,
		params: plan,
		expect: readers(404)
	},
	{
		key: 'GET /plans/[id]/document/[lang]',
		rule: 'a plan’s document is read like the plan',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, lang: 'ky' }),
		expect: readers(200)
	},
	{
		key: 'GET /plans/[id]/document/[lang]/file',
		rule: 'a plan’s PDF is downloaded like the plan is read; another plan’s document through this plan’s address is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: (s) => ({ id: s.ids.planId, lang: 'ky' }),
		query: (s) => `?doc=${s.ids.documentId}`,
		expect: (s) => (s.mixed ? readers(404, 403, 403) : readers(200, 403, 403))
	},
	{
		key: 'GET /plans/[id]/export/[format]',
		rule: 'a plan’s XLSX and CSV export is read like the plan',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, format: 'csv' }),
		expect: readers(200, 403, 403)
	},

	// ---- implementation reports (only an approved version reports)
	{
		key: 'GET /plans/[id]/reports',
		rule: 'an approved plan’s reporting periods are read like the plan; a plan not approved has none',
		subjects: PLANS,
		params: plan,
		expect: (s) => (s.state === 'approved' ? readers(200) : readers(404))
	},
	{
		key: 'POST /plans/[id]/reports?/schedule',
		rule: 'only the municipality’s own staff set how a year of its approved plan reports',
		subjects: PLANS,
		params: plan,
		body: () => ({ year: '2027', frequency: 'quarter', dueDays: '20' }),
		expect: reportWrite
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/hearing',
		rule: 'only the municipality’s kenesh secretary records that the kenesh heard a submitted report',
		subjects: PLANS,
		params: report,
		body: () => ({ heardOn: '2026-02-10', decisionNumber: 'authz-1' }),
		probe: { body: () => ({ heardOn: '2026-02-10', decisionNumber: '' }), answer: 400 },
		expect: (s) =>
			s.state === 'approved'
				? only({ deputy: { own: 'allowed', other: 403 } })
				: only({ deputy: { own: 404, other: 403 } })
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/correct',
		rule: 'only the municipality’s own staff start a correction (the next version) of a submitted report',
		subjects: PLANS,
		params: report,
		body: () => ({}),
		// a draft has no correction: the probe is refused with 409 and nothing is written
		probe: { params: draftReport, body: () => ({}), answer: 409 },
		expect: reportWrite
	},
	{
		key: 'GET /plans/[id]/reports/[period]',
		rule: 'a report is read like its plan (a draft’s content by its staff only); a plan not approved has none',
		subjects: PLANS,
		params: report,
		expect: (s) => (s.state === 'approved' ? readers(200) : readers(404))
	},
	{
		key: 'GET /plans/[id]/reports/[period]/document/[format]/[lang]',
		rule: 'a submitted report’s XLSX and PDF are downloaded like the report is read; a plan not approved has none',
		subjects: PLANS,
		params: (s) => ({ id: s.ids.planId, period: '2025', format: 'xlsx', lang: 'ky' }),
		expect: (s) => (s.state === 'approved' && s.ids.submittedReportId ? readers(200) : readers(404))
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/activity',
		rule: 'only the municipality’s own staff fill an activity’s part of a report',
		subjects: PLANS,
		params: draftReport,
		body: (s) => ({
			activityId: str(s.ids.activityId!),
			status: 'done',
			reason: '',
			reasonText: '',
			narrative: 'authz: done',
			problems: ''
		}),
		expect: reportWrite
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/extra',
		rule: 'only the municipality’s own staff add unplanned spending to a report',
		subjects: PLANS,
		params: draftReport,
		body: () => ({
			activityId: '',
			description: 'authz: a donor paid',
			spent: '100',
			source: 'donor',
			donorName: 'Authz',
			marker: '0',
			genderShare: ''
		}),
		expect: reportWrite
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/deleteExtra',
		rule: 'only the municipality’s own staff remove unplanned spending from a report',
		subjects: PLANS,
		params: draftReport,
		body: () => ({ extraId: NO_SUCH_ID }),
		expect: reportWrite
	},
	{
		key: 'GET /plans/[id]/reports/[period]/evidence/[evidenceId]',
		rule: 'a report’s evidence file is downloaded by those who read the report; to anyone else it is not found',
		subjects: PLANS,
		params: (s) => ({ ...report(s), evidenceId: s.ids.privateEvidenceId || NO_SUCH_ID }),
		expect: (s) => readers(s.state === 'approved' && s.ids.privateEvidenceId ? 200 : 404, 404)
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/evidence',
		rule: 'only the municipality’s own staff attach evidence files to a draft report (no file is refused as empty)',
		subjects: PLANS,
		params: draftReport,
		multipart: true,
		body: (s) => ({ activityId: str(s.ids.activityId!) }),
		probe: { body: (s) => ({ activityId: str(s.ids.activityId!) }), answer: 400 },
		expect: (s) =>
			s.state === 'approved'
				? only({ staff: { own: 'allowed', other: 403 } })
				: only({ staff: { own: 404, other: 403 } })
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/deleteEvidence',
		rule: 'only the municipality’s own staff remove an evidence file from a draft report',
		subjects: PLANS,
		params: draftReport,
		body: () => ({ evidenceId: NO_SUCH_ID }),
		expect: reportWrite
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/evidencePublic',
		rule: 'only the municipality’s own staff mark an evidence file public, also on a submitted report',
		subjects: PLANS,
		params: report,
		body: (s) => ({ evidenceId: String(s.ids.publicEvidenceId || NO_SUCH_ID), isPublic: '0' }),
		probe: { body: () => ({ evidenceId: NO_SUCH_ID, isPublic: '0' }), answer: 404 },
		expect: (s) =>
			s.state === 'approved'
				? only({ staff: { own: 'allowed', other: 403 } })
				: only({ staff: { own: 404, other: 403 } })
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/comment',
		rule: 'the municipality’s staff and deputies and its oblast comment on a submitted report; national and admin only read',
		subjects: PLANS,
		params: report,
		body: (s) => ({ target: `report_activity:${s.ids.activityId}`, body: 'authz: a comment' }),
		probe: {
			body: (s) => ({ target: `report_activity:${s.ids.activityId}`, body: '' }),
			answer: 400
		},
		expect: (s) =>
			s.state === 'approved'
				? only({
						staff: { own: 'allowed', other: 403 },
						deputy: { own: 'allowed', other: 403 },
						oblast: { own: 'allowed', other: 403 }
					})
				: only({
						staff: { own: 404, other: 403 },
						deputy: { own: 404, other: 403 },
						oblast: { own: 404, other: 403 }
					})
	},
	{
		key: 'GET /plans/[id]/reports/[period]/form',
		rule: 'only the municipality’s own staff download a draft report’s form; a plan not approved has no reports',
		subjects: PLANS,
		params: draftReport,
		expect: (s) =>
			s.state === 'approved'
				? only({ staff: { own: 200, other: 403 } }, 403, 403)
				: only({ staff: { own: 404, other: 403 } }, 403, 403)
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/reportForm',
		rule: 'only the municipality’s own staff upload a filled report form (no file is refused as invalid)',
		subjects: PLANS,
		params: draftReport,
		multipart: true,
		body: () => ({}),
		probe: { body: () => ({}), answer: 400 },
		expect: reportWrite
	},
	{
		key: 'POST /plans/[id]/reports/[period]?/submit',
		rule: 'only the municipality’s own staff submit a report',
		subjects: PLANS,
		params: draftReport,
		body: () => ({}),
		expect: reportWrite
	},

	// ---- activities
	{
		key: 'GET /plans/[id]/activities/[aid]',
		rule: 'an activity is read like its plan; another plan’s activity through this plan’s address is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: activity,
		expect: (s) => (s.mixed ? readers(404) : readers(200))
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/comment',
		rule: 'the municipality’s staff and deputies and its oblast comment on an activity; not on another plan’s',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: activity,
		body: (s) => ({
			targetKind: 'activity',
			targetId: str(s.ids.activityId!),
			body: 'authz: a comment'
		}),
		probe: {
			body: (s) => ({ targetKind: 'activity', targetId: str(s.ids.activityId!), body: '' }),
			answer: 400
		},
		expect: (s) =>
			s.mixed
				? { ...refusedForAll(403, 400), national: 403, admin: 403 }
				: only({
						staff: { own: 'allowed', other: 403 },
						deputy: { own: 'allowed', other: 403 },
						oblast: { own: 'allowed', other: 403 }
					})
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/propose',
		rule: 'only the municipality’s own deputies propose amendments (to a draft: refused as the wrong state, before the target is looked at)',
		subjects: [...PLANS, 'ownActivityForeignRows'],
		params: activity,
		body: (s) => ({ target: `budget_line:${s.ids.budgetLineId}`, amount: '1', reason: 'authz' }),
		probe: {
			body: (s) => ({ target: `budget_line:${s.ids.budgetLineId}`, amount: '1', reason: 'authz' }),
			answer: 409
		},
		expect: (s) =>
			s.mixed
				? only({ deputy: { own: 409, other: 403 } })
				: only({ deputy: { own: 'allowed', other: 403 } })
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/decide',
		rule: 'only the staff of the amendment’s municipality decide on it, whatever plan the address names',
		subjects: ['neighbour', 'ownActivityForeignRows'],
		params: activity,
		body: (s) => ({ amendmentId: str(s.ids.amendmentId!), decision: 'accept', reason: '' }),
		expect: (s) => (s.mixed ? only({}) : only(OWN_STAFF))
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/update',
		rule: 'only the municipality’s own staff adapt an activity; another plan’s activity is refused whatever plan the address names',
		subjects: [...PLANS, 'ownPlanForeignActivity'],
		params: activity,
		body: (s) => activityBody(s.ids),
		probe: { body: (s) => activityBody(s.ids, Number(STALE_VERSION)), answer: 409 },
		expect: staffWrite(() => only({}))
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/indicator',
		rule: 'only the municipality’s own staff add or change an indicator; another activity’s indicator is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity', 'ownActivityForeignRows'],
		params: activity,
		body: (s) => indicatorBody(s.ids),
		probe: { body: (s) => indicatorBody(s.ids, ''), answer: 400 },
		expect: staffWrite((s) =>
			s.mixed === 'rows' ? only({ staff: { own: 404, other: 403 } }) : only({})
		)
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/deleteIndicator',
		rule: 'only the municipality’s own staff delete an indicator; another activity’s indicator is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity', 'ownActivityForeignRows'],
		params: activity,
		body: (s) => ({ id: str(s.ids.indicatorId!) }),
		probe: { body: () => ({ id: NO_SUCH_ID }), answer: 404 },
		expect: staffWrite((s) =>
			s.mixed === 'rows' ? only({ staff: { own: 404, other: 403 } }) : only({})
		)
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/budget',
		rule: 'only the municipality’s own staff add or change a budget line; another activity’s line is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity', 'ownActivityForeignRows'],
		params: activity,
		body: (s) => lineBody(s.ids),
		probe: { body: (s) => lineBody(s.ids, 1900), answer: 400 },
		expect: staffWrite((s) =>
			s.mixed === 'rows' ? only({ staff: { own: 404, other: 403 } }) : only({})
		)
	},
	{
		key: 'POST /plans/[id]/activities/[aid]?/deleteBudget',
		rule: 'only the municipality’s own staff delete a budget line; another activity’s line is not found',
		subjects: [...PLANS, 'ownPlanForeignActivity', 'ownActivityForeignRows'],
		params: activity,
		body: (s) => ({ id: str(s.ids.budgetLineId!) }),
		probe: { body: () => ({ id: NO_SUCH_ID }), answer: 404 },
		expect: staffWrite((s) =>
			s.mixed === 'rows' ? only({ staff: { own: 404, other: 403 } }) : only({})
		)
	}
];
