import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterPort, PORT_FILE } from './embedded';

const dirs: string[] = [];
const dataDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiyl-port-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Holds a loopback port the way another program would. */
function hold(port: number): Promise<net.Server> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

describe('embedded cluster port', () => {
	it('the embedded cluster reuses its port: a restart listens where the running app connects', async () => {
		const dir = dataDir();
		const first = await clusterPort(dir);
		expect(fs.readFileSync(path.join(dir, PORT_FILE), 'utf8').trim()).toBe(String(first));
		expect(await clusterPort(dir)).toBe(first);
		expect(await clusterPort(dir)).toBe(first);
	});

	it('a port taken by another program is given up for a new one, which is kept from then on', async () => {
		const dir = dataDir();
		const first = await clusterPort(dir);
		const other = await hold(first);
		try {
			const second = await clusterPort(dir);
			expect(second).not.toBe(first);
			expect(await clusterPort(dir)).toBe(second);
		} finally {
			await new Promise((r) => other.close(r));
		}
	});
});
