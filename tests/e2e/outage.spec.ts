/**
 * The database going away is an outage, not a 404: a second server of the built app on a cluster
 * of its own, which this spec stops and starts again under the running app.
 */
import { expect, request as playwright, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort, startCluster, withDatabase, type Cluster } from '../../src/cli/embedded';
import { PASSWORD } from './fixtures';

test.describe.configure({ timeout: 240_000 });

const UNAVAILABLE = {
	ky: {
		prefix: '',
		title: 'Кызмат убактылуу жеткиликсиз',
		text: 'Бир нече мүнөттөн кийин кайра аракет кылыңыз.'
	},
	ru: {
		prefix: '/ru',
		title: 'Сервис временно недоступен',
		text: 'Попробуйте ещё раз через несколько минут.'
	},
	en: {
		prefix: '/en',
		title: 'The service is temporarily unavailable',
		text: 'Please try again in a few minutes.'
	}
} as const;

let dir: string;
let cluster: Cluster;
let server: ChildProcess;
let log = '';
let baseURL: string;
let anonymous: APIRequestContext;
let staff: APIRequestContext;
let approvedPlanId: number;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiyl-outage-'));
	cluster = await startCluster({ dir, persistent: true });
	const port = await freePort();
	baseURL = `http://localhost:${port}`;
	// the end-to-end server (migrate, demo data, build/index.js) on this cluster instead of the shared one
	server = spawn('node_modules/.bin/tsx', ['src/cli/e2e-server.ts'], {
		env: { ...process.env, DATABASE_URL: cluster.serverUrl, E2E_PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	for (const stream of [server.stdout!, server.stderr!])
		stream.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-20_000)));
	// every request is bounded: a hang fails the test instead of stalling it
	anonymous = await playwright.newContext({ baseURL, timeout: 10_000 });
	for (let i = 0; i < 400; i++) {
		if (server.exitCode !== null) throw new Error(`the app exited before it served:\n${log}`);
		const ok = await anonymous.get('/login').then(
			(r) => r.ok(),
			() => false
		);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	staff = await playwright.newContext({ baseURL, timeout: 10_000 });
	const signIn = await staff.post('/login', {
		form: { username: 'akturpak.staff', password: PASSWORD },
		headers: { origin: baseURL }
	});
	expect(signIn.ok()).toBe(true);
	const sql = postgres(withDatabase(cluster.serverUrl, 'aiyl_e2e'), { max: 1, onnotice: () => {} });
	approvedPlanId = Number(
		(await sql`select id from local_plan where state = 'approved' order by id limit 1`)[0]!.id
	);
	await sql.end();
});

test.afterAll(async () => {
	await anonymous?.dispose();
	await staff?.dispose();
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	await cluster?.stop();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The PDF may still be rendering (202) right after the approval or an outage: it is ready within seconds. */
async function publicPdf(ctx: APIRequestContext, id: number) {
	let r = await ctx.get(`/public/plans/${id}/pdf/ky`);
	for (let i = 0; i < 60 && r.status() === 202; i++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		r = await ctx.get(`/public/plans/${id}/pdf/ky`);
	}
	return r;
}

test("while the database is away pages, the public PDF and the API answer 503 in the user's language; once it is back the same app answers 200", async () => {
	try {
		expect((await anonymous.get('/public')).status()).toBe(200);
		expect((await staff.get('/ru')).status()).toBe(200);
		const port = cluster.port;

		await cluster.stop();

		for (const [lang, m] of Object.entries(UNAVAILABLE)) {
			const page = await anonymous.get(`${m.prefix}/public`, { headers: { accept: 'text/html' } });
			expect(page.status(), lang).toBe(503);
			expect(page.headers()['retry-after']).toBeTruthy();
			const html = await page.text();
			expect(html).toContain(`lang="${lang}"`);
			expect(html).toContain(m.title);
			expect(html).toContain(m.text);
		}
		// a signed-in page: the session cannot be checked, which is an outage too, not a sign-out
		const home = await staff.get('/ru', { headers: { accept: 'text/html' }, maxRedirects: 0 });
		expect(home.status()).toBe(503);
		expect(await home.text()).toContain(UNAVAILABLE.ru.title);
		// the public PDF of an approved plan is unavailable, never "not found"
		const pdf = await anonymous.get(`/public/plans/${approvedPlanId}/pdf/ky`, {
			headers: { accept: 'text/html' }
		});
		expect(pdf.status()).toBe(503);
		expect(await pdf.text()).toContain(UNAVAILABLE.ky.text);
		for (const api of [
			`/api/v1/public/local-plans/${approvedPlanId}`,
			'/api/v1/plans/1',
			'/api/v1/plans'
		]) {
			const r = await anonymous.get(api);
			expect(r.status(), api).toBe(503);
			expect(r.headers()['content-type'], api).toMatch(/json/);
		}

		cluster = await startCluster({ dir, persistent: true });
		expect(cluster.port).toBe(port);

		expect((await anonymous.get('/public')).status()).toBe(200);
		expect((await anonymous.get('/en/catalogue')).status()).toBe(200);
		expect((await anonymous.get(`/api/v1/public/local-plans/${approvedPlanId}`)).status()).toBe(
			200
		);
		const back = await staff.get('/ru', { maxRedirects: 0 });
		expect(back.status()).toBe(200);
		expect(await back.text()).toContain('Главная');
		const file = await publicPdf(anonymous, approvedPlanId);
		expect(file.status()).toBe(200);
		expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
		expect(server.exitCode).toBeNull();
	} catch (e) {
		await test.info().attach('app log', { body: log, contentType: 'text/plain' });
		throw e;
	}
});
