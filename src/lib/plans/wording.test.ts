import { describe, expect, it } from 'vitest';
import { fallbackNote, markedWording, wordingIn, wordingOf } from './wording';

describe('wordingIn', () => {
	it('a page or document in a language shows that language’s wording when there is one', () => {
		const both = { ky: 'Аялдар үчүн окутуу', ru: 'Обучение для женщин' };
		expect(wordingIn(both, 'ky')).toEqual({
			text: 'Аялдар үчүн окутуу',
			lang: 'ky',
			fallback: false
		});
		expect(wordingIn(both, 'ru')).toEqual({
			text: 'Обучение для женщин',
			lang: 'ru',
			fallback: false
		});
	});

	it('a wording only in the other language is shown and flagged as a fallback', () => {
		expect(wordingIn({ ky: 'Аялдар үчүн окутуу', ru: '' }, 'ru')).toEqual({
			text: 'Аялдар үчүн окутуу',
			lang: 'ky',
			fallback: true
		});
		expect(wordingIn({ ky: '  ', ru: 'Обучение' }, 'ky')).toEqual({
			text: 'Обучение',
			lang: 'ru',
			fallback: true
		});
	});

	it('a snapshot approved before Russian wordings existed reads as Kyrgyz only', () => {
		const old = { title: 'Аялдар үчүн окутуу' } as { title: string; titleRu?: string };
		expect(wordingIn(wordingOf(old), 'ru')).toEqual({
			text: 'Аялдар үчүн окутуу',
			lang: 'ky',
			fallback: true
		});
		expect(wordingIn({ ky: null, ru: undefined }, 'ky')).toEqual({
			text: '',
			lang: 'ky',
			fallback: false
		});
	});

	it('English reads the Kyrgyz wording, the plan’s base language, first, then the Russian one', () => {
		expect(wordingIn({ ky: 'Окутуу', ru: 'Обучение' }, 'en')).toEqual({
			text: 'Окутуу',
			lang: 'ky',
			fallback: false
		});
		expect(wordingIn({ ky: '', ru: 'Обучение' }, 'en')).toEqual({
			text: 'Обучение',
			lang: 'ru',
			fallback: true
		});
	});

	it('a document marks a text that exists only in the other language, in its own language', () => {
		expect(markedWording({ ky: 'Окутуу', ru: '' }, 'ru')).toBe('[кырг.] Окутуу');
		expect(markedWording({ ky: '', ru: 'Обучение' }, 'ky')).toBe('[орус.] Обучение');
		expect(markedWording({ ky: 'Окутуу', ru: 'Обучение' }, 'ru')).toBe('Обучение');
		expect(fallbackNote('ky', 'ru')).toBe('[кырг.] — этот текст есть только на кыргызском языке');
		expect(fallbackNote('ru', 'ky')).toBe('[орус.] — бул текст орус тилинде гана бар');
	});
});
