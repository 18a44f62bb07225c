/**
 * The summary as a picture for messengers: 1080 × 1350 pixels, portrait 4:5. Messengers and feeds
 * (Telegram, WhatsApp, Instagram, Facebook) show a 4:5 picture whole and large on a phone, where a
 * 1200 × 630 link card would be shown small and its text unreadable; 1080 is the width they keep.
 *
 * Drawn directly with @napi-rs/canvas from the same texts as the PDF (text.ts), with the Roboto
 * files pdfmake ships (they carry ң ө ү), not by rasterising the A4 page: an A4 page squeezed into a
 * phone picture would need text too small to read. Pure in effect: (summary, lang) → PNG bytes.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { m } from '../../paraglide/messages';
import { printable } from '../documents/printable';
import { COLORS } from './pdf';
import type { SummaryModel } from './model';
import { summaryTexts, type SummaryLang } from './text';

export const PNG_SIZE = { width: 1080, height: 1350 };

/** The canvas families of the two Roboto files: the regular and the medium (bold) cut. */
export const FONT = { regular: 'AiylSummaryRoboto', bold: 'AiylSummaryRobotoMedium' };

const require = createRequire(import.meta.url);

/** Where pdfmake keeps its Roboto files: the PDF and the picture draw with the same font. */
export function robotoFile(name: 'Roboto-Regular.ttf' | 'Roboto-Medium.ttf'): string {
	return join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto', name);
}

let registered = false;

/** Registers the two Roboto files with the canvas once; throws when one cannot be read. */
export function registerFonts(): void {
	if (registered) return;
	const a = GlobalFonts.registerFromPath(robotoFile('Roboto-Regular.ttf'), FONT.regular);
	const b = GlobalFonts.registerFromPath(robotoFile('Roboto-Medium.ttf'), FONT.bold);
	if (!a || !b) throw new Error('the Roboto fonts could not be registered with the canvas');
	registered = true;
}

/** The CSS font of a text run: always one of the two Roboto families, never a fallback list. */
export const fontOf = (size: number, bold = false) =>
	`${size}px ${bold ? FONT.bold : FONT.regular}`;

/** pdfmake's QR encoder (already a dependency): the dark modules as squares of `fit` pixels at most. */
function qrModules(
	text: string,
	fit: number
): { size: number; rects: { x: number; y: number; w: number }[] } {
	const qr = require('pdfmake/js/qrEnc.js').default as {
		measure: (node: { qr: string; fit: number; eccLevel: string }) => {
			_width: number;
			_canvas: { x: number; y: number; w: number; color: string }[];
		};
	};
	const node = qr.measure({ qr: text, fit, eccLevel: 'M' });
	// the first rectangle is the white background
	return { size: node._width, rects: node._canvas.slice(1) };
}

/** Lines of at most `width` pixels, the last one cut with an ellipsis when more would follow. */
export function wrap(ctx: SKRSContext2D, text: string, width: number, maxLines: number): string[] {
	const words = text.replace(/\s+/g, ' ').trim().split(' ');
	const lines: string[] = [];
	let line = '';
	for (const [i, word] of words.entries()) {
		const next = line ? `${line} ${word}` : word;
		if (ctx.measureText(next).width <= width || !line) {
			line = next;
			continue;
		}
		lines.push(line);
		line = word;
		if (lines.length === maxLines) {
			const last = lines.pop()!;
			lines.push(ellipsis(ctx, `${last} ${words.slice(i).join(' ')}`, width));
			return lines;
		}
	}
	if (line) lines.push(line);
	return lines.map((l) => (ctx.measureText(l).width > width ? ellipsis(ctx, l, width) : l));
}

function ellipsis(ctx: SKRSContext2D, text: string, width: number): string {
	if (ctx.measureText(text).width <= width) return text;
	let t = text;
	while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
	return `${t.replace(/[\s,.;:–-]+$/, '')}…`;
}

/** The picture of the summary as PNG bytes. */
export async function renderSummaryPng(summary: SummaryModel, lang: SummaryLang): Promise<Buffer> {
	registerFonts();
	const model = printable(summary);
	const t = summaryTexts(model, lang);
	const { width: W, height: H } = PNG_SIZE;
	const canvas = createCanvas(W, H);
	const ctx = canvas.getContext('2d');
	const P = 56;
	const inner = W - 2 * P;
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, W, H);
	ctx.textBaseline = 'alphabetic';

	const write = (
		text: string,
		x: number,
		y: number,
		o: { size: number; bold?: boolean; color?: string; align?: CanvasTextAlign }
	) => {
		ctx.font = fontOf(o.size, o.bold);
		ctx.fillStyle = o.color ?? '#1a1a1a';
		ctx.textAlign = o.align ?? 'left';
		ctx.fillText(text, x, y);
		ctx.textAlign = 'left';
	};
	const block = (
		text: string,
		x: number,
		y: number,
		o: { size: number; bold?: boolean; color?: string; width: number; lines: number; lead?: number }
	): number => {
		ctx.font = fontOf(o.size, o.bold);
		const lead = o.lead ?? Math.round(o.size * 1.22);
		const lines = wrap(ctx, text, o.width, o.lines);
		lines.forEach((l, i) => write(l, x, y + i * lead, o));
		return y + (lines.length - 1) * lead;
	};

	// the band: what this is and whose
	ctx.fillStyle = COLORS.band;
	ctx.fillRect(0, 0, W, 190);
	write(t.heading, P, 58, { size: 28, color: '#dce6f0' });
	let y = block(t.municipality, P, 118, {
		size: 50,
		bold: true,
		color: '#ffffff',
		width: inner,
		lines: 1
	});
	write(t.oblast, P, y + 44, { size: 27, color: '#dce6f0' });

	// the plan and its decision
	y = block(t.title, P, 248, { size: 34, bold: true, width: inner, lines: 2, lead: 42 });
	y += 40;
	for (const f of t.facts) {
		y = block(f, P, y, { size: 24, color: COLORS.muted, width: inner, lines: 2, lead: 30 }) + 31;
	}

	// the figures, two by two
	const gap = 16;
	const cw = (inner - gap) / 2;
	const ch = 122;
	y += 6;
	t.figures.forEach((f, i) => {
		const x = P + (i % 2) * (cw + gap);
		const top = y + Math.floor(i / 2) * (ch + gap);
		ctx.fillStyle = COLORS.card;
		ctx.fillRect(x, top, cw, ch);
		block(f.label, x + 20, top + 34, { size: 22, color: COLORS.muted, width: cw - 40, lines: 1 });
		ctx.font = fontOf(38, true);
		const size = ctx.measureText(f.value).width > cw - 40 ? 30 : 38;
		write(f.value, x + 20, top + 76, { size, bold: true });
		if (f.note) block(f.note, x + 20, top + 106, { size: 22, width: cw - 40, lines: 1 });
	});
	y += Math.ceil(t.figures.length / 2) * (ch + gap) + 14;
	for (const e of t.extra) y = block(e, P, y, { size: 23, width: inner, lines: 2, lead: 30 }) + 34;

	// the chart: a pair of bars per funding source
	const footerTop = H - 170;
	y += 16;
	write(t.chartHeading, P, y, { size: 29, bold: true });
	y += 36;
	ctx.fillStyle = COLORS.first;
	ctx.fillRect(P, y - 18, 20, 20);
	write(t.legend[0], P + 30, y, { size: 22 });
	ctx.font = fontOf(22);
	const lx = P + 30 + ctx.measureText(t.legend[0]).width + 30;
	ctx.fillStyle = COLORS.second;
	ctx.fillRect(lx, y - 18, 20, 20);
	write(t.legend[1], lx + 30, y, { size: 22 });
	y += 10;
	const labelW = 300;
	const barW = 440;
	for (const c of t.chart) {
		if (y + 50 > footerTop - 110) break;
		block(c.label, P, y + 32, { size: 22, width: labelW - 16, lines: 1 });
		for (const [k, ratio] of [c.firstRatio, c.secondRatio].entries()) {
			ctx.fillStyle = k === 0 ? COLORS.first : COLORS.second;
			const bw = ratio > 0 ? Math.max(2, ratio * barW) : 2;
			ctx.fillRect(P + labelW, y + 10 + k * 21, bw, 18);
		}
		write(c.first, W - P, y + 25, { size: 20, align: 'right' });
		write(c.second, W - P, y + 47, { size: 21, align: 'right', color: COLORS.second });
		y += 50;
	}
	if (t.chart.length === 0) {
		write('—', P, y + 30, { size: 22 });
		y += 40;
	}

	// the largest activities, as many as fit above the link
	y += 36;
	if (y + 70 < footerTop) {
		write(t.topHeading, P, y, { size: 29, bold: true });
		y += 14;
		let shown = 0;
		for (const [i, a] of t.top.entries()) {
			if (y + 42 > footerTop - 8) break;
			ctx.font = fontOf(23, true);
			const aw = ctx.measureText(a.amount).width;
			write(`${i + 1}.`, P, y + 34, { size: 23, color: COLORS.muted });
			block(a.title, P + 36, y + 34, { size: 23, width: inner - 36 - aw - 24, lines: 1 });
			write(a.amount, W - P, y + 34, { size: 23, bold: true, align: 'right' });
			ctx.fillStyle = '#d8dde3';
			ctx.fillRect(P, y + 44, inner, 1);
			y += 42;
			shown++;
		}
		if (t.top.length === 0)
			write(m.share_none({}, { locale: lang }), P, y + 34, { size: 23, color: COLORS.muted });
		const rest = t.top.length - shown + model.more;
		if (rest > 0 && y + 40 < footerTop)
			write(m.share_more({ count: rest }, { locale: lang }), P, y + 34, {
				size: 21,
				color: COLORS.muted
			});
	}

	// the short link and its QR code
	ctx.fillStyle = '#f4f6f8';
	ctx.fillRect(0, footerTop, W, H - footerTop);
	const qr = qrModules(t.link, 150);
	const qx = W - P - qr.size;
	const qy = footerTop + (H - footerTop - qr.size) / 2;
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(qx - 10, qy - 10, qr.size + 20, qr.size + 20);
	ctx.fillStyle = '#000000';
	for (const r of qr.rects) ctx.fillRect(qx + r.x, qy + r.y, r.w, r.w);
	write(t.linkLabel, P, footerTop + 46, { size: 24, color: COLORS.muted });
	block(t.link, P, footerTop + 92, {
		size: 34,
		bold: true,
		color: COLORS.band,
		width: qx - P - 30,
		lines: 2,
		lead: 40
	});
	write(t.footer, P, H - 24, { size: 20, color: COLORS.muted });
	return canvas.encode('png');
}
