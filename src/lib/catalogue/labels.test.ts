import { describe, expect, it } from 'vitest';
import { bodyLabel, bodyOptions } from './labels';

const health = {
	code: 'MOH',
	abbr: 'ССМ',
	nameKy: 'Кыргыз Республикасынын Саламаттык сактоо министрлиги',
	nameRu: 'Министерство здравоохранения Кыргызской Республики',
	nameEn: 'Ministry of Health of the Kyrgyz Republic'
};
const lsa = {
	code: 'LSA',
	abbr: 'ЖМА',
	nameKy: 'жергиликтүү мамлекеттик администрациялар',
	nameRu: 'местные государственные администрации',
	nameEn: null
};

describe('responsible bodies in a filter', () => {
	it('Russian and English pages name the body in their language, not by its Kyrgyz abbreviation', () => {
		expect(bodyLabel(health, 'ru')).toBe('Министерство здравоохранения');
		expect(bodyLabel(health, 'en')).toBe('Ministry of Health');
		expect(bodyLabel(lsa, 'en')).toBe('Местные государственные администрации');
	});
	it("Kyrgyz pages keep the plan's abbreviation before the name", () => {
		expect(bodyLabel(health, 'ky')).toBe('ССМ — Саламаттык сактоо министрлиги');
	});
	it('are in the alphabetical order of the label', () => {
		expect(bodyOptions([health, lsa], 'ru').map((b) => b.code)).toEqual(['LSA', 'MOH']);
	});
});
