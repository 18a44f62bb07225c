export { can, type HearingAction, type HearingScope } from './permissions';
export {
	announce,
	forPlan,
	proposals,
	manage,
	moderate,
	decide,
	record,
	hearingRef,
	publicHearings,
	selectProposals,
	counts,
	annex,
	besidePlan,
	type Hearing,
	type HearingInput,
	type Proposal,
	type DecisionInput,
	type RecordInput,
	type ProposalCounts,
	type AnnexHearing
} from './hearings';
export { propose, formToken, deleteOldThrottle, type ProposalInput } from './proposals';
export { seedHearingsDemo } from './demo';
