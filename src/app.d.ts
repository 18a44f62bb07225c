import type { Actor } from '$lib/server/auth/actor';
import type { Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			session: Session | null;
			locale: 'ky' | 'ru' | 'en';
			/** unread notifications of the actor, read with the session */
			unread?: number;
			/** large text and high contrast: the browser's cookie, else the signed-in user's choice */
			lowVision: boolean;
			/** Set by handleError for an unexpected error it recognised (a bad byte, a database outage): the status to answer instead of 500. */
			errorStatus?: 400 | 503;
		}
		interface Error {
			message: string;
			/** `unavailable` (the database is away) or `bad_request`, for the error page to explain. */
			kind?: 'unavailable' | 'bad_request';
		}
	}
}

export {};
