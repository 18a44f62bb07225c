/**
 * The data of a page that is rendered on the server (`csr = false`). SvelteKit writes every page's
 * load data into its HTML for hydration even when no script will read it: on the national view that
 * is a sixth of the request's CPU. Wrapped in this, the data reaches the page's markup as it is and
 * is written out as one number (`transport` in `src/hooks.ts`). A browser that comes to the page by
 * a link from another page renders it itself from `__data.json`, and gets the data plainly.
 */
export class ServerRendered<T> {
	constructor(readonly value: T) {}
}

export type Rendered<T> = ServerRendered<T> | T;

/** The page's data: wrapped for the HTML, plain for a browser's own navigation. */
export const serverRendered = <T>(event: { isDataRequest: boolean }, value: T): Rendered<T> =>
	event.isDataRequest ? value : new ServerRendered(value);

/** What the page reads, on the server or in the browser. */
export const rendered = <T>(data: Rendered<T>): T =>
	data instanceof ServerRendered ? (data.value as T) : data;
