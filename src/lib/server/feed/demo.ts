import type { Sql } from '../db';
import { addEndpoint, createSenderKey } from './keys';

export const DEMO_SENDER = 'demo-sender';

/**
 * The demo instance receives too: a sender key `demo-sender`, and its own feed delivered to
 * itself with that key. Returns the key's secret, which the demo prints with its logins (the only
 * place a secret is shown again). Safe to run again.
 */
export async function ensureDemoFeed(sql: Sql, origin: string): Promise<string> {
	const [existing] = await sql<{ secret: string }[]>`
		select secret from feed_sender_key where key_id = ${DEMO_SENDER} and revoked_at is null`;
	const secret = existing?.secret ?? (await createSenderKey(sql, DEMO_SENDER, 'Demo')).secret;
	const [endpoint] = await sql`select 1 from feed_endpoint where key_id = ${DEMO_SENDER}`;
	if (!endpoint)
		await addEndpoint(sql, { url: `${origin}/api/v1/feed`, keyId: DEMO_SENDER, secret });
	return secret;
}
