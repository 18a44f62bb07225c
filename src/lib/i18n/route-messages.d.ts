/** The loaders of each language's share of the root layout (vite.config.ts builds this module; each page's node loads its own share). */
declare module 'virtual:aiyl-route-messages' {
	type Loader = () => Promise<{
		default: Record<string, ((inputs?: Record<string, unknown>) => string) | undefined>;
	}>;
	/** The root layout's share, which every page loads. */
	export const common: Record<string, Loader>;
}
