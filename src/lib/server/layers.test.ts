import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every file under a folder, recursively. */
function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

const imports = (file: string) =>
	[...readFileSync(file, 'utf8').matchAll(/^import[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);

describe('the layers (ARCHITECTURE.md)', () => {
	it('no route file runs SQL: routes call the domain', () => {
		// a tagged template on sql / tx / app.sql(), with or without a row type: sql<{…}[]>`…`
		const query = /\b(sql|tx|sql\(\))\s*(<[^`;]*>)?`/;
		const offenders = files('src/routes')
			.filter((f) => /\.(ts|js)$/.test(f))
			.filter((f) => query.test(readFileSync(f, 'utf8')));
		expect(offenders).toEqual([]);
	});

	it('jobs/ depends on no domain: only the database and pg-boss', () => {
		const outside = files('src/lib/server/jobs')
			.filter((f) => f.endsWith('.ts'))
			.flatMap((f) => imports(f).map((i) => `${f}: ${i}`))
			.filter((line) => !/: (pg-boss|\.\.\/db|\.\/[\w-]+)$/.test(line));
		expect(outside).toEqual([]);
	});
});
