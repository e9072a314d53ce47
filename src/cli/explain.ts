/**
 * `relations explain PATH|URL|ARTICLE_ID`: the analyzer's trace of one article — sentences,
 * mentions, resolved dates, and why each cue became a development or not. Nothing is stored.
 */
import { existsSync } from "node:fs";
import { createAnalyzer, type AnalysisResult } from "../analyze/index.ts";
import type { AnalyzeInput } from "../analyze/analyze.ts";
import { findArticleIdByUrl, getArticle } from "../db/articles.repo.ts";
import { canonicalizeUrl } from "../ingest/canonical-url.ts";
import { createExtractPool } from "../ingest/extract-pool.ts";
import { readLocalArticle } from "../ingest/local-files.ts";
import { formatAtPrecision } from "../domain/types.ts";
import type { CliContext, CliRun } from "./context.ts";

async function loadInput(target: string, ctx: CliContext): Promise<AnalyzeInput & { label: string }> {
  if (/^\d+$/.test(target)) {
    const a = getArticle(ctx.db(), Number(target));
    if (!a) throw new Error(`explain: no article with id ${target}`);
    return { ...a, label: `article ${a.id} ${a.canonicalUrl}` };
  }
  if (/^https?:\/\//i.test(target)) {
    const canonical = canonicalizeUrl(target) ?? target;
    const id = findArticleIdByUrl(ctx.db(), canonical);
    if (id !== null) return loadInput(String(id), ctx);
    const res = await ctx.fetcher().fetch(target);
    if (res.status !== "ok") throw new Error(`explain: ${target} answered 304 with no body`);
    // a hostile page is refused here as in the ingest, not a hang (worker with a time limit)
    const pool = createExtractPool({ timeoutMs: ctx.config.EXTRACT_TIMEOUT_MS });
    const page = await pool.extract(res.text, res.url, { timeZone: ctx.config.OUTLET_TZ }).finally(() => pool.close());
    if (!page) throw new Error(`explain: no article found on ${res.url}`);
    return { title: page.title, text: page.text, captions: page.captions, language: page.language, publishedAt: page.published?.iso ?? null, publishedPrecision: page.published?.precision ?? null, label: res.url };
  }
  if (!existsSync(target)) throw new Error(`explain: no such file ${target}`);
  const pool = createExtractPool({ timeoutMs: ctx.config.EXTRACT_TIMEOUT_MS });
  const local = await readLocalArticle(target, {
    timeZone: ctx.config.OUTLET_TZ,
    maxBytes: ctx.config.FETCH_MAX_BYTES,
    extract: (html, url) => pool.extract(html, url, { timeZone: ctx.config.OUTLET_TZ }),
  }).finally(() => pool.close());
  if (!local.article) throw new Error(`explain: nothing usable in ${target}`);
  const a = local.article;
  return { title: a.title, text: a.text, captions: a.captions, language: a.language, publishedAt: a.published?.iso ?? null, publishedPrecision: a.published?.precision ?? null, label: local.url };
}

/** Renders a trace as text. */
export function renderTrace(label: string, r: AnalysisResult): string[] {
  const lines: string[] = [];
  lines.push(`article: ${label}`);
  lines.push(`language: ${r.lang}; published: ${r.published ? `${r.published.iso} (${r.published.precision}, ${r.published.source}${r.published.evidence ? `: ${r.published.evidence}` : ""})` : "unknown"}; reference date: ${r.reference ?? "none"}`);
  lines.push(`main pair: ${r.mainPair ? r.mainPair.join("–") : "none"}`);
  lines.push("", "sentences:");
  for (const s of r.trace.sentences) {
    lines.push(`  [${s.index}] (${s.part}) ${s.text}`);
    for (const m of s.mentions) lines.push(`      mention ${m.kind} "${m.text}" → ${m.country ?? "-"} (${m.via}${m.use ? `, ${m.use}` : ""}${m.role ? `, ${m.role}` : ""})`);
    for (const d of s.dates) lines.push(`      date "${d.text}" → ${formatAtPrecision(d.span.start, d.span.precision)}${d.span.end !== d.span.start && d.span.precision === "day" ? `..${d.span.end}` : ""} (${d.rule}${d.span.certain ? "" : ", implied"})`);
    for (const c of r.trace.decisions.filter((x) => x.sentence === s.index)) {
      lines.push(`      cue ${c.type} "${c.cue}": ${c.outcome} — ${c.reason}${c.pair ? ` [${c.pair.join("–")}${c.date ? ` ${c.date}` : ""}]` : ""}`);
    }
  }
  const later = r.trace.decisions.filter((x) => x.sentence < 0);
  if (later.length) {
    lines.push("", "merging and filtering:");
    for (const c of later) lines.push(`  ${c.type} ${c.pair?.join("–") ?? ""}: ${c.outcome} — ${c.reason}`);
  }
  lines.push("", `developments (${r.developments.length}):`);
  for (const d of r.developments) {
    const date = formatAtPrecision(d.date.start, d.date.precision);
    const end = formatAtPrecision(d.date.end, d.date.precision);
    lines.push(`  ${d.pair.join("–")} ${d.type} ${d.status} ${date}${end !== date ? `..${end}` : ""}${d.date.certain ? "" : " (implied)"} — ${d.summary}`);
    lines.push(`      evidence: ${d.evidence[0]?.sentence ?? ""}`);
    lines.push(`      rule: ${d.rule}; confidence ${d.confidence.toFixed(2)}`);
  }
  return lines;
}

export const run: CliRun = async (argv, ctx) => {
  const target = argv[0];
  if (!target || argv.length > 1) {
    ctx.err("explain: usage: relations explain PATH|URL|ARTICLE_ID");
    return 2;
  }
  const input = await loadInput(target, ctx);
  const result = createAnalyzer().analyze(input);
  for (const l of renderTrace(input.label, result)) ctx.out(l);
  return 0;
};
