import { describe, expect, it } from 'vitest';
import { asMeasureNumber, fold, foldChars, queryWords, synonymsOf } from './fold';

describe('search folding', () => {
	it('finds Kyrgyz words typed with Russian look-alike letters', () => {
		expect(fold('Өнүгүү')).toBe(fold('онугуу'));
		expect(fold('кеңеш')).toBe(fold('кенеш'));
		expect(fold('ЖӨБ')).toBe('жоб');
	});
	it('reads Latin letters that look like Cyrillic ones as Cyrillic, so "CСМ" printed with a Latin C is "ССМ"', () => {
		expect(fold('CСМ')).toBe(fold('ССМ'));
		expect(fold('насилиe')).toBe(fold('насилие'));
		expect(fold('KOOMДУК')).toBe(fold('КООМДУК'));
	});
	it('keeps one character for one, so a highlight on the folded text fits the original', () => {
		const text = 'Кеңеш  CСМ\tӨнүгүү, ёлка';
		expect(Array.from(foldChars(text))).toHaveLength(Array.from(text).length);
	});
	it('"домашнее" also looks for "семейное", the word the plans and the law use', () => {
		expect(synonymsOf('домашнее')).toEqual(['семейн']);
		expect(synonymsOf('насилие')).toEqual([]);
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
