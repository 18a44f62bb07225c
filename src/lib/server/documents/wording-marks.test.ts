import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import { planToCsv } from '../plans/export';
import { a1, a2, sampleView } from '../plans/sample-plan';
import type { PlanView } from '../plans/types';
import { planDocDefinition, type PlanDocumentInput } from './plan-pdf';

// a1 has both wordings; a2 is worded only in Kyrgyz, and a1's copy below only in Russian
const view: PlanView = {
	...sampleView,
	sections: sampleView.sections.map((s) => ({
		...s,
		activities: s.activities.map((a) =>
			a.id === a2.id ? { ...a, titleRu: '' } : a.id === a1.id ? { ...a, title: '' } : a
		)
	}))
};

const input: PlanDocumentInput = {
	view,
	municipality: {
		nameKy: 'Ак-Турпак',
		nameRu: 'Ак-Турпак',
		rayonKy: 'Кадамжай',
		rayonRu: 'Кадамжай',
		oblastKy: 'Баткен',
		oblastRu: 'Баткен'
	},
	profile: { headName: '', keneshChairName: '' },
	approval: null,
	draft: true
};

/** Every text of a pdfmake definition, in order. */
const texts = (node: unknown): string[] =>
	typeof node === 'string'
		? [node]
		: Array.isArray(node)
			? node.flatMap(texts)
			: node && typeof node === 'object'
				? Object.values(node).flatMap(texts)
				: [];

describe('documents in both languages', () => {
	it('each PDF shows the wording in its language and marks one that exists only in the other', () => {
		const ru = texts(planDocDefinition(input, 'ru').content);
		expect(ru).toContain(`[кырг.] ${a2.title}`);
		expect(ru).toContain(a1.titleRu);
		const ky = texts(planDocDefinition(input, 'ky').content);
		expect(ky).toContain(`[орус.] ${a1.titleRu}`);
		expect(ky).toContain(a2.title);
	});

	it('the CSV export does the same', () => {
		const cells = (lang: 'ky' | 'ru') =>
			parseCsv(planToCsv(view, lang)).rows.flatMap((r) => r.cells);
		expect(cells('ru')).toContain(`[кырг.] ${a2.title}`);
		expect(cells('ky')).toContain(`[орус.] ${a1.titleRu}`);
	});
});
