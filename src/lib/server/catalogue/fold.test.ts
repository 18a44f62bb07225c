import { describe, expect, it } from 'vitest';
import { asMeasureNumber, fold, queryWords } from './fold';

describe('search folding', () => {
	it('finds Kyrgyz words typed with Russian look-alike letters', () => {
		expect(fold('Өнүгүү')).toBe(fold('онугуу'));
		expect(fold('кеңеш')).toBe(fold('кенеш'));
		expect(fold('ЖӨБ')).toBe('жоб');
	});
	it('splits a query into folded words, dropping punctuation and one-letter words', () => {
		expect(queryWords('Кризистик борбор, ж.б.')).toEqual(['кризистик', 'борбор']);
		expect(queryWords('  ')).toEqual([]);
	});
	it('recognises a measure number', () => {
		expect(asMeasureNumber('1.1.3')).toBe('1.1.3');
		expect(asMeasureNumber('4.5.')).toBe('4.5');
		expect(asMeasureNumber('2019-жыл')).toBeNull();
	});
});
