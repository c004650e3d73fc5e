// Small labels several pages share: a report's check status and a check's blame.
import { html, type SafeHtml } from '../html.ts';

/** Pass / n failing / no figures / legacy, from a report's counters. */
export function checksBadge(report: { checksFailed: number; fieldsFilled: number; template: string | null }): SafeHtml {
  if (report.template === 'legacy') return html`<span class="badge neutral">legacy · text only</span>`;
  if (report.fieldsFilled === 0) return html`<span class="badge warn">no figures</span>`;
  return report.checksFailed > 0
    ? html`<span class="badge fail">${report.checksFailed} failing</span>`
    : html`<span class="badge ok">pass</span>`;
}

/** Who a failing check points at, in words a reader can act on. */
export function blameText(blame: string | undefined): string {
  if (blame === 'source') return 'the source is inconsistent: the figures as printed disagree';
  if (blame === 'parse') return 'the parse is doubtful: cells missing, misplaced or read with doubt — check the original';
  return 'not attributed';
}
