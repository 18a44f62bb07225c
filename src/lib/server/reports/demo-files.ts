/**
 * The demo's evidence files, built byte for byte so the demo stays the same on every run: a small
 * PNG photo (a field of the plan's green with a lighter band) and a one-page PDF act.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(4);
	head.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([head, body, crc]);
}

/** A 48×32 RGB PNG. */
export function demoPhoto(): Uint8Array {
	const width = 48;
	const height = 32;
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, no interlace
	const rows: number[] = [];
	for (let y = 0; y < height; y++) {
		rows.push(0); // no filter
		for (let x = 0; x < width; x++)
			rows.push(...(y > 10 && y < 20 ? [0x9c, 0xd3, 0xa8] : [0x1f, 0x6f, 0x4a]));
	}
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(Buffer.from(rows), { level: 9 })),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

/** A one-page PDF 1.4 with a line of text in Helvetica, its cross-reference table computed. */
export function demoAct(): Uint8Array {
	const text = 'Kyshtut AO - signed act of acceptance of works, 2025';
	const stream = `BT /F1 14 Tf 56 780 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(out, 'latin1'));
}
