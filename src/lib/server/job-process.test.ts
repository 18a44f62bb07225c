import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { startJobProcess } from './job-process';

const dir = mkdtempSync(join(tmpdir(), 'aiyl-job-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many times the job process was started, each start a line of `starts`. */
const startsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

test('a job process that died is not started again once the server has stopped it', async () => {
	const starts = join(dir, 'starts');
	writeFileSync(starts, '');
	// a job process that fails at once, every time: the web server starts it again 10 s after the last start
	const entry = join(dir, 'dies.js');
	writeFileSync(
		entry,
		`require('node:fs').appendFileSync(${JSON.stringify(starts)}, process.pid + '\\n'); process.exit(1);`
	);
	const jobs = startJobProcess('postgres://unused', pathToFileURL(entry).href);
	await expect.poll(() => startsIn(starts), { timeout: 10_000 }).toBe(1);
	// its exit is seen, its restart waits; the server shuts down in the meantime
	await new Promise((resolve) => setTimeout(resolve, 500));
	await jobs.stop();
	// past the moment the restart was due
	await new Promise((resolve) => setTimeout(resolve, 11_000));
	expect(startsIn(starts)).toBe(1);
}, 30_000);
