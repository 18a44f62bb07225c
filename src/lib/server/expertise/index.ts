export { can, canReviseQuestions, type ExpertiseAction, type ExpertiseScope } from './permissions';
export {
	scopeOf,
	list,
	create,
	updateDetails,
	get,
	saveChecklist,
	linkable,
	link,
	unlink,
	forActivity,
	type Act,
	type ActInput,
	type ActSummary,
	type ChecklistInput,
	type LinkedActivity
} from './acts';
export {
	currentSet,
	questionSet,
	versions,
	revise,
	type Question,
	type QuestionInput,
	type QuestionSet
} from './questions';
export { checklistDocDefinition, renderChecklistPdf, titleIn } from './pdf';
