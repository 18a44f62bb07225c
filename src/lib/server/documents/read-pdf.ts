/**
 * Reads a rendered PDF back the way a reader's viewer does, for the tests: pdf.js (through unpdf)
 * for the text, pages, page sizes and fonts, and @napi-rs/canvas to draw a page. Pure JavaScript
 * and npm packages, so the tests need no system PDF tools. Test-only: no app code imports it.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { getDocumentProxy, renderPageAsImage } from 'unpdf';

export interface PdfFont {
	/** As the PDF names it; a subset carries a six-letter tag: `BZZZZZ+Roboto-Italic`. */
	name: string;
	/** The font program is inside the PDF, so the reader needs no font of its own. */
	embedded: boolean;
}

export interface PdfReading {
	pages: number;
	/** Width × height of each page in points (A4 portrait is 595 × 842). */
	sizes: { width: number; height: number }[];
	/** The text of each page, every run of whitespace (no-break spaces included) folded to one space. */
	pageTexts: string[];
	/** All pages' text, folded the same way. */
	text: string;
	/** All pages' text with no whitespace at all: words a line break split, or a watermark's letters, join up. */
	letters: string;
	/** Every font a page uses, once each. */
	fonts: PdfFont[];
}

const fold = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Text, pages, sizes and fonts of a PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
	// pdf.js takes the buffer over (detaches it): give it a copy, so the caller's bytes stay usable
	const doc = await getDocumentProxy(new Uint8Array(bytes));
	try {
		const sizes: PdfReading['sizes'] = [];
		const pageTexts: string[] = [];
		const fonts = new Map<string, PdfFont>();
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			// the page's box, [x1, y1, x2, y2]
			const [, , width, height] = page.view as [number, number, number, number];
			sizes.push({ width, height });
			const content = await page.getTextContent();
			pageTexts.push(
				fold(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''))
			);
			// the operator list makes pdf.js load every font the page draws with into commonObjs
			await page.getOperatorList();
			for (const id of Object.keys(content.styles)) {
				const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
				fonts.set(font.name, { name: font.name, embedded: !font.missingFile });
			}
		}
		const text = pageTexts.join(' ');
		return {
			pages: doc.numPages,
			sizes,
			pageTexts,
			text,
			letters: text.replace(/ /g, ''),
			fonts: [...fonts.values()]
		};
	} finally {
		await doc.loadingTask.destroy();
	}
}

/** Draws one page with pdf.js on a canvas; returns the image's size and the share of its pixels that are not white. */
export async function rasterisePage(
	bytes: Uint8Array,
	pageNumber: number,
	scale = 1
): Promise<{ width: number; height: number; png: Uint8Array; ink: number }> {
	const png = new Uint8Array(
		await renderPageAsImage(new Uint8Array(bytes), pageNumber, {
			scale,
			canvasImport: () => import('@napi-rs/canvas')
		})
	);
	const image = await loadImage(png);
	const canvas = createCanvas(image.width, image.height);
	const ctx = canvas.getContext('2d');
	ctx.drawImage(image, 0, 0);
	const { data } = ctx.getImageData(0, 0, image.width, image.height);
	let inked = 0;
	// ink: a painted pixel clearly darker than white (pdf.js paints the page white first);
	// four bytes a pixel (red, green, blue, alpha), so i + 3 is within data
	for (let i = 0; i < data.length; i += 4)
		if (data[i + 3]! > 0 && Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) inked++;
	return {
		width: image.width,
		height: image.height,
		png,
		ink: inked / (image.width * image.height)
	};
}
