/**
 * Splits article text into sentences with offsets into the original string. Paragraphs are
 * separated by newlines; inside a paragraph a sentence ends at . ! ? … (optionally followed by a
 * closing quote or bracket) when whitespace and an upper-case letter, digit or opening quote follow,
 * or, in copies that lost a paragraph break, when a capitalised word follows a lower-case one at once.
 * Abbreviations common in the news ("Mr.", "Gen.", "U.S.", "TP.") don't end a sentence.
 */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  paragraph: number;
  /** where it came from: the headline, the body, or a photo caption */
  part: "title" | "body" | "caption";
}

const ABBREVIATIONS = new Set(
  ["mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "tp", "q", "p", "th.s", "ts", "gs", "pgs", "inc", "co", "corp", "ltd", "jr", "sr", "e.g", "i.e", "etc", "approx", "fig", "rep", "sen", "gov", "pres", "prof"].map((s) => s.toLowerCase()),
);

// ". " + next sentence start: capital letter (any script), digit, or an opening quote/bracket.
// Copies that lost the space between paragraphs ("… trong tương lai.Đoàn Việt Nam …") end a
// sentence too, when a lower-case word ends it and a capitalised word follows at once.
// A photo credit in brackets ends a caption too ("… (Ảnh: TTXVN)Thứ trưởng …", "(Photo: Reuters) The …").
/** a photo credit in brackets, "(Ảnh: TTXVN)", "(Photo: Reuters)": a regular expression's source, shared with stage prepare */
export const CREDIT_BRACKET = "\\((?:Ảnh|ảnh|Photo|photo|Nguồn ảnh)\\s*:[^()\\n]{1,80}\\)";
const BOUNDARY = new RegExp(`([.!?…]+["”’»)\\]]?|${CREDIT_BRACKET})(\\s+|(?=\\p{Lu}\\p{Ll}))(?=["“‘«(\\[]?[\\p{Lu}\\p{N}])`, "gu");

/** Splits one block of text (body or a caption) into sentences; `offset` is its start in the article. */
export function splitSentences(text: string, part: Sentence["part"] = "body", offset = 0, startIndex = 0, startParagraph = 0): Sentence[] {
  const out: Sentence[] = [];
  const paragraphRe = /[^\n]+/g;
  let paragraph = startParagraph;
  for (let pm = paragraphRe.exec(text); pm; pm = paragraphRe.exec(text)) {
    const para = pm[0];
    const pStart = pm.index;
    if (!para.trim()) continue;
    let sStart = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(para); m; m = BOUNDARY.exec(para)) {
      const endPunct = m.index + m[1]!.length;
      const before = para.slice(sStart, m.index);
      const credit = m[1]!.startsWith("(");
      const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? "";
      // "U.S. Navy", "Gen. Dong", single initials "A. Belousov" are not ends
      if (!credit && (ABBREVIATIONS.has(lastWord.replace(/\.$/, "")) || /^\p{L}$/u.test(lastWord) || /^(?:\p{L}\.)+\p{L}?$/u.test(lastWord))) continue;
      // with no space, only after a lower-case word of two letters or more ("TP.Hồ", "Node.JS" stay)
      if (!credit && !m[2] && !/^\p{Ll}[\p{Ll}\p{N}]+$/u.test(lastWord)) continue;
      push(para.slice(sStart, endPunct), pStart + sStart);
      sStart = m.index + m[0].length;
    }
    push(para.slice(sStart), pStart + sStart);
    paragraph++;
  }
  function push(s: string, at: number) {
    const lead = s.length - s.trimStart().length;
    const t = s.trim();
    if (!t) return;
    out.push({ index: startIndex + out.length, start: offset + at + lead, end: offset + at + lead + t.length, text: t, paragraph, part });
  }
  return out;
}
