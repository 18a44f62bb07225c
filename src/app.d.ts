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
		}
		interface Error {
			message: string;
		}
	}
}

export {};
