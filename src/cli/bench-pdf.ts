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
import {
	renderPlanPdf,
	type PlanDocumentInput,
	type PlanPdfLang
} from '../lib/server/documents/plan-pdf';
import { largePlanView } from '../lib/server/plans/sample-plan';

const ACTIVITIES = 200;
const MiB = 1024 * 1024;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

async function main() {
	const outIndex = process.argv.indexOf('--out');
	const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
	if (out) mkdirSync(out, { recursive: true });
	const input: PlanDocumentInput = {
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

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
