/**
 * The browser's `m`: messages of the page's own language only, and of those only what the page can
 * show. Vite serves this module in place of Paraglide's `messages.js` to client code and cuts each
 * language per route (see vite.config.ts): the root layout's share, which the root layout's load
 * awaits, and each page's own, which the page's node awaits when it is imported (SvelteKit renders
 * after both), so a Kyrgyz page never downloads the Russian or English strings nor the messages of
 * other pages. The server keeps Paraglide's module with every language.
 */
import { common } from 'virtual:aiyl-route-messages';
import { extractLocaleFromUrl, getLocale, locales } from '../paraglide/runtime';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: string }) => string;
type LocaleModule = Record<string, ((inputs?: Record<string, unknown>) => string) | undefined>;
type Share = typeof common;

/** Per language, the messages that arrived so far (every route's share adds to it). */
const loaded = new Map<string, LocaleModule>();
const arrived = new Set<string>();
/** The routes whose node has been imported, with their shares. */
const routes = new Map<string, Share>();
/** The language of the page being loaded: a node imported during a navigation loads its share in it. */
let wanted: string | null = null;
let current: LocaleModule | null = null;

function localeOf(target: string | URL): string {
	const asked = typeof target === 'string' ? target : (extractLocaleFromUrl(target) ?? getLocale());
	return asked in common ? asked : locales[0];
}

async function loadShares(locale: string, shares: [string, Share][]): Promise<LocaleModule> {
	let messages = loaded.get(locale);
	if (!messages) loaded.set(locale, (messages = {}));
	await Promise.all(
		shares
			.filter(([id]) => !arrived.has(`${locale} ${id}`))
			.map(async ([id, share]) => {
				// vite.config.ts gives every share a loader for each of the app's locales
				Object.assign(messages, (await share[locale]!()).default);
				arrived.add(`${locale} ${id}`);
			})
	);
	return messages;
}

/** Loads the messages of the root layout, and of the route if its node came already, in a locale (once); with a URL, in the locale that URL is in. */
export async function loadMessages(
	target: string | URL = getLocale(),
	routeId: string | null = null
): Promise<void> {
	const locale = (wanted = localeOf(target));
	const shares: [string, Share][] = [['', common]];
	const own = routeId ? routes.get(routeId) : undefined;
	if (own) shares.push([routeId!, own]);
	current = await loadShares(locale, shares);
}

/** A page's node, as it is imported: its own share of the messages, in the language being loaded. */
export async function loadRouteMessages(routeId: string, share: Share): Promise<void> {
	routes.set(routeId, share);
	await loadShares(wanted ?? getLocale(), [[routeId, share]]);
}

function moduleFor(locale: string | undefined): LocaleModule | null {
	return (locale && loaded.get(locale)) || loaded.get(getLocale()) || current;
}

/** A message of a language, by its key as written. */
function lookup(mod: LocaleModule | null, key: string) {
	return mod && Object.hasOwn(mod, key) ? mod[key] : undefined;
}

const cache = new Map<string, MessageFn>();

/** Each message as Paraglide's, resolved from the loaded language (the key itself if it is missing); `key in m` says whether it exists. */
export const m = new Proxy({} as Record<string, MessageFn>, {
	get(_, key) {
		if (typeof key !== 'string') return undefined;
		let fn = cache.get(key);
		if (!fn) {
			fn = (inputs = {}, options = {}) => {
				const message = lookup(moduleFor(options.locale), key);
				// a message the build did not put in the page's share (vite.config.ts reads imports)
				if (!message) console.warn(`message ${key} missing from this page's messages`);
				return message?.(inputs) ?? key;
			};
			cache.set(key, fn);
		}
		return fn;
	},
	has(_, key) {
		return typeof key === 'string' && typeof lookup(moduleFor(undefined), key) === 'function';
	}
});
