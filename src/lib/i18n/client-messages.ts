/**
 * The browser's `m`: messages of the page's own language only. Vite serves this module in place of
 * Paraglide's `messages.js` to client code (see vite.config.ts), so each language is its own chunk and
 * a Kyrgyz page never downloads the Russian or English strings. The root layout's load awaits
 * `loadMessages` before anything renders. The server keeps Paraglide's module with every language.
 */
import { extractLocaleFromUrl, getLocale, locales } from '../paraglide/runtime';
import { safeMessageId } from './safe-id';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: string }) => string;
type LocaleModule = Record<string, ((inputs?: Record<string, unknown>) => string) | undefined>;

const loaders: Record<(typeof locales)[number], () => Promise<LocaleModule>> = {
	ky: () => import('../paraglide/messages/ky.js') as unknown as Promise<LocaleModule>,
	ru: () => import('../paraglide/messages/ru.js') as unknown as Promise<LocaleModule>,
	en: () => import('../paraglide/messages/en.js') as unknown as Promise<LocaleModule>
};

const loaded = new Map<string, LocaleModule>();
let current: LocaleModule | null = null;

/** Loads the messages of a locale (once); with a URL, of the locale that URL is in. */
export async function loadMessages(target: string | URL = getLocale()): Promise<void> {
	const locale =
		typeof target === 'string' ? target : (extractLocaleFromUrl(target) ?? getLocale());
	const load = loaders[locale as keyof typeof loaders] ?? loaders[locales[0]];
	if (!loaded.has(locale)) loaded.set(locale, await load());
	current = loaded.get(locale)!;
}

function moduleFor(locale: string | undefined): LocaleModule | null {
	return (locale && loaded.get(locale)) || loaded.get(getLocale()) || current;
}

/** A message of a language module, under the name Paraglide exports it as (`delete` → `_delete`). */
function lookup(mod: LocaleModule | null, key: string) {
	return mod?.[safeMessageId(key)];
}

const cache = new Map<string, MessageFn>();

/** Each message as Paraglide's, resolved from the loaded language (the key itself if it is missing); `key in m` says whether it exists. */
export const m = new Proxy({} as Record<string, MessageFn>, {
	get(_, key) {
		if (typeof key !== 'string') return undefined;
		let fn = cache.get(key);
		if (!fn) {
			fn = (inputs = {}, options = {}) => lookup(moduleFor(options.locale), key)?.(inputs) ?? key;
			cache.set(key, fn);
		}
		return fn;
	},
	has(_, key) {
		return typeof key === 'string' && typeof lookup(moduleFor(undefined), key) === 'function';
	}
});
