/** Stage 3, dates: every date of every sentence, resolved against the reference date. */
import type { DatePrecision } from "../../domain/types.ts";
import type { FoundDate } from "../types.ts";
import { daysBetween, LEAD_SENTENCES, type AnalyzerDeps, type Ctx } from "./context.ts";

export function findAllDates(ctx: Ctx, deps: AnalyzerDeps): void {
  if (!ctx.ref) {
    ctx.dates = ctx.sentences.map(() => []);
    return;
  }
  // One pass per paragraph: a year written once ("tháng 3/2023, … tháng 4") carries to later
  // dates of the paragraph, but not into the next one, where it is usually history.
  const run = (ref: string, precision: DatePrecision) => {
    const all: FoundDate[] = [];
    for (let i = 0; i < ctx.sentences.length; ) {
      const first = ctx.sentences[i]!;
      let j = i;
      while (j + 1 < ctx.sentences.length && ctx.sentences[j + 1]!.paragraph === first.paragraph) j++;
      const last = ctx.sentences[j]!;
      const found = deps.dates.findDates(ctx.doc.slice(first.start, last.end), { ref, refPrecision: precision, lang: ctx.lang, pastBias: true });
      for (const d of found) all.push({ ...d, start: d.start + first.start, end: d.end + first.start });
      i = j + 1;
    }
    return ctx.sentences.map((s) => all.filter((d) => d.start >= s.start && d.end <= s.end));
  };
  ctx.dates = run(ctx.ref, ctx.refPrecision);

  // A page re-stamped long after its events ("Thứ bảy 07/06/2025" over an October 2024 story):
  // when the lead's own day ("Ngày 14/10") lands weeks before the stamp, relative words in the
  // story ("tuần tới", "hôm qua") count from that day, not from the stamp.
  if (ctx.refPrecision === "day") {
    const lead = ctx.sentences.findIndex((s) => s.part === "body");
    const leadEnd = Math.min(ctx.sentences.length, lead + LEAD_SENTENCES);
    const leadDates = ctx.dates.slice(Math.max(0, lead), leadEnd).flat();
    // a relative date of the lead close to the stamp ("on Monday", "hôm qua") says the stamp is current
    const current = leadDates.some((d) => d.relative && Math.abs(daysBetween(d.span.end, ctx.ref!)) <= 7);
    for (let i = Math.max(0, lead); i < leadEnd && !current; i++) {
      const s = ctx.sentences[i]!;
      const d = ctx.dates[i]?.[0];
      if (!d) continue;
      const fronted = d.start - s.start <= 12;
      if (fronted && d.span.precision === "day" && !d.span.certain && !d.relative && daysBetween(d.span.end, ctx.ref) > 20) {
        ctx.ref = d.span.end;
        ctx.dates = run(ctx.ref, "day");
      }
      break;
    }
  }
}
