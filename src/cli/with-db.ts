/**
 * Runs a command with DATABASE_URL set. When it is already set, that server is used as is.
 * Otherwise an embedded PostgreSQL is started: the persistent demo cluster under `.data/pg`
 * (database `aiyl`), or with `--test-cluster` a throw-away cluster whose URL points at the
 * `postgres` database (test tiers create their own databases). The cluster stops when the
 * command ends or on Ctrl-C / SIGTERM.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { BODY_SIZE_LIMIT } from '../lib/server/limits';
import { startCluster, withDatabase, type Cluster } from './embedded';

export const DEMO_DATA_DIR = path.resolve('.data/pg');

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
		if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '')}"`);
	} finally {
		await admin.end();
	}
}

/** Starts what DATABASE_URL should point at, returning the URL and how to stop it. */
export async function provideDatabase(
	testCluster: boolean
): Promise<{ url: string; cluster: Cluster | null }> {
	if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, cluster: null };
	if (testCluster) {
		const cluster = await startCluster({ persistent: false });
		return { url: cluster.serverUrl, cluster };
	}
	console.log(
		`Starting embedded PostgreSQL (data in ${path.relative(process.cwd(), DEMO_DATA_DIR)})…`
	);
	const cluster = await startCluster({ dir: DEMO_DATA_DIR, persistent: true });
	await ensureDatabase(cluster.serverUrl, 'aiyl');
	return { url: withDatabase(cluster.serverUrl, 'aiyl'), cluster };
}

/** Runs a child with the given env; resolves with its exit code. Signals are passed on so the child can shut down cleanly. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
		const forward = (sig: NodeJS.Signals) => child.kill(sig);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('exit', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main() {
	const args = process.argv.slice(2);
	const testCluster = args[0] === '--test-cluster';
	if (testCluster) args.shift();
	if (args[0] === '--') args.shift();
	const [command, ...commandArgs] = args;
	if (command === undefined) {
		console.error('usage: with-db [--test-cluster] <command> [args…]');
		process.exit(2);
	}
	const { url, cluster } = await provideDatabase(testCluster);
	let code: number;
	try {
		// `npm run preview` serves build/ through here: uploads as large as the app accepts
		code = await run(command, commandArgs, {
			...process.env,
			DATABASE_URL: url,
			BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? BODY_SIZE_LIMIT
		});
	} finally {
		await cluster?.stop();
	}
	process.exit(code);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
