// Recognises anti-bot challenges (瑞数 412 `$_ts`, 加速乐 521 `__jsl_clearance`, WZWS redirects):
// the crawler never stores these as reports and never tries to defeat them; it flags the portal.

/** What kind of defence answered instead of the page. */
export type ChallengeKind = 'rs-412' | 'jsl-521' | 'wzws' | 'captcha' | 'forbidden';

/** What the crawler saw: status, final URL and the start of the body as text. */
export interface ResponseSample {
  status: number;
  url: string;
  bodyText: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** The challenge this response is, or null for an ordinary response. */
export function recogniseChallenge(sample: ResponseSample): ChallengeKind | null {
  const body = sample.bodyText.slice(0, 20000);
  if (/WZWSREL|wzwschallenge|wzwsconfirm|wzwsquestion/i.test(sample.url + body)) return 'wzws';
  if (sample.status === 412 || /\$_ts\s*=|\$_ts\.|_\$ts/.test(body)) {
    if (sample.status === 412 || /\$_ts\s*=/.test(body)) return 'rs-412';
  }
  if (sample.status === 521 || /__jsl_clearance|jsl_clearance_s/.test(body)) return 'jsl-521';
  const cookie = String(sample.headers?.['set-cookie'] ?? '');
  if (/__jsluid|__jsl_clearance/.test(cookie) && sample.status >= 400) return 'jsl-521';
  if (/(安全验证|滑动验证|请输入验证码|人机验证)/.test(body) && body.length < 8000) return 'captcha';
  return null;
}

/** What the portal gets flagged as when a challenge answers: blocked, or reachable only with a browser. */
export function flagForChallenge(kind: ChallengeKind): 'blocked' | 'needs_browser' {
  return kind === 'forbidden' || kind === 'captcha' ? 'blocked' : 'needs_browser';
}
