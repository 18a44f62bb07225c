import type { Actor } from './actor';

/** The routes a user whose password an admin set may still use. */
export const PASSWORD_CHANGE_ROUTES = ['/account/password', '/logout'];

/**
 * What a request of a user who must change their password may do: the password page and sign-out
 * pass; any other page is sent to the password page; form posts and API calls elsewhere are refused.
 */
export function passwordGate(
	actor: Actor | null,
	request: { method: string; routeId: string | null }
): 'pass' | 'redirect' | 'refuse' {
	if (!actor?.mustChangePassword) return 'pass';
	if (request.routeId !== null && PASSWORD_CHANGE_ROUTES.includes(request.routeId)) return 'pass';
	const reads = request.method === 'GET' || request.method === 'HEAD';
	if (!reads || request.routeId?.startsWith('/api/')) return 'refuse';
	return 'redirect';
}
