/**
 * `npx tsx src/cli/lock-platforms.ts` after `npm install`: the registry this project is built with
 * lacks some platform builds of optional native packages (rollup's, lix's), so npm leaves them out of
 * package-lock.json and `npm ci` then refuses the lock as out of sync. This adds those optional
 * entries with their os/cpu/libc, so npm ci skips them on other platforms as it should.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openbsd',
	'win32',
	'openharmony',
	'sunos',
	'aix'
];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];

type Entry = {
	version?: string;
	optional?: boolean;
	optionalDependencies?: Record<string, string>;
	os?: string[];
	cpu?: string[];
	libc?: string[];
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
	packages: Record<string, Entry>;
};
let added = 0;
for (const [, entry] of Object.entries(lock.packages)) {
	for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (lock.packages[key]) continue;
		const parts = name.split('/').pop()!.split('-');
		const os = parts.find((p) => OS.includes(p));
		const cpu = parts.find((p) => CPU.includes(p));
		if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(spec)) continue;
		const libc = parts.includes('musl')
			? ['musl']
			: parts.includes('gnu') && os === 'linux'
				? ['glibc']
				: undefined;
		lock.packages[key] = {
			version: spec,
			optional: true,
			os: [os],
			cpu: [cpu],
			...(libc ? { libc } : {})
		};
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(lock.packages).sort(([a], [b]) =>
		a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)
	)
);
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`Added ${added} optional platform entries to package-lock.json`);
