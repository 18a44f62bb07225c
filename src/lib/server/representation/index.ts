export { can, type RepresentationAction, type RepresentationScope } from './permissions';
export {
	scopeOf,
	list,
	keneshPositions,
	create,
	update,
	remove,
	setKeneshPositions,
	checkBody,
	NAME_MAX,
	COUNT_MAX,
	type Body,
	type BodyInput,
	type CleanBody
} from './bodies';
export {
	summary,
	type Figures,
	type AreaFigures,
	type OblastFigures,
	type Summary
} from './aggregate';
export {
	template,
	check,
	pending,
	apply,
	COLUMNS,
	MAX_ROWS,
	type Change,
	type DryRun,
	type RowProblem
} from './import';
export { seedRepresentation, DEMO_REGISTRIES } from './demo';
