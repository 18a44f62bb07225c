import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What is worth compressing harder: the code and styles every page downloads. */
const CODE = /\.(js|css)$/;

/**
 * The gzip copies of the browser's code written again with Zopfli, which finds a smaller encoding of
 * the same deflate stream than zlib's level 9 (about 3% here) and which every browser reads. The
 * Brotli copies stay as adapter-node wrote them. Without block splitting, Zopfli takes a few seconds
 * for the whole client; with it, most of a second per file for a fraction of a percent more.
 *
 * @param {string} dir the client directory adapter-node has precompressed
 * @returns {Promise<{ files: number; before: number; after: number }>}
 */
export async function zopfliGzip(dir) {
	const { gzipAsync } = await zopfli();
	let files = 0;
	let before = 0;
	let after = 0;
	for (const file of await codeFiles(dir)) {
		const gz = `${file}.gz`;
		const zlib = await stat(gz).catch(() => null);
		if (!zlib) continue;
		const smaller = await gzipAsync(await readFile(file), {
			numiterations: 15,
			blocksplitting: false
		});
		files++;
		before += zlib.size;
		after += Math.min(zlib.size, smaller.length);
		if (smaller.length < zlib.size) await writeFile(gz, smaller);
	}
	return { files, before, after };
}

/**
 * Zopfli, loaded when there is something to compress, not with the Svelte config that ESLint,
 * svelte-check and Vite load. Its Emscripten runtime puts handlers on the process
 * (`unhandledRejection` aborts it, `uncaughtException` rethrows), which are taken off again, so
 * the process that compresses keeps Node's own handling.
 *
 * @returns {Promise<typeof import('@gfx/zopfli')>}
 */
async function zopfli() {
	const uncaught = process.listeners('uncaughtException');
	const rejected = process.listeners('unhandledRejection');
	const module = await import('@gfx/zopfli');
	for (const l of process.listeners('uncaughtException'))
		if (!uncaught.includes(l)) process.off('uncaughtException', l);
	for (const l of process.listeners('unhandledRejection'))
		if (!rejected.includes(l)) process.off('unhandledRejection', l);
	return module;
}

/** @param {string} dir */
async function codeFiles(dir) {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile() && CODE.test(e.name))
		.map((e) => join(e.parentPath, e.name));
}

/**
 * adapter-node, then its gzip copies made smaller (zopfliGzip).
 *
 * @param {import('@sveltejs/kit').Adapter} adapter adapter-node with `precompress: true`
 * @param {string} out its output directory
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withZopfli(adapter, out = 'build') {
	return {
		...adapter,
		async adapt(builder) {
			await adapter.adapt(builder);
			const { files, before, after } = await zopfliGzip(`${out}/client`);
			builder.log.minor(
				`Zopfli: ${files} files' gzip copies ${before} → ${after} bytes (${(100 * (1 - after / before)).toFixed(1)}% smaller)`
			);
		}
	};
}
