import { invalidateAll } from '$app/navigation';

/**
 * Reloads the page's data every second while `active()` holds (a job still running), for pages that
 * show progress; without JavaScript the page's own meta refresh does it.
 */
export function refreshWhile(active: () => boolean, ms = 1000): void {
	$effect(() => {
		if (!active()) return;
		const timer = setInterval(() => invalidateAll(), ms);
		return () => clearInterval(timer);
	});
}
