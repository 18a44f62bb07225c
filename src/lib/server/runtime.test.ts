import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_NODE, nodeProblem } from './runtime';

describe('the supported Node.js', () => {
	it('the tests themselves run on it (npm puts node_modules/.bin/node first)', () => {
		expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
		expect(nodeProblem()).toBeNull();
	});

	it('is the one package.json asks for', () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
		expect(pkg.engines.node).toBe(`>=${MIN_NODE.replace(/\.0$/, '')}`);
		expect(Object.keys(pkg.devDependencies)).toContain('node');
	});

	it('Node 20 (the system Node of Debian 12 images) is refused with one sentence on how to run the right one', () => {
		const problem = nodeProblem('v20.20.2');
		expect(problem).toContain('needs Node.js 24.11.0 or newer and this is 20.20.2');
		expect(problem).toContain('node_modules/.bin/node build');
	});

	it('24.11.0 and later are accepted, 24.10 and earlier refused', () => {
		for (const ok of ['24.11.0', 'v24.21.0', '25.0.0', '26.1.2'])
			expect(nodeProblem(ok), ok).toBeNull();
		for (const old of ['24.10.9', '22.20.0', '18.0.0'])
			expect(nodeProblem(old), old).not.toBeNull();
	});
});
