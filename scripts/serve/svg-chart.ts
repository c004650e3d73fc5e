// Bar charts drawn on the server as inline SVG (no script needed): stacked bars with an optional
// line for a total, or grouped bars. Values are escaped like any other text; a missing figure
// (null) draws nothing and is said so in the tooltip.
import { html, type SafeHtml } from './html.ts';

/** One named series of values, one per category (year). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

/** A chart: categories along x, series stacked or grouped, an optional line series on top. */
export interface ChartSpec {
  title: string;
  categories: string[];
  series: ChartSeries[];
  line?: ChartSeries;
  mode: 'stacked' | 'grouped';
}

const PALETTE = ['#2f6fb0', '#7fb2e5', '#d9822b', '#c23b22', '#8e6bb8', '#6a9955', '#999999', '#444444'];
const WIDTH = 680;
const HEIGHT = 300;
const MARGIN = { top: 20, right: 16, bottom: 36, left: 48 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value / 1) ?? 10;
  return step * magnitude;
}

function maxValue(spec: ChartSpec): number {
  const perCategory = spec.categories.map((_, i) => {
    const values = spec.series.map((s) => s.values[i] ?? 0);
    return spec.mode === 'stacked' ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
  });
  const line = spec.line ? spec.line.values.map((v) => v ?? 0) : [];
  return Math.max(0, ...perCategory, ...line);
}

function format(value: number | null): string {
  return value === null ? 'not stated' : String(Math.round(value * 10000) / 10000);
}

/** The chart as an inline SVG element with a legend. */
export function barChart(spec: ChartSpec): SafeHtml {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = niceMax(maxValue(spec));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const band = plotWidth / Math.max(1, spec.categories.length);
  const barWidth = band * 0.6;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const axis = ticks.map((t) => html`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>
<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${format(t)}</text>`);
  const bars = spec.categories.map((category, i) => {
    const x0 = MARGIN.left + band * i + (band - barWidth) / 2;
    let stack = 0;
    const rects = spec.series.map((s, k) => {
      const value = s.values[i];
      const tip = html`<title>${category} · ${s.label}: ${format(value)}</title>`;
      if (value === null || value <= 0) return html`<g>${tip}</g>`;
      if (spec.mode === 'stacked') {
        const rect = html`<rect x="${x0}" y="${y(stack + value)}" width="${barWidth}" height="${y(stack) - y(stack + value)}" fill="${PALETTE[k % PALETTE.length]}">${tip}</rect>`;
        stack += value;
        return rect;
      }
      const w = barWidth / spec.series.length;
      return html`<rect x="${x0 + w * k}" y="${y(value)}" width="${w}" height="${y(0) - y(value)}" fill="${PALETTE[k % PALETTE.length]}">${tip}</rect>`;
    });
    return html`<g class="category">${rects}<text x="${x0 + barWidth / 2}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="12">${category}</text></g>`;
  });
  const line = spec.line ? lineSeries(spec.line, spec.categories, (i) => MARGIN.left + band * i + band / 2, y) : html``;
  const legendItems = [...spec.series.map((s, k) => [s.label, PALETTE[k % PALETTE.length]] as const), ...(spec.line ? [[`${spec.line.label} (line)`, '#111'] as const] : [])];
  return html`<figure class="chart"><figcaption>${spec.title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${spec.title}">
${axis}${bars}${line}</svg>
<ul class="chart-legend">${legendItems.map(([label, color]) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${color}"/></svg> ${label}</li>`)}</ul></figure>`;
}

function lineSeries(series: ChartSeries, categories: string[], x: (i: number) => number, y: (v: number) => number): SafeHtml {
  const points = series.values.map((v, i) => (v === null ? null : [x(i), y(v), v, categories[i]] as const)).filter((p) => p !== null);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
  return html`<g class="line"><path d="${path}" fill="none" stroke="#111" stroke-width="2"/>${points.map((p) =>
    html`<circle cx="${p[0]}" cy="${p[1]}" r="4" fill="#111"><title>${p[3]} · ${series.label}: ${format(p[2])}</title></circle>`)}</g>`;
}
