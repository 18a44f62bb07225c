/**
 * The Node.js the app supports: 24 LTS (maintained until April 2028), as package.json's `engines`
 * says; the npm package `node` puts it in node_modules/.bin, where `npm run`, `npx` and `npm start`
 * find it first.
 */
export const MIN_NODE = '24.11.0';

const parse = (v: string) =>
	v
		.replace(/^v/, '')
		.split('.')
		.map((n) => Number.parseInt(n, 10) || 0);

/** Why this Node.js cannot run the app, in one sentence; null when it can. */
export function nodeProblem(version: string = process.versions.node): string | null {
	// a part the version leaves out counts as 0, like one that is not a number
	const [a = 0, b = 0, c = 0] = parse(version);
	const [x = 0, y = 0, z = 0] = parse(MIN_NODE);
	const ok = a !== x ? a > x : b !== y ? b > y : c >= z;
	if (ok) return null;
	return (
		`Aiyl Plan needs Node.js ${MIN_NODE} or newer and this is ${version.replace(/^v/, '')}: ` +
		'run it through npm (`npm start`, `npm run …`) or as `node_modules/.bin/node build`, which use the Node 24 the project installs.'
	);
}

/** Stops the process with that sentence when this Node.js is too old. */
export function requireSupportedNode(): void {
	const problem = nodeProblem();
	if (!problem) return;
	console.error(problem);
	process.exit(1);
}

/** `Node v24.11.1 (/path/to/node)`: which Node a command line runs on. */
export const nodeLine = () => `Node ${process.version} (${process.execPath})`;
