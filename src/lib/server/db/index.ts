import postgres from 'postgres';

/** A Postgres.js handle: the pool or a transaction. Domain functions take it first so callers can compose them in one transaction. */
export type Sql = postgres.Sql<Record<string, unknown>>;

/**
 * Opens a pool with camelCase column names mapped in one place. A database that is down or
 * unreachable fails a query within a second when refused, after CONNECT_TIMEOUT_S when
 * unanswered, instead of holding the request; `statementTimeoutMs` bounds a runaway query.
 */
export function connect(
	url: string,
	options: {
		max?: number;
		statementTimeoutMs?: number;
		debug?: (connection: number, query: string, parameters: unknown[]) => void;
	} = {}
): Sql {
	return postgres(url, {
		max: options.max ?? 10,
		// tests count the queries a function sends
		...(options.debug ? { debug: options.debug } : {}),
		connect_timeout: CONNECT_TIMEOUT_S,
		// idle connections are closed, so the pool does not keep sockets of a server that went away
		idle_timeout: 60,
		// after failed connects Postgres.js waits before the next one, by default up to 20 s, and a
		// query on that connection waits with it: during and after an outage requests would hang
		backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
		// column names only: JSON values keep their keys as written (funding codes such as local_budget are data)
		transform: { column: { from: postgres.toCamel, to: postgres.fromCamel } },
		// ids are int8; they stay far below 2^53, so plain numbers are safe and simpler than strings
		types: {
			bigint: {
				to: 20,
				from: [20],
				serialize: (x: number) => String(x),
				parse: (x: string) => Number(x)
			}
		},
		onnotice: () => {},
		connection: {
			application_name: 'aiyl-plan',
			...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {})
		}
	}) as unknown as Sql;
}

/** Seconds to wait for the server to accept a connection (the default of Postgres.js is 30). */
export const CONNECT_TIMEOUT_S = 5;

// Node's socket errors, Postgres.js's own connection errors, and the server's "shutting down",
// "starting up", "too many clients" and connection-exception (class 08) refusals
const UNAVAILABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'57P01',
	'57P02',
	'57P03',
	'53300'
]);

/**
 * True when an error means the database cannot be reached or is shutting down or starting up:
 * an outage (the app answers 503 and recovers by itself), not a fault of the request.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
	if (!e || typeof e !== 'object') return false;
	const code = (e as { code?: unknown }).code;
	if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
		return true;
	// a connect to "localhost" tries ::1 and 127.0.0.1 and reports both refusals together
	const inner = (e as { errors?: unknown }).errors;
	return Array.isArray(inner) && inner.length > 0 && inner.every(isDatabaseUnavailable);
}

/**
 * True when PostgreSQL refused text it cannot store: a NUL byte (22021 invalid byte sequence,
 * 22P05 \u0000 in JSON). The request was bad (400), the server is fine.
 */
export function isUnstorableText(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return code === '22021' || code === '22P05';
}

/** The database URL of this process, or a clear error when nothing set it. */
export function databaseUrl(): string {
	const url = process.env.DATABASE_URL;
	if (!url) {
		throw new Error(
			'DATABASE_URL is not set. Start the app with `npm run demo` (embedded PostgreSQL) or set DATABASE_URL.'
		);
	}
	return url;
}

/** Runs fn in a transaction on a pool or a savepoint inside an existing transaction. */
export async function transaction<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
	const anySql = sql as unknown as {
		begin?: (f: (tx: Sql) => Promise<T>) => Promise<T>;
		savepoint?: (f: (tx: Sql) => Promise<T>) => Promise<T>;
	};
	if (typeof anySql.savepoint === 'function') return anySql.savepoint(fn);
	return anySql.begin!(fn);
}
