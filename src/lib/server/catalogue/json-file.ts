/**
 * Reading an uploaded JSON plan file (data/FORMAT.md): its syntax, then its shape with valibot, so
 * that no field of an unexpected type reaches the code that converts it. The values themselves
 * (kinds, roles, deadlines, registries) are checked afterwards, row by row, like a table's.
 */
import * as v from 'valibot';
import { BODY_KINDS, type PlanFile } from './plan-file';

export interface JsonProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

const text = v.nullish(v.string());
const texts = v.nullish(v.object({ ky: text, ru: text, en: text }));
const strings = v.nullish(v.array(v.string()));
const year = v.pipe(v.number(), v.integer());

const measure = v.object({
	id: v.string(),
	number: text,
	text: v.object({
		ky: text,
		ru: text,
		ruUnofficial: v.nullish(v.boolean()),
		kyUnofficial: v.nullish(v.boolean())
	}),
	baseline: texts,
	indicators: v.nullish(v.array(v.object({ ky: text, ru: text, en: text }))),
	deadline: v.nullish(
		v.object({
			raw: text,
			kind: text,
			from: v.nullish(v.number()),
			to: v.nullish(v.number()),
			half: v.nullish(v.number()),
			quarter: v.nullish(v.number()),
			every: text,
			checkpoints: strings
		})
	),
	expectedResult: texts,
	bodies: v.nullish(v.array(v.object({ code: v.string(), role: v.string() }))),
	bodiesRaw: text,
	funding: strings,
	fundingRaw: text,
	level: text,
	tags: strings,
	uncertain: v.nullish(v.boolean()),
	uncertainNote: text,
	duplicateOf: text,
	duplicateNote: text,
	source: v.nullish(v.object({ file: text, line: v.nullish(v.number()) }))
});

const node = <T extends v.GenericSchema>(children: string, child: T) =>
	v.object({ id: v.string(), number: text, title: texts, [children]: v.array(child) });

const PLAN_SCHEMA = v.object({
	format: text,
	plan: v.object({
		key: v.string(),
		kind: v.string(),
		title: v.object({ ky: text, ru: text, en: text }),
		periodStart: year,
		periodEnd: year,
		act: v.nullish(v.object({ type: text, number: text, date: text, url: text, title: texts })),
		status: v.string(),
		complete: v.nullish(v.boolean()),
		note: texts,
		replaces: text,
		source: v.nullish(v.object({ file: text }))
	}),
	bodies: v.nullish(
		v.array(
			v.object({
				code: v.pipe(v.string(), v.regex(/^[A-Z0-9_]+$/)),
				abbr: text,
				variants: strings,
				name: v.object({ ky: v.pipe(v.string(), v.nonEmpty()), ru: text, en: text }),
				kind: v.picklist(BODY_KINDS),
				level: v.picklist(['national', 'local']),
				definedInPlan: v.nullish(v.boolean())
			})
		)
	),
	fundingSources: v.nullish(
		v.array(
			v.object({
				code: v.pipe(v.string(), v.nonEmpty()),
				name: v.object({ ky: v.pipe(v.string(), v.nonEmpty()), ru: text, en: text })
			})
		)
	),
	chapters: v.array(node('goals', node('tasks', node('measures', measure))))
});

/** The line in a JSON text where a string is first written, so problems point somewhere (0 when it is not found). */
export function jsonLineOf(source: string, value: string): number {
	const at = source.indexOf(JSON.stringify(value));
	return at < 0 ? 0 : source.slice(0, at).split('\n').length;
}

/** The line of the deepest object on an issue's path that has an id or a code. */
function issueLine(
	source: string,
	root: unknown,
	path: readonly { key: unknown }[] | undefined
): number {
	let line = 1;
	let at: unknown = root;
	for (const step of path ?? []) {
		if (!at || typeof at !== 'object') break;
		at = (at as Record<string, unknown>)[String(step.key)];
		const named =
			at && typeof at === 'object'
				? ((at as { id?: unknown }).id ?? (at as { code?: unknown }).code)
				: undefined;
		if (typeof named === 'string' && named !== '') line = jsonLineOf(source, named) || line;
	}
	return line;
}

const MAX_SHAPE_PROBLEMS = 50;

/** Parses and shape-checks a JSON plan file; `file` is null when there is any problem. */
export function readPlanJson(source: string): { file: PlanFile | null; problems: JsonProblem[] } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(source);
	} catch (e) {
		const at = /position (\d+)/.exec(String(e))?.[1];
		const line = /line (\d+)/.exec(String(e))?.[1];
		return {
			file: null,
			problems: [
				{
					line: line ? Number(line) : at ? source.slice(0, Number(at)).split('\n').length : 1,
					code: 'import_json_syntax'
				}
			]
		};
	}
	if (
		!parsed ||
		typeof parsed !== 'object' ||
		Array.isArray(parsed) ||
		!('plan' in parsed) ||
		!('chapters' in parsed)
	) {
		return { file: null, problems: [{ line: 1, code: 'import_json_shape' }] };
	}
	const result = v.safeParse(PLAN_SCHEMA, parsed);
	if (result.success) return { file: parsed as PlanFile, problems: [] };
	const problems: JsonProblem[] = [];
	for (const issue of result.issues.slice(0, MAX_SHAPE_PROBLEMS)) {
		const path = v.getDotPath(issue) ?? '';
		const line = issueLine(source, parsed, issue.path);
		if (path.startsWith('bodies.')) {
			const body = (parsed as { bodies?: { code?: unknown }[] }).bodies?.[
				Number(path.split('.')[1])
			];
			problems.push({
				line,
				code: 'import_json_body',
				params: { value: String(body?.code ?? '') }
			});
		} else problems.push({ line, code: 'import_json_field', params: { field: path } });
	}
	return { file: null, problems };
}
