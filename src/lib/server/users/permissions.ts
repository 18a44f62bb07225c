import { hasRole, type Actor } from '../auth/actor';

export type UserAction =
	| 'list'
	| 'create'
	| 'set_roles'
	| 'reset_password'
	| 'deactivate'
	| 'unlock'
	| 'change_own_password';

/** Who may manage accounts: only admins manage others; everyone signed in changes their own password. */
export function can(actor: Actor | null, action: UserAction): boolean {
	if (!actor) return false;
	switch (action) {
		case 'change_own_password':
			return true;
		case 'list':
		case 'create':
		case 'set_roles':
		case 'reset_password':
		case 'deactivate':
		case 'unlock':
			return hasRole(actor, 'admin');
	}
}
