import { hasRole, type Actor } from '../auth/actor';

export type CatalogueAction = 'read' | 'import' | 'export' | 'review';

/**
 * The catalogue is public information: anyone reads and exports it; only national and admin change
 * it, and only they, who maintain it, see its review fields (source file and line, stable ids, notes).
 */
export function can(actor: Actor | null, action: CatalogueAction): boolean {
	switch (action) {
		case 'read':
		case 'export':
			return true;
		case 'import':
		case 'review':
			return hasRole(actor, 'national') || hasRole(actor, 'admin');
	}
}
