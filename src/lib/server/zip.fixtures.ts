/**
 * Hostile and honest ZIP archives for tests, built in memory with node:zlib (no big file is
 * committed). Not used by the app.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface FixtureEntry {
	name: string;
	data: Uint8Array | string;
	/** the uncompressed size the headers claim; the real one when left out */
	declaredSize?: number;
	/** point this central entry at an earlier entry's data instead of writing its own (overlapping entries) */
	sameDataAs?: number;
}

/** A ZIP with deflated entries, its central directory and end record, as any writer lays them out. */
export function makeZip(entries: FixtureEntry[]): Uint8Array {
	const parts: Buffer[] = [];
	const central: Buffer[] = [];
	const written: { offset: number; crc: number; compressed: number; size: number }[] = [];
	let offset = 0;
	entries.forEach((e, i) => {
		const name = Buffer.from(e.name);
		let info = e.sameDataAs === undefined ? undefined : written[e.sameDataAs];
		if (!info) {
			const raw = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data);
			const data = deflateRawSync(raw);
			info = {
				offset,
				crc: crc32(raw),
				compressed: data.length,
				size: e.declaredSize ?? raw.length
			};
			const local = Buffer.alloc(30);
			local.writeUInt32LE(0x04034b50, 0);
			local.writeUInt16LE(20, 4);
			local.writeUInt16LE(8, 8);
			local.writeUInt32LE(info.crc, 14);
			local.writeUInt32LE(info.compressed, 18);
			local.writeUInt32LE(info.size, 22);
			local.writeUInt16LE(name.length, 26);
			parts.push(local, name, data);
			offset += local.length + name.length + data.length;
		}
		written[i] = info;
		const c = Buffer.alloc(46);
		c.writeUInt32LE(0x02014b50, 0);
		c.writeUInt16LE(20, 4);
		c.writeUInt16LE(20, 6);
		c.writeUInt16LE(8, 10);
		c.writeUInt32LE(info.crc, 16);
		c.writeUInt32LE(info.compressed, 20);
		c.writeUInt32LE(info.size, 24);
		c.writeUInt16LE(name.length, 28);
		c.writeUInt32LE(info.offset, 42);
		central.push(c, name);
	});
	const dir = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(dir.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...parts, dir, end]));
}

const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/**
 * An XLSX-shaped bomb: a worksheet of `inflatedBytes` spaces, which deflate compresses about a
 * thousand times. `lie` makes its headers claim 1 KB instead of the truth.
 */
export function xlsxBomb(inflatedBytes: number, options: { lie?: boolean } = {}): Uint8Array {
	return makeZip([
		{ name: '[Content_Types].xml', data: CONTENT_TYPES },
		{
			name: 'xl/worksheets/sheet1.xml',
			data: new Uint8Array(inflatedBytes).fill(0x20),
			declaredSize: options.lie ? 1024 : undefined
		}
	]);
}
