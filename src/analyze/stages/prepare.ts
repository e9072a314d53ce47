/**
 * Stage 1, prepare: language, one analysis text (title, body, captions) cut into sentences, and
 * the publication date — given, or inferred from the text and marked so.
 */
import type { DatePrecision } from "../../domain/types.ts";
import { detectLanguage } from "../language.ts";
import { enLexicon, enRules } from "../lang/en/index.ts";
import { viLexicon, viRules } from "../lang/vi/index.ts";
import type { Lexicon } from "../lexicon.ts";
import { CREDIT_BRACKET, splitSentences, type Sentence } from "../sentences.ts";
import type { AnalysisResult } from "../types.ts";
import { refDay, test, type AnalyzeInput, type AnalyzerDeps, type Ctx } from "./context.ts";

export function prepare(input: AnalyzeInput, deps: AnalyzerDeps): Ctx {
  const title = input.title.normalize("NFC").trim();
  const captions = (input.captions ?? []).map((c) => c.normalize("NFC").trim()).filter(Boolean);
  const lang = input.language === "vi" || input.language === "en" ? input.language : detectLanguage(`${title}\n${input.text}`);
  const lex = lang === "vi" ? viLexicon : enLexicon;
  const rules = lang === "vi" ? viRules : enRules;
  const body = blankLinkLists(unwrapHardBreaks(cutJunkBlocks(input.text.normalize("NFC"), lex)));

  // One analysis text: title, body, captions, so every offset refers to one string.
  let doc = "";
  const sentences: Sentence[] = [];
  const add = (block: string, part: Sentence["part"]) => {
    if (!block.trim()) return;
    if (doc) doc += "\n\n";
    const offset = doc.length;
    doc += block;
    const paraBase = sentences.length ? sentences[sentences.length - 1]!.paragraph + 1 : 0;
    sentences.push(...splitSentences(block, part, offset, sentences.length, paraBase));
  };
  add(title, "title");
  add(body, "body");
  markInlineCaptions(sentences);
  for (const c of captions) add(c, "caption");

  let pub: AnalysisResult["published"] = null;
  const given = normalizePublished(input.publishedAt, input.publishedPrecision);
  if (given) pub = { ...given, source: "given" };
  else {
    const inferred = deps.dates.inferPublicationDate(`${title}\n${body}`, lang);
    if (inferred) {
      pub = { iso: inferred.iso, precision: inferred.precision, source: "inferred", evidence: inferred.evidence };
      const floor = reportedNameYear(`${title}\n${body}`, lang, deps, inferred.iso);
      if (floor) pub = { ...pub, iso: `${floor}${inferred.iso.slice(4)}`, evidence: `${inferred.evidence}; year from a reported event named "${floor}"` };
    }
  }
  return {
    officeHolder: deps.gazetteer.officeHolder?.bind(deps.gazetteer),
    lex,
    rules,
    lang,
    doc,
    sentences,
    mentions: [],
    dates: [],
    mainPair: null,
    pub,
    ref: pub ? refDay(pub.iso, pub.precision) : null,
    refPrecision: pub?.precision ?? "day",
    decisions: [],
  };
}

/**
 * An undated article that reports an event named with a year ("đã bắt đầu cuộc tập trận 'Vành đai
 * An ninh Biển 2024'", "the Vostok-2022 drills began") is from that year or later. When the
 * inferred year is earlier (a dd/mm placed after an older explicit date), the name's year wins,
 * if it is no more than three years later and the sentence reports something done.
 */
export function reportedNameYear(text: string, lang: "vi" | "en", deps: AnalyzerDeps, inferredIso: string): number | null {
  const year = Number(inferredIso.slice(0, 4));
  const lex = lang === "vi" ? viLexicon : enLexicon;
  const rules = lang === "vi" ? viRules : enRules;
  let best: number | null = null;
  for (const s of splitSentences(text)) {
    if (!test(lex.past, s.text.toLowerCase()) && !(lang === "en" && /\b(?:began|started|held|opened|ended|concluded)\b/.test(s.text))) continue;
    for (const d of deps.dates.findDates(s.text, { ref: `${year}-12-31`, refPrecision: "day", lang, pastBias: true })) {
      if (!d.rule.endsWith("name-year")) continue;
      const y = Number(d.span.start.slice(0, 4));
      if (y > year && y <= year + 3 && (best === null || y > best)) best = y;
    }
  }
  return best;
}

/**
 * A release copied with its line breaks ("… between the three\n\ndemocracies.") has sentences cut
 * across lines. A break is a wrap when the line before ends without closing punctuation and the
 * next starts in lower case, or — in text wrapped at a fixed width (several lines of nearly the
 * same greatest length) — when the line before runs nearly to that width. The break's characters
 * become spaces, so every offset still points into the same text.
 */
export function unwrapHardBreaks(text: string): string {
  const lines: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/gu)) if (m[0].trim()) lines.push({ start: m.index, end: m.index + m[0].length });
  if (lines.length < 2) return text;
  const trimmed = lines.map((l) => text.slice(l.start, l.end).trimEnd());
  const widths = trimmed.map((t) => t.length);
  const widest = Math.max(...widths);
  const wrapped = widest >= 50 && widest <= 200 && widths.filter((w) => w >= widest * 0.85).length >= 4;
  const breaks: [number, number][] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = trimmed[i]!;
    const next = trimmed[i + 1]!.trimStart();
    if (/[.!?…:;"”’)\]»]$/u.test(line)) continue;
    if (!/^\p{Ll}/u.test(next) && !(wrapped && widths[i]! >= widest * 0.75 && /^[\p{L}\p{N}(]/u.test(next))) continue;
    breaks.push([lines[i]!.end, lines[i + 1]!.start]);
  }
  if (!breaks.length) return text;
  let out = "";
  let at = 0;
  for (const [from, to] of breaks) {
    out += text.slice(at, from) + " ".repeat(to - from);
    at = to;
  }
  return out + text.slice(at);
}

/**
 * Junk blocks yield nothing: a line that is only a related-news or recommendation heading
 * ("Tin liên quan", "Related") ends the article text for the analyzer. Ingest already removes
 * such blocks; this guards text that arrives another way (files, feeds' full content).
 */
export function cutJunkBlocks(text: string, lex: Lexicon): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => lex.junkHeading.test(l));
  return at < 0 ? text : lines.slice(0, at).join("\n");
}

/** a photo credit: "(Ảnh: TTXVN)", "- Ảnh: Reuters", "(Photo: AP)" */
const CREDIT = new RegExp(`(?:${CREDIT_BRACKET}|\\s[-–]\\s*(?:Ảnh|Photo)\\s*:\\s*[^.()]{1,60})\\.?$`, "u");
/** a sentence that is only a credit */
const CREDIT_ALONE = new RegExp(`^${CREDIT_BRACKET}\\.?$`, "u");
/** a caption that says so: "(Trong ảnh: …", "Ảnh: …", "Pictured: …" */
const CAPTION_START = /^\(?\s*(?:Trong ảnh|Ảnh|Photo|Pictured|In the photo)\s*:/u;
/** where people stand in a photo: "(trái)", "(bên phải)", "(L)", "(right)", or a file photo */
const POSITION = /\((?:bên |ngoài cùng bên |thứ hai từ |thứ ba từ )?(?:trái|phải|giữa)(?: sang)?\)|\((?:L|R|C|left|right|center|centre)\)|\b(?:file photo|photo-op|pose for a photo)\b/iu;

/**
 * Photo captions a crawl left in the body are captions: a sentence that ends with a photo
 * credit, one followed by a credit standing alone, or one that says who stands where. Captions
 * only corroborate (stage keep).
 */
function markInlineCaptions(sentences: Sentence[]): void {
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.part !== "body") continue;
    const next = sentences[i + 1];
    const creditNext = next && next.part === "body" && CREDIT_ALONE.test(next.text);
    if (CREDIT.test(s.text) || POSITION.test(s.text) || CAPTION_START.test(s.text) || creditNext) s.part = "caption";
  }
}

/**
 * Lists of links run into the text by a crawl yield nothing, and are blanked (same length, so
 * nothing moves): items marked "»" / ">>" ("Xem thêm: >> A >> B >> C"), up to where the last item
 * runs into the next sentence, and a press review's run of headlines each followed by its outlet
 * in brackets ("- A ( Thanh Niên ) - B ( Tuổi Trẻ ) - C ( VnExpress )"), three or more of them.
 */
export function blankLinkLists(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/gu, " ");
  return text
    .replace(/(?:(?:[Xx]em thêm|[Đđ]ọc thêm|[Ss]ee also|[Rr]ead more)\s*:\s*)?(?:(?:>>|»)[^>»\n]*?(?=\s*(?:>>|»)))+(?:>>|»)[^\n]*?(?=\p{Ll}\p{Lu}|[.!?](?:\s|$)|\n|$)\p{Ll}?/gu, blank)
    .replace(/(?:(?:^|\s)[-–*]\s+[^()\n]{3,200}?\(\s*\p{Lu}[\p{L} .]{1,30}?\s*\)){3,}/gu, blank);
}

/** "2025-06-07T20:41:00+07:00" → the outlet's calendar date, with precision. */
export function normalizePublished(iso: string | null | undefined, precision: AnalyzeInput["publishedPrecision"]): { iso: string; precision: DatePrecision } | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  const p: DatePrecision = precision === "year" || !m[2] ? "year" : precision === "month" || !m[3] ? "month" : "day";
  return { iso: p === "year" ? m[1]! : p === "month" ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`, precision: p };
}

