import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import schema from './feed-v1.schema.json' with { type: 'json' };

export { schema as FEED_V1_SCHEMA };

const ajv = new Ajv({ allErrors: true, strict: true });
// a CommonJS module: its default export is the function, or carries it as `default` under some loaders
const withFormats =
	(addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
withFormats(ajv);
const validate = ajv.compile(schema);

/** The reasons a document is not an `aiyl-plan/feed@1`, as `path: message`; empty when it is one. */
export function feedProblems(document: unknown): string[] {
	if (validate(document)) return [];
	return (validate.errors ?? []).map(
		(e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`
	);
}
