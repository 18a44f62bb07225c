import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `npm install && npm run demo` on a fresh clone: the command-line tools (demo, bench, seeds) run
 * under tsx, which finds `$lib` in SvelteKit's generated tsconfig and the messages in Paraglide's
 * compile, and a clone has neither until something makes them. `npm install` runs `prepare`, which
 * must. The working tree's tracked files are copied without anything generated, as a clone has them.
 */
const ROOT = process.cwd();
let clone: string;

beforeAll(() => {
	clone = mkdtempSync(join(tmpdir(), 'aiyl-clone-'));
	const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((f) => f && existsSync(join(ROOT, f)));
	for (const f of tracked) {
		mkdirSync(dirname(join(clone, f)), { recursive: true });
		cpSync(join(ROOT, f), join(clone, f));
	}
	// the installed packages, as `npm install` leaves them
	symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
});
afterAll(() => rmSync(clone, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) =>
	spawnSync(cmd, args, { cwd: clone, encoding: 'utf8', timeout: 120_000 });

// the modules `npm run demo` and `npm run bench` load before they build anything
const CLI_IMPORTS = "await import('./src/lib/server/demo/index.ts'); console.log('loaded');";

describe('a fresh clone', () => {
	it('has nothing generated to start with, and the tools cannot load without it', () => {
		expect(existsSync(join(clone, '.svelte-kit'))).toBe(false);
		expect(existsSync(join(clone, 'src/lib/paraglide/runtime.js'))).toBe(false);
		const before = run('npx', ['tsx', '--input-type=module', '-e', CLI_IMPORTS]);
		expect(before.stdout).not.toContain('loaded');
		expect(before.stderr).toMatch(/ERR_MODULE_NOT_FOUND/);
	}, 120_000);

	it('after the prepare step npm install runs, loads the command-line tools', () => {
		const prepared = run('npm', ['run', 'prepare']);
		expect(prepared.status, prepared.stderr).toBe(0);
		expect(existsSync(join(clone, '.svelte-kit/tsconfig.json'))).toBe(true);
		expect(existsSync(join(clone, 'src/lib/paraglide/runtime.js'))).toBe(true);
		const after = run('npx', ['tsx', '--input-type=module', '-e', CLI_IMPORTS]);
		expect(after.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
		expect(after.stdout).toContain('loaded');
	}, 180_000);
});
