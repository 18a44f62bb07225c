import { summaryDownload } from '$lib/server/summaries/respond';
import type { RequestHandler } from './$types';

/** The one-page summary (PDF for the stand, PNG for messengers) in Kyrgyz or Russian, for anyone. */
export const GET: RequestHandler = (event) => summaryDownload(event);
