// C0 controls, DEL and C1 controls: browsers drop some of them inside URLs (a tab turns `/\t/host`
// into `//host`), and in a Location header they are an error.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Where to go after login: a path of this origin or null (the caller goes home). The raw value
 * must be a plain path; it is then parsed as a browser would and kept only if it stays here.
 */
export function safeNext(next: string | null | undefined, origin: string): string | null {
	if (!next || CONTROL.test(next) || next.includes('\\')) return null;
	if (!next.startsWith('/') || next.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin) return null;
	// percent-encoded as parsed, so the header holds only ASCII
	return url.pathname + url.search + url.hash;
}
