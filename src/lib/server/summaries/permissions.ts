import type { Actor } from '../auth/actor';

export type SummaryAction = 'read';

/**
 * Who may have a summary: anyone, signed in or not, of what the public may read (an approved plan,
 * a submitted report); nobody of a draft. A summary is for sharing, so it never shows more than the
 * public page does, and staff get theirs from the same public files.
 */
export function can(
	_actor: Actor | null,
	action: SummaryAction,
	subject: { public: boolean }
): boolean {
	switch (action) {
		case 'read':
			return subject.public;
	}
}
