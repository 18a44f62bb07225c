import { describe, expect, it } from 'vitest';
import {
	APT_INSTALL,
	decideBrowser,
	ensureBrowser,
	NoBrowser,
	thisMachine,
	type BrowserMachine
} from './browser';

/** A machine where exactly the files in `present` are executables. */
function machine(present: string[], rest: Partial<BrowserMachine> = {}): BrowserMachine {
	return {
		candidates: ['/usr/local/bin/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome'],
		isExecutable: (f) => present.includes(f),
		isRoot: false,
		hasApt: false,
		...rest
	};
}

describe('finding the browser for the end-to-end tests', () => {
	it('CHROMIUM_PATH wins when it is an executable, even over a system Chromium', () => {
		const m = machine(['/opt/chrome/chrome', '/usr/bin/chromium'], {
			chromiumPath: '/opt/chrome/chrome',
			isRoot: true,
			hasApt: true
		});
		expect(decideBrowser(m)).toEqual({
			action: 'use',
			path: '/opt/chrome/chrome',
			from: 'CHROMIUM_PATH'
		});
	});

	it('a CHROMIUM_PATH that is missing stops with one sentence naming it, and nothing else is tried or installed', () => {
		const d = decideBrowser(
			machine(['/usr/bin/chromium'], {
				chromiumPath: '/nowhere/chromium',
				isRoot: true,
				hasApt: true
			})
		);
		expect(d.action).toBe('stop');
		if (d.action !== 'stop') return;
		expect(d.message).toContain('CHROMIUM_PATH is /nowhere/chromium');
		expect(d.message.split(/(?<=\.) /)).toHaveLength(1);
	});

	it('without CHROMIUM_PATH the first browser found on the machine is used, without installing anything', () => {
		expect(
			decideBrowser(
				machine(['/usr/bin/google-chrome', '/usr/bin/chromium'], { isRoot: true, hasApt: true })
			)
		).toEqual({
			action: 'use',
			path: '/usr/bin/chromium',
			from: 'machine'
		});
	});

	it("no browser, Debian, root: installs Debian's chromium", () => {
		expect(decideBrowser(machine([], { isRoot: true, hasApt: true }))).toEqual({
			action: 'install',
			command: APT_INSTALL
		});
		expect(APT_INSTALL).toBe('apt-get update && apt-get install -y chromium');
	});

	it('no browser, Debian, not root: stops and says to install chromium with sudo', () => {
		const d = decideBrowser(machine([], { isRoot: false, hasApt: true }));
		expect(d).toMatchObject({
			action: 'stop',
			message: expect.stringContaining('sudo apt-get install chromium')
		});
	});

	it('no browser and no apt (root or not): stops and says what to install or set', () => {
		for (const isRoot of [true, false]) {
			const d = decideBrowser(machine([], { isRoot, hasApt: false }));
			expect(d).toMatchObject({
				action: 'stop',
				message: expect.stringMatching(/install one, or set CHROMIUM_PATH/)
			});
		}
	});

	it('an empty CHROMIUM_PATH counts as unset', () => {
		expect(thisMachine({ PATH: '/nowhere', CHROMIUM_PATH: '' }).chromiumPath).toBeUndefined();
	});

	it('looks the browser names up on PATH, in PATH order, before the fixed places', () => {
		const m = thisMachine({ PATH: '/a:/b' });
		expect(m.candidates.slice(0, 2)).toEqual(['/a/chromium', '/b/chromium']);
		expect(m.candidates.indexOf('/usr/bin/chromium')).toBeGreaterThan(
			m.candidates.indexOf('/b/chrome')
		);
	});

	it('ensureBrowser throws the sentence as NoBrowser (for one clean line on the console), never installs when told what to use', () => {
		const m = () => machine([], { chromiumPath: '/nowhere/chromium', isRoot: true, hasApt: true });
		expect(() => ensureBrowser(m)).toThrow(NoBrowser);
		expect(() => ensureBrowser(m)).toThrow(/^CHROMIUM_PATH is \/nowhere\/chromium/);
		expect(ensureBrowser(() => machine(['/usr/bin/chromium']))).toBe('/usr/bin/chromium');
	});
});
