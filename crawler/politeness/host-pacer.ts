// Per-host politeness outside Crawlee (which has no per-host limits and ignores Crawl-delay): a
// minimum gap between request starts on one host, widened by back-off after 429/5xx and narrowed
// again, halving per good answer, back to the host's own gap (the base delay or its Crawl-delay).

/** Spaces request starts per host; `waitTurn` resolves when this host may be called again. */
export class HostPacer {
  private nextStartMs = new Map<string, number>();
  /** When each host's last request really started (its turn came), whatever was booked. */
  private lastStartMs = new Map<string, number>();
  private delayMs = new Map<string, number>();
  /** A host's own gap (Crawl-delay), the floor its back-off decays to. */
  private hostBaseMs = new Map<string, number>();

  constructor(private baseDelayMs: number, private maxBackoffMs: number) {}

  /** Sets a host's own gap (robots.txt Crawl-delay), never below the base delay. */
  setHostDelay(host: string, delayMs: number): void {
    const before = this.delayFor(host);
    const after = Math.max(this.baseDelayMs, delayMs);
    this.hostBaseMs.set(host, after);
    this.delayMs.set(host, Math.max(after, this.delayMs.get(host) ?? 0));
    // The robots.txt request itself was booked with the old gap: the next start moves out by the
    // difference, or the first page after robots.txt would come too early.
    const booked = this.nextStartMs.get(host);
    if (booked !== undefined && after > before) this.nextStartMs.set(host, booked + after - before);
  }

  /** The gap a host returns to once it answers well again. */
  baseDelayFor(host: string): number {
    return this.hostBaseMs.get(host) ?? this.baseDelayMs;
  }

  /** After a good answer: a backed-off gap halves, never below the host's own gap. */
  recover(host: string): void {
    const current = this.delayMs.get(host);
    if (current === undefined) return;
    const base = this.baseDelayFor(host);
    if (current <= base) return;
    const next = current / 2 < base + 1 ? base : current / 2;
    if (next === base && !this.hostBaseMs.has(host)) this.delayMs.delete(host);
    else this.delayMs.set(host, next);
  }

  /** The gap currently applied to a host. */
  delayFor(host: string): number {
    return this.delayMs.get(host) ?? this.baseDelayMs;
  }

  /**
   * Waits until the host's next start time and books the one after it. Booked times alone are not
   * enough: an event loop blocked past two bookings (a long page analysis on a loaded machine)
   * fires both timers in one tick, so a turn also waits until one gap has passed since the host's
   * last real start.
   */
  async waitTurn(host: string): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextStartMs.get(host) ?? 0);
    this.nextStartMs.set(host, start + this.delayFor(host));
    if (start > now) await sleep(start - now);
    for (let early = this.tooEarlyBy(host); early > 0; early = this.tooEarlyBy(host)) await sleep(early);
    this.lastStartMs.set(host, Date.now());
  }

  /** How much sooner than one gap after the host's last real start it is now (0 when it may go). */
  private tooEarlyBy(host: string): number {
    const last = this.lastStartMs.get(host);
    return last === undefined ? 0 : Math.max(0, last + this.delayFor(host) - Date.now());
  }

  /**
   * After a response: the next start on this host is at least one gap after now, so a slow first
   * response (connection set-up) cannot squeeze two requests together.
   */
  markDone(host: string): void {
    this.nextStartMs.set(host, Math.max(this.nextStartMs.get(host) ?? 0, Date.now() + this.delayFor(host)));
  }

  /** After a 429/5xx: double the host's gap (or honour Retry-After), up to the cap. */
  backOff(host: string, retryAfterSecs?: number): void {
    const current = Math.max(this.delayFor(host), 250);
    const wanted = retryAfterSecs !== undefined ? retryAfterSecs * 1000 : current * 2;
    const next = Math.min(this.maxBackoffMs, Math.max(current, wanted));
    this.delayMs.set(host, next);
    this.nextStartMs.set(host, Date.now() + next);
  }
}

/** Seconds in a Retry-After header (delta seconds or an HTTP date), if any. */
export function retryAfterSecs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
