/** The kenesh review of a local plan, one module per step. */
export { can, type ReviewAction } from './permissions';
export * as notifications from './notifications';
export { submissionProblems, submit, type Problem } from './submission';
export {
	recordSession,
	approvalInfo,
	quorumFor,
	sessionPage,
	type SessionInput,
	type ApprovalInfo
} from './session';
export { startRevision, revisionDiff } from './revision';
export { addComment, comments, type Comment } from './comments';
export { proposeAmendment, decideAmendment, amendments, type Amendment } from './amendments';
