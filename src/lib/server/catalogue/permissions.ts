import { hasRole, type Actor } from '../auth/actor';

export type CatalogueAction = 'read' | 'import' | 'export';

/** The catalogue is public information: anyone reads and exports it; only national and admin change it. */
export function can(actor: Actor | null, action: CatalogueAction): boolean {
	switch (action) {
		case 'read':
		case 'export':
			return true;
		case 'import':
			return hasRole(actor, 'national') || hasRole(actor, 'admin');
	}
}
