/** The loaders of each language's messages, per route (vite.config.ts builds this module). */
declare module 'virtual:aiyl-route-messages' {
	type Loader = () => Promise<{
		default: Record<string, ((inputs?: Record<string, unknown>) => string) | undefined>;
	}>;
	/** The root layout's share, which every page loads. */
	export const common: Record<string, Loader>;
	/** What each route adds (routes that add nothing are absent). */
	export const routes: Record<string, Record<string, Loader>>;
}
