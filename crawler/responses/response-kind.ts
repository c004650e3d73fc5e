// What a response means for the crawl, decided from status, final URL and body before any handler
// treats it as content.
import { recogniseChallenge, type ChallengeKind } from './challenge.ts';

/** The crawl's reading of one response. */
export type ResponseKind =
  | { kind: 'content' }
  | { kind: 'not-modified' }
  | { kind: 'challenge'; challenge: ChallengeKind }
  | { kind: 'retry'; reason: string }
  | { kind: 'failed'; reason: string };

/** Classifies a response: content to handle, 304, a challenge, a transient error to retry, or a failure. */
export function classifyResponse(status: number, url: string, bodyText: string, headers: Record<string, string | string[] | undefined> = {}): ResponseKind {
  if (status === 304) return { kind: 'not-modified' };
  const challenge = recogniseChallenge({ status, url, bodyText, headers });
  if (challenge) return { kind: 'challenge', challenge };
  if (status === 429 || (status >= 500 && status <= 599)) return { kind: 'retry', reason: `http-${status}` };
  if (status === 403 || status === 401) return { kind: 'failed', reason: `http-${status}` };
  if (status >= 400) return { kind: 'failed', reason: `http-${status}` };
  if (status >= 300) return { kind: 'failed', reason: `redirect-${status}` };
  return { kind: 'content' };
}
