import { onMount } from 'svelte';

/**
 * Whether the page's script has taken over. Until then (and without JavaScript) a form shows every
 * field, so it works without script; once hydrated, the fields that do not apply hide.
 */
export function hydration(): { readonly done: boolean } {
	let done = $state(false);
	onMount(() => {
		done = true;
	});
	return {
		get done() {
			return done;
		}
	};
}
