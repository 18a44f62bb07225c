/** SQL pieces the monitoring views share, so every figure is rounded by one rule. */
import type { Sql } from '../db';

/** A percent with one decimal, rounded half up exactly as `percentOf` (money.ts): part and whole numeric. */
export const pct = (sql: Sql, part: ReturnType<Sql>, whole: ReturnType<Sql>) => sql`
	case when coalesce(${whole}, 0) = 0 then null
	else (div(${part} * 100000 + div(${whole} * 100, 2), ${whole} * 100) / 10.0)::numeric(20, 1)::text end`;
