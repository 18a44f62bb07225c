/**
 * Finds the browser the end-to-end tests drive: CHROMIUM_PATH when set; else a Chromium or Chrome
 * on this machine; else, on Debian as root, Debian's `chromium` package, installed here; else it
 * stops with one sentence saying what to install. `decideBrowser` is the rule, pure and unit-tested;
 * `ensureBrowser` carries it out.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Executable names looked up on PATH, then fixed places, in order of preference. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const FIXED = [
	'/usr/bin/chromium',
	'/usr/lib/chromium/chromium',
	'/snap/bin/chromium',
	'/opt/google/chrome/chrome'
];

export const APT_INSTALL = 'apt-get update && apt-get install -y chromium';

export interface BrowserMachine {
	/** CHROMIUM_PATH, when set (an empty value counts as unset). */
	chromiumPath?: string;
	/** Where a browser may be, in order of preference. */
	candidates: string[];
	isExecutable: (file: string) => boolean;
	isRoot: boolean;
	/** Debian (or a derivative) with apt-get. */
	hasApt: boolean;
}

export type BrowserDecision =
	| { action: 'use'; path: string; from: 'CHROMIUM_PATH' | 'machine' }
	| { action: 'install'; command: string }
	| { action: 'stop'; message: string };

/** What to do to have a browser, given what the machine has. */
export function decideBrowser(m: BrowserMachine): BrowserDecision {
	if (m.chromiumPath) {
		// an explicit choice that is wrong is an error, not a reason to pick another browser
		if (m.isExecutable(m.chromiumPath))
			return { action: 'use', path: m.chromiumPath, from: 'CHROMIUM_PATH' };
		return {
			action: 'stop',
			message: `CHROMIUM_PATH is ${m.chromiumPath}, which is not an executable file: point it at a Chromium or Chrome executable, or unset it to let the tests find one.`
		};
	}
	const found = m.candidates.find((c) => m.isExecutable(c));
	if (found) return { action: 'use', path: found, from: 'machine' };
	if (m.hasApt && m.isRoot) return { action: 'install', command: APT_INSTALL };
	if (m.hasApt) {
		return {
			action: 'stop',
			message:
				'The end-to-end tests need Chromium: install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.'
		};
	}
	return {
		action: 'stop',
		message:
			'The end-to-end tests need Chromium or Google Chrome: install one, or set CHROMIUM_PATH to its executable.'
	};
}

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** This machine, as `decideBrowser` sees it. */
export function thisMachine(env: NodeJS.ProcessEnv = process.env): BrowserMachine {
	const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
	const onPath = NAMES.flatMap((n) => dirs.map((d) => path.join(d, n)));
	return {
		chromiumPath: env.CHROMIUM_PATH || undefined,
		candidates: [...new Set([...onPath, ...FIXED])],
		isExecutable,
		isRoot: process.getuid?.() === 0,
		hasApt:
			existsSync('/etc/debian_version') && dirs.some((d) => isExecutable(path.join(d, 'apt-get')))
	};
}

export class NoBrowser extends Error {}

/** The browser's path, installing Debian's chromium first when the rule says so; throws NoBrowser with the sentence otherwise. */
export function ensureBrowser(machine: () => BrowserMachine = thisMachine): string {
	const first = decideBrowser(machine());
	if (first.action === 'use') return first.path;
	if (first.action === 'stop') throw new NoBrowser(first.message);
	console.log(`No Chromium on this machine: installing Debian's chromium (${first.command})…`);
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'chromium']
	]) {
		const apt = spawnSync('apt-get', args, {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			encoding: 'utf8'
		});
		if (apt.status !== 0) {
			const tail = `${apt.stdout ?? ''}${apt.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
			throw new NoBrowser(
				`Installing Debian's chromium failed (apt-get ${args.join(' ')}):\n${tail}`
			);
		}
	}
	const after = decideBrowser({ ...machine(), hasApt: false });
	if (after.action === 'use') return after.path;
	throw new NoBrowser(
		`Debian's chromium was installed, yet no browser was found afterwards: set CHROMIUM_PATH to its executable.`
	);
}

/** ensureBrowser for a command line: the path, or the sentence on stderr and exit code 1 (no stack trace). */
export function browserOrExit(): string {
	try {
		return ensureBrowser();
	} catch (e) {
		if (!(e instanceof NoBrowser)) throw e;
		console.error(e.message);
		process.exit(1);
	}
}

// `npx tsx src/cli/browser.ts` prints the browser the end-to-end tests will use (installing it if need be)
if (import.meta.url === `file://${process.argv[1]}`) console.log(browserOrExit());
