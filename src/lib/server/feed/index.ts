export { buildDocument, documentHash, FEED_FORMAT, type FeedDocument } from './document';
export { feedProblems, FEED_V1_SCHEMA } from './schema';
export {
	signature,
	signatureHeader,
	parseSignatureHeader,
	verifySignature,
	newSecret,
	SIGNATURE_HEADER,
	MAX_SKEW_SECONDS
} from './sign';
export { enqueueFeed, deliverJobs, deliver, sendAgain, RETRY_LIMIT } from './deliver';
export { receiveFeed, type ImportSummary } from './receive';
export * from './keys';
export { can, type FeedAction } from './permissions';
