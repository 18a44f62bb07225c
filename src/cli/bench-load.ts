/**
 * The bench's load generator, in its own process (forked by bench-web.ts): keep-alive HTTP GETs
 * to 127.0.0.1 only, from a fixed number of connections, bounded in count and in time. Answers
 * each job over IPC with the count, errors and latency percentiles.
 */
import http from 'node:http';

export interface LoadJob {
	url: string;
	headers?: Record<string, string>;
	connections: number;
	durationMs: number;
	maxRequests: number;
}

export interface LoadResult {
	requests: number;
	errors: number;
	statuses: Record<number, number>;
	bytes: number;
	elapsedMs: number;
	p50: number;
	p90: number;
	p95: number;
	p99: number;
	max: number;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
	const url = new URL(job.url);
	if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
		throw new Error('the bench loads 127.0.0.1 only');
	const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
	const latencies: number[] = [];
	const statuses: Record<number, number> = {};
	let errors = 0;
	let bytes = 0;
	let sent = 0;
	const started = performance.now();
	const deadline = started + job.durationMs;
	const one = () =>
		new Promise<void>((resolve) => {
			const t = performance.now();
			const req = http.get(
				url,
				{ agent, headers: { 'accept-encoding': 'br, gzip', ...job.headers } },
				(res) => {
					res.on('data', (chunk: Buffer) => (bytes += chunk.length));
					res.on('end', () => {
						statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
						if ((res.statusCode ?? 0) >= 400) errors++;
						latencies.push(performance.now() - t);
						resolve();
					});
				}
			);
			req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
			req.on('error', () => {
				errors++;
				resolve();
			});
		});
	const connection = async () => {
		while (performance.now() < deadline && sent < job.maxRequests) {
			sent++;
			await one();
		}
	};
	await Promise.all(Array.from({ length: job.connections }, connection));
	const elapsedMs = performance.now() - started;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	return {
		requests: latencies.length,
		errors,
		statuses,
		bytes,
		elapsedMs,
		p50: percentile(latencies, 0.5),
		p90: percentile(latencies, 0.9),
		p95: percentile(latencies, 0.95),
		p99: percentile(latencies, 0.99),
		max: latencies[latencies.length - 1] ?? NaN
	};
}

if (process.send) {
	process.on('message', async (msg: { id: number; job: LoadJob } | 'exit') => {
		if (msg === 'exit') process.exit(0);
		try {
			process.send!({ id: msg.id, result: await runLoad(msg.job) });
		} catch (e) {
			process.send!({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
		}
	});
	process.send('ready');
}
