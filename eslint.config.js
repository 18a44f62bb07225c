// ESLint as `sv` sets it up: the recommended rules of ESLint, typescript-eslint and
// eslint-plugin-svelte; formatting is prettier's (see .prettierrc), so no style rules here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'test-results/',
			'playwright-report/',
			'.data/',
			'project.inlang/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript (svelte-check) already reports undefined names, knowing the types ESLint does not
			'no-undef': 'off',
			// `_name` marks a value left out on purpose: `const { password: _, ...rest } = user`
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// links go through Paraglide's localizeHref and the app has no base path, so resolve() adds
			// nothing to an href; goto() and the history calls are still checked
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true }],
			// Svelte trims the whitespace that starts or ends a block, so a space or " · " that must
			// show between inline parts is written as a string ({' '}), as prettier-plugin-svelte does
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// no TypeScript program behind the rules (`projectService`): none of the recommended rules
			// needs one here (the app has no stores, and goto() without resolve() is reported either
			// way), and building it made `eslint .` take 2.1 GB and 35 s instead of 0.9 GB and 14 s;
			// svelte-check does the type checking
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
