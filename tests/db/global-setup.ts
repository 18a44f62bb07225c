import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/lib/server/db/migrate';
import { startBoss } from '../../src/lib/server/jobs';
import { connect } from '../../src/lib/server/db';
import { withDatabase } from '../../src/cli/embedded';

/**
 * Builds one migrated template database (schema and pg-boss's schema); each test file then
 * gets its own copy with CREATE DATABASE … TEMPLATE, which takes milliseconds.
 */
export default async function setup(project: TestProject) {
	const serverUrl = process.env.DATABASE_URL;
	if (!serverUrl)
		throw new Error(
			'Database tests need DATABASE_URL: run them with `npm run test:db` or `npm test`.'
		);
	const template = `aiyl_tpl_${process.pid}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${template}`);
	await admin.unsafe(`create database ${template}`);
	const url = withDatabase(serverUrl, template);
	await migrate(url, { quiet: true });
	const sql = connect(url, { max: 2 });
	const boss = await startBoss({ databaseUrl: url, sql, work: false });
	await boss.stop({ graceful: false });
	await sql.end();
	project.provide('templateDatabase', template);
	project.provide('serverUrl', serverUrl);
	return async () => {
		await admin.unsafe(`drop database if exists ${template} with (force)`);
		await admin.end();
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		templateDatabase: string;
		serverUrl: string;
	}
}
