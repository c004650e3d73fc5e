// Bar charts by Observable Plot, rendered on the server into inline SVG (jsdom stands in for the
// browser's document), so the pages keep their no-script CSP and no chart library is sent to the
// browser. Counts get whole-number ticks only; a missing figure (null) draws nothing and is listed
// in the figures table beside the chart.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { html, raw, type SafeHtml } from './html.ts';

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
let dom: JSDOM | undefined;

/** Tick values for a count axis from 0 to `max`: whole numbers only, about five of them. */
export function integerTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = Math.max(1, [1, 2, 5, 10].map((s) => s * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let t = 0; t <= max + step - 1 && ticks.length < 12; t += step) ticks.push(t);
  return ticks;
}

interface Datum { year: string; series: string; value: number }

/** The chart as a <figure> holding Plot's SVG. */
export function plotChart(spec: ChartSpec): SafeHtml {
  dom ??= new JSDOM('<!doctype html><html><body></body></html>');
  const data: Datum[] = spec.series.flatMap((s) => spec.categories.flatMap((year, i) => (s.values[i] === null ? [] : [{ year, series: s.label, value: s.values[i]! }])));
  const line: Datum[] = spec.line ? spec.categories.flatMap((year, i) => (spec.line!.values[i] === null ? [] : [{ year, series: spec.line!.label, value: spec.line!.values[i]! }])) : [];
  const stackTotals = spec.categories.map((year) => data.filter((d) => d.year === year).reduce((n, d) => n + d.value, 0));
  const max = Math.max(0, ...(spec.mode === 'stacked' ? stackTotals : data.map((d) => d.value)), ...line.map((d) => d.value));
  const ticks = integerTicks(max);
  const labels = [...spec.series.map((s) => s.label), ...(spec.line ? [spec.line.label] : [])];
  const color = { domain: labels, range: PALETTE, legend: false };
  const tip = (d: Datum) => `${d.year} · ${d.series}: ${d.value}`;
  const marks = spec.mode === 'stacked'
    ? [Plot.barY(data, { x: 'year', y: 'value', fill: 'series', title: tip }),
      ...(line.length ? [Plot.lineY(line, { x: 'year', y: 'value', stroke: '#222', strokeWidth: 2 }), Plot.dot(line, { x: 'year', y: 'value', fill: '#222', r: 4, title: tip })] : [])]
    : [Plot.barY(data, { fx: 'year', x: 'series', y: 'value', fill: 'series', title: tip })];
  const svg = Plot.plot({
    document: dom.window.document,
    width: 680, height: 300, marginLeft: 48, marginBottom: 36,
    x: spec.mode === 'stacked' ? { domain: spec.categories, label: null } : { axis: null, domain: spec.series.map((s) => s.label) },
    fx: spec.mode === 'grouped' ? { domain: spec.categories, label: null } : undefined,
    y: { domain: [0, ticks.at(-1)!], ticks, tickFormat: 'd', grid: true, label: null },
    color,
    marks: [...marks, Plot.ruleY([0])],
  }) as unknown as { outerHTML: string; setAttribute(name: string, value: string): void };
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', spec.title);
  // The page CSP allows no inline <style> or style="": Plot's few rules are in style.css instead.
  const markup = svg.outerHTML.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/ style="[^"]*"/g, '');
  const legend = labels.map((label, i) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${i < spec.series.length ? PALETTE[i % PALETTE.length] : '#222'}"></rect></svg> ${label}</li>`);
  return html`<figure class="chart"><figcaption>${spec.title}</figcaption>${raw(markup)}<ul class="chart-legend">${legend}</ul></figure>`;
}
