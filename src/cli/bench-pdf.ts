/**
 * `npx tsx src/cli/bench-pdf.ts [--out DIR]`: how long the plan PDF of a 200-activity plan takes to
 * render, in Kyrgyz and in Russian, and the peak memory of the process while it does. No database:
 * the plan is built in memory. With --out the two PDFs are written to DIR to look at.
 *
 * pdfmake lays the document out synchronously, so the 5 ms sampler cannot run during the layout
 * itself; the process's own high-water mark (getrusage maxRSS) is printed beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pdfmakeModule from 'pdfmake';
import type { ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
	planDocDefinition,
	renderPlanPdf,
	type PlanDocumentInput,
	type PlanPdfLang
} from '../lib/server/documents/plan-pdf';
import { largePlanView } from '../lib/server/plans/sample-plan';

const ACTIVITIES = 200;
const MiB = 1024 * 1024;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function sampleInput(): PlanDocumentInput {
	return {
		view: largePlanView(ACTIVITIES),
		municipality: {
			nameKy: 'Ак-Турпак',
			nameRu: 'Ак-Турпак',
			rayonKy: 'Кадамжай',
			rayonRu: 'Кадамжай',
			oblastKy: 'Баткен',
			oblastRu: 'Баткен'
		},
		profile: { headName: 'Төлөнбаев Нурлан', keneshChairName: 'Сүйүнбаева Айгүл' },
		approval: null,
		draft: true
	};
}

type PdfMake = typeof import('pdfmake');
const pdfmake: PdfMake = ((pdfmakeModule as unknown as { default?: PdfMake }).default ??
	pdfmakeModule) as PdfMake;

/**
 * The plan PDF against bare pdfmake laying out the same action table (same cells, widths and fonts;
 * no title page, summary, chart, grid layout, watermark or page footer): medians of five alternate
 * runs (of three, it read 1.02 in one bench and 1.40 in the next with the renderer unchanged).
 */
export async function pdfComparison(runs = 5): Promise<{ appMs: number; bareMs: number }> {
	const input = sampleInput();
	const full = planDocDefinition(input, 'ky');
	const section = (full.content as { section?: unknown[] }[])[1]!.section as ContentTable[];
	const table = section[1]!;
	const bare: TDocumentDefinitions = {
		pageSize: 'A4',
		pageOrientation: 'landscape',
		pageMargins: full.pageMargins,
		defaultStyle: full.defaultStyle,
		content: [
			{
				table: { headerRows: 1, widths: table.table.widths, body: table.table.body },
				fontSize: table.fontSize
			}
		]
	};
	await renderPlanPdf(input, 'ky'); // fonts and code warm
	const app: number[] = [];
	const plain: number[] = [];
	for (let i = 0; i < runs; i++) {
		let t = performance.now();
		await renderPlanPdf(input, 'ky');
		app.push(performance.now() - t);
		t = performance.now();
		await pdfmake.createPdf(bare).getBuffer();
		plain.push(performance.now() - t);
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	return { appMs: median(app), bareMs: median(plain) };
}

async function main() {
	const outIndex = process.argv.indexOf('--out');
	const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
	if (out) mkdirSync(out, { recursive: true });
	const input = sampleInput();
	const timer = setInterval(sample, 5);
	try {
		for (const lang of ['ky', 'ru'] as PlanPdfLang[]) {
			peakRss = 0;
			sample();
			const t = performance.now();
			const pdf = await renderPlanPdf(input, lang);
			const ms = performance.now() - t;
			sample();
			const maxRss = process.resourceUsage().maxRSS * 1024;
			console.log(
				`PDF ${ACTIVITIES} activities (${lang}): ${ms.toFixed(0)} ms, peak RSS ${(peakRss / MiB).toFixed(0)} MiB ` +
					`(process high-water mark ${(maxRss / MiB).toFixed(0)} MiB), ${(pdf.length / 1024).toFixed(0)} KiB`
			);
			if (out) writeFileSync(join(out, `plan-${ACTIVITIES}-${lang}.pdf`), pdf);
		}
	} finally {
		clearInterval(timer);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
