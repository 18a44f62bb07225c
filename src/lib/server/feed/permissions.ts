import { hasRole, type Actor } from '../auth/actor';

export type FeedAction =
	| 'view'
	| 'add_endpoint'
	| 'deactivate_endpoint'
	| 'create_sender_key'
	| 'revoke_sender_key'
	| 'send_again';

/**
 * Who manages the feed: only admins. The endpoints hold the secrets this instance signs with and
 * the sender keys decide who may send here, so no other role sees or changes them.
 */
export function can(actor: Actor | null, action: FeedAction): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'view':
		case 'add_endpoint':
		case 'deactivate_endpoint':
		case 'create_sender_key':
		case 'revoke_sender_key':
		case 'send_again':
			return hasRole(actor, 'admin');
	}
}
