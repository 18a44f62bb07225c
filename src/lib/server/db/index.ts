import postgres from 'postgres';

/** A Postgres.js handle: the pool or a transaction. Domain functions take it first so callers can compose them in one transaction. */
export type Sql = postgres.Sql<Record<string, unknown>>;

/** Opens a pool with camelCase column names mapped in one place. */
export function connect(url: string, options: { max?: number; debug?: (connection: number, query: string, parameters: unknown[]) => void } = {}): Sql {
	return postgres(url, {
		max: options.max ?? 10,
		// tests count the queries a function sends
		...(options.debug ? { debug: options.debug } : {}),
		// column names only: JSON values keep their keys as written (funding codes such as local_budget are data)
		transform: { column: { from: postgres.toCamel, to: postgres.fromCamel } },
		// ids are int8; they stay far below 2^53, so plain numbers are safe and simpler than strings
		types: {
			bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) }
		},
		onnotice: () => {},
		connection: { application_name: 'aiyl-plan' }
	}) as unknown as Sql;
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
