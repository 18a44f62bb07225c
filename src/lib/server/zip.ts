/**
 * Checks an uploaded ZIP (an XLSX workbook) before anything inflates it: the central directory is
 * read here, by hand (the format is small and fixed: PKWARE APPNOTE 4.3), its entry count and
 * declared sizes are held to limits, and then every entry is inflated with its output capped at
 * the size it declares, so a file that lies about its sizes is caught after at most that many bytes.
 * Only then may exceljs (JSZip, which trusts the archive) read it.
 */
import { inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';

const inflate = promisify(inflateRaw);

export interface ZipLimits {
	/** most entries a legitimate file has */
	maxEntries: number;
	/** most bytes all entries may inflate to together */
	maxTotalBytes: number;
}

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	dataStart: number;
}

export type ZipProblem =
	| { code: 'import_not_xlsx' }
	| { code: 'import_zip_size_mismatch' }
	| { code: 'import_zip_too_many_entries'; params: { max: number } }
	| { code: 'import_zip_too_large'; params: { max: number } };

export type ZipCheck = { ok: true; entries: ZipEntry[] } | ({ ok: false } & ZipProblem);

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const damaged: ZipCheck = { ok: false, code: 'import_not_xlsx' };
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Reads the archive's directory and holds it to the limits; inflates nothing. */
export function readDirectory(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
	try {
		return directory(bytes, limits);
	} catch {
		// a field pointing outside the file: DataView refuses to read there
		return damaged;
	}
}

function directory(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);
	const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
	const inside = (at: number, length: number) =>
		at >= 0 && length >= 0 && at + length <= bytes.length;

	// the end record is the last one in the file, after at most a 64 KiB comment (as JSZip finds it)
	let end = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (u32(at) === EOCD) {
			end = at;
			break;
		}
	}
	if (end < 0) return damaged;
	if (u16(end + 4) !== 0 || u16(end + 6) !== 0) return damaged; // split archives are not workbooks
	let count = u16(end + 10);
	let dirSize = u32(end + 12);
	let dirAt = u32(end + 16);
	let dirEnd = end;
	if (count === 0xffff || dirSize === MAX32 || dirAt === MAX32) {
		const locator = end - 20;
		if (!inside(locator, 20) || u32(locator) !== ZIP64_LOCATOR) return damaged;
		const record = u64(locator + 8);
		if (!inside(record, 56) || u32(record) !== ZIP64_EOCD) return damaged;
		count = u64(record + 32);
		dirSize = u64(record + 40);
		dirAt = u64(record + 48);
		dirEnd = record;
	}
	if (count > limits.maxEntries)
		return { ok: false, code: 'import_zip_too_many_entries', params: { max: limits.maxEntries } };
	// the directory must end where the end record starts: no data prepended or hidden in between,
	// so JSZip cannot read another directory than this one
	if (dirAt + dirSize !== dirEnd || !inside(dirAt, dirSize)) return damaged;

	const entries: ZipEntry[] = [];
	let total = 0;
	let at = dirAt;
	for (let i = 0; i < count; i++) {
		if (!inside(at, 46) || u32(at) !== CENTRAL) return damaged;
		const flags = u16(at + 8);
		const method = u16(at + 10);
		let compressedSize = u32(at + 20);
		let size = u32(at + 24);
		const nameLength = u16(at + 28);
		const extraLength = u16(at + 30);
		const commentLength = u16(at + 32);
		let localAt = u32(at + 42);
		if (!inside(at + 46, nameLength + extraLength + commentLength)) return damaged;
		if (size === MAX32 || compressedSize === MAX32 || localAt === MAX32) {
			// the ZIP64 extra field holds, in this order, only the values that did not fit
			let x = at + 46 + nameLength;
			const xEnd = x + extraLength;
			let found = false;
			while (x + 4 <= xEnd) {
				const id = u16(x);
				const length = u16(x + 2);
				if (id === 0x0001) {
					let f = x + 4;
					const next = () => {
						const v = f + 8 <= x + 4 + length ? u64(f) : NaN;
						f += 8;
						return v;
					};
					if (size === MAX32) size = next();
					if (compressedSize === MAX32) compressedSize = next();
					if (localAt === MAX32) localAt = next();
					found = true;
					break;
				}
				x += 4 + length;
			}
			if (!found || [size, compressedSize, localAt].some(Number.isNaN)) return damaged;
		}
		if (flags & 0x1) return damaged; // encrypted
		if (method !== 0 && method !== 8) return damaged;
		if (method === 0 && size !== compressedSize) return damaged;
		total += size;
		if (total > limits.maxTotalBytes)
			return {
				ok: false,
				code: 'import_zip_too_large',
				params: { max: megabytes(limits.maxTotalBytes) }
			};
		if (!inside(localAt, 30) || u32(localAt) !== LOCAL) return damaged;
		const dataStart = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
		if (dataStart + compressedSize > dirAt) return damaged;
		const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
		entries.push({ name, method, compressedSize, size, dataStart });
		at += 46 + nameLength + extraLength + commentLength;
	}
	if (at !== dirAt + dirSize) return damaged;
	return { ok: true, entries };
}

/** One entry's bytes, inflated to at most its declared size; null when it inflates to anything else. */
export async function readEntry(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array | null> {
	const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
	if (entry.method === 0) return data;
	try {
		// on the thread pool, and stopped as soon as the output passes the declared size
		const out = await inflate(data, { maxOutputLength: Math.max(entry.size, 1) });
		return out.length === entry.size ? out : null;
	} catch {
		return null;
	}
}

/**
 * The whole check: the directory within the limits, then every entry inflating to exactly what it
 * declares. Holds at most one entry's bytes (≤ maxTotalBytes) at a time.
 */
export async function checkZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipCheck> {
	const dir = readDirectory(bytes, limits);
	if (!dir.ok) return dir;
	for (const entry of dir.entries) {
		if ((await readEntry(bytes, entry)) === null)
			return { ok: false, code: 'import_zip_size_mismatch' };
	}
	return dir;
}
