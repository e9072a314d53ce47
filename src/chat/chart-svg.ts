/**
 * The activity chart as SVG (issue 13): one bar per period, stacked by type in canonical order,
 * a legend of the types present, the pair and the span in the title, the latest period marked.
 * Hand-built and small: bars sit on whole pixels with crisp edges and at least 2 px apart, so the
 * PNG shows each period with data as its own bar. Pure: series and strings in, text out.
 */
import type { EventType } from "../domain/types.ts";
import type { ActivitySeries } from "../services/activity.ts";
import type { ChartStrings } from "./chart-strings.ts";
import { typeLabel } from "./format.ts";

/** The chart's size in pixels. */
export const CHART_SIZE = { width: 960, height: 540 } as const;

/** The font the SVG names; the renderer loads its files (chart-png.ts). */
export const CHART_FONT = "Be Vietnam Pro";

/** One saturated colour per type (mostly Okabe–Ito, told apart with colour-blindness too); grey is kept for the axes. */
export const TYPE_COLORS: Record<EventType, string> = {
  visit: "#0072B2",
  talks: "#56B4E9",
  exercise: "#D55E00",
  patrol: "#E69F00",
  agreement: "#009E73",
  arms: "#CC79A7",
  training: "#B8A800",
  pledge: "#6A3D9A",
};

/** What the SVG says, already worded. */
export interface ChartText {
  title: string;
  subtitle: string;
}

/** Where the bars stand (tests and the PNG check read it). */
export const PLOT = { left: 64, right: CHART_SIZE.width - 24, top: 110, baseline: CHART_SIZE.height - 100 } as const;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A round step for about `parts` grid lines up to `max`: 1, 2, 5, 10, 20, 50, … */
function niceStep(max: number, parts: number): number {
  const raw = Math.max(1, max / parts);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** The period's label: "Q3 2024" or "2024". */
export function periodLabel(p: { year: number; quarter: number }, s: ChartStrings): string {
  return p.quarter ? s.quarter(p.quarter, p.year) : String(p.year);
}

/** Builds the SVG text of the chart. */
export function buildChartSvg(series: ActivitySeries, text: ChartText, s: ChartStrings): string {
  const { width: W, height: H } = CHART_SIZE;
  const { left, right, top, baseline } = PLOT;
  const plotH = baseline - top;
  const n = series.periods.length;
  const maxTotal = Math.max(...series.periods.map((p) => p.total));
  const step = niceStep(maxTotal, 4);
  const yMax = Math.ceil(maxTotal / step) * step;
  const k = plotH / yMax;
  const slot = (right - left) / n;
  let barW = Math.max(1, Math.min(48, Math.floor(slot * 0.7)));
  if (slot - barW < 2) barW = Math.max(1, Math.floor(slot) - 2);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${CHART_FONT}">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="40" font-size="22" font-weight="700" fill="#1d1c1d">${esc(text.title)}</text>`);
  out.push(`<text x="${left}" y="68" font-size="15" fill="#616061">${esc(text.subtitle)}</text>`);
  // grid and y axis labels
  for (let v = step; v <= yMax; v += step) {
    const y = Math.round(baseline - v * k) + 0.5;
    out.push(`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#e8e8e8" stroke-width="1"/>`);
    out.push(`<text x="${left - 8}" y="${y + 5}" font-size="13" fill="#616061" text-anchor="end">${v}</text>`);
  }
  out.push(`<text x="${left - 8}" y="${baseline + 5}" font-size="13" fill="#616061" text-anchor="end">0</text>`);
  // bars: each segment on whole pixels; a bar of a few developments is at least 3 px tall
  out.push(`<g shape-rendering="crispEdges">`);
  series.periods.forEach((p, i) => {
    if (p.total === 0) return;
    const x = left + Math.round(i * slot + (slot - barW) / 2);
    const kk = p.total * k < 3 ? 3 / p.total : k;
    let cum = 0;
    for (const t of series.types) {
      const c = p.counts[t] ?? 0;
      if (!c) continue;
      const y0 = baseline - Math.round(cum * kk);
      cum += c;
      const y1 = baseline - Math.round(cum * kk);
      if (y0 > y1) out.push(`<rect x="${x}" y="${y1}" width="${barW}" height="${y0 - y1}" fill="${TYPE_COLORS[t]}"/>`);
    }
  });
  out.push(`<line x1="${left}" x2="${right}" y1="${baseline + 0.5}" y2="${baseline + 0.5}" stroke="#1d1c1d" stroke-width="1"/>`);
  out.push(`</g>`);
  // the latest period: a marker over its bar, a dashed guide up its own column, and its label
  // above the plot, where no neighbouring bar can cover it
  const lp = series.periods[series.latest]!;
  const lx = left + Math.round(series.latest * slot + slot / 2);
  const ly = baseline - Math.max(3, Math.round(lp.total * k)) - 6;
  out.push(`<path d="M${lx - 6} ${ly - 10} L${lx + 6} ${ly - 10} L${lx} ${ly} Z" fill="#1d1c1d"/>`);
  if (ly - 10 > top) out.push(`<line x1="${lx + 0.5}" x2="${lx + 0.5}" y1="${top - 4}" y2="${ly - 10}" stroke="#1d1c1d" stroke-width="1" stroke-dasharray="3 3"/>`);
  const anchor = lx > right - 80 ? "end" : lx < left + 80 ? "start" : "middle";
  out.push(`<text x="${lx + (anchor === "end" ? 6 : anchor === "start" ? -6 : 0)}" y="${Math.min(top - 10, ly - 18)}" font-size="13" font-weight="700" fill="#1d1c1d" text-anchor="${anchor}">${esc(`${s.latest}: ${periodLabel(lp, s)} (${lp.total})`)}</text>`);
  // x labels: with room, each quarter ("Q3") and its year under the year's first quarter; else the
  // year under its first quarter, or every few years, so that labels never overlap
  const quarters = series.unit === "quarter" && slot >= 36;
  const every = Math.max(1, Math.ceil(44 / slot));
  series.periods.forEach((p, i) => {
    const mid = left + Math.round(i * slot + slot / 2);
    if (quarters) out.push(`<text x="${mid}" y="${baseline + 20}" font-size="12" fill="#616061" text-anchor="middle">${esc(s.quarterShort(p.quarter))}</text>`);
    const show = series.unit === "quarter" ? p.quarter === 1 || i === 0 : (p.year - series.periods[0]!.year) % every === 0;
    if (!show) return;
    const x = series.unit === "quarter" && !quarters ? left + Math.round(i * slot) : mid;
    const anchor = series.unit === "quarter" && !quarters ? "start" : "middle";
    out.push(`<text x="${x}" y="${baseline + (quarters ? 38 : 22)}" font-size="13" fill="#616061" text-anchor="${anchor}">${p.year}</text>`);
  });
  // legend
  let lxPos = left;
  const legendY = H - 20;
  for (const t of series.types) {
    const label = typeLabel(t, undefined, s.lang);
    out.push(`<rect x="${lxPos}" y="${legendY - 12}" width="14" height="14" fill="${TYPE_COLORS[t]}"/>`);
    out.push(`<text x="${lxPos + 20}" y="${legendY}" font-size="14" fill="#1d1c1d">${esc(label)}</text>`);
    lxPos += 20 + label.length * 8 + 24;
  }
  out.push(`</svg>`);
  return out.join("\n");
}
