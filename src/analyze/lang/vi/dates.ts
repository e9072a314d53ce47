/**
 * Vietnamese date rules. Patterns follow chrono-node's `vi` locale (VIStandardParser,
 * VIMonthYearParser, VIYearParser, VICasualDateParser, VIWeekdayParser and its range refiner) and
 * add what news needs and chrono lacks: "hôm qua (3/7)", yearless dd/mm with past bias, parts of
 * months/years ("đầu tháng trước", "cuối năm nay"), quarters, week deixis, day ranges
 * ("từ 8 đến 19/7"), and guards against durations and ordinals ("30 năm", "lần thứ 6").
 * chrono itself is not run here: a full `vi.casual` pass costs ~0.7 ms per 5 KB, our whole budget.
 * Each rule runs on a lower-cased NFC copy of the text (same offsets; case is read back from the
 * original where it matters, "thứ Hai" vs "lần thứ hai"), only in windows around a trigger word it
 * must contain; \b is ASCII-only, so word edges are lookarounds.
 */
import type { DateCandidate, DateLanguage, DateResolution, DateResolver, SpanPart, WeekdayMode } from "../../dates.ts";
import { windowsOf } from "../windows.ts";

const WB = "(?<![\\p{L}\\p{N}_])";
const WE = "(?![\\p{L}\\p{N}_])";
const DAY = "(?:0?[1-9]|[12]\\d|3[01])";
const MON = "(?:0?[1-9]|1[0-2])";
const YEAR = "(?:19|20)\\d{2}";
/** rạng sáng 5/6, sáng sớm, sáng, trưa, chiều, tối, đêm, khuya */
const TOD = "(?:rạng\\s+sáng|sáng\\s+sớm|sáng|trưa|chiều|tối|đêm|khuya)";
/** thứ Hai, thứ 3, thứ bảy, Chủ nhật */
const WEEKDAY = "(?:thứ\\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\\s+nhật)";
/** hôm nay, hôm qua, hôm kia, ngày mai, tối qua, sáng nay */
const CASUAL = `(?:(?:ngày\\s+)?hôm\\s+(?:nay|qua|kia)|ngày\\s+mai|${TOD}\\s+(?:nay|qua|mai))`;
/** đầu/giữa/cuối, thượng/trung/hạ tuần */
const PART = "(?:đầu|giữa|cuối|thượng\\s+tuần|trung\\s+tuần|hạ\\s+tuần)";
/** tháng Giêng, tháng Tư, tháng Mười Một (word months are only taken when capitalized, see below) */
const MONWORD = "(?:giêng|chạp|mười\\s+một|mười\\s+hai|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)";
/** Words that make a following "năm/tháng/tuần + nay/trước/qua" a duration: "30 năm nay", "3 tháng trước". */
const QUANTIFIER = /(?:\d|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|mấy|vài|nhiều|các|những|mỗi|hàng|từng|bao|mọi)\s+$/u;
/** Nouns that make "thứ hai" an ordinal: "lần thứ 6", "Chiến tranh thế giới thứ Hai". */
const ORDINAL_NOUN = /(?:lần|hạng|lớp|khóa|khoá|kỳ|kì|vòng|lượt|đợt|phiên|số|hệ|giới|chiến|tầng|bậc|người|nước|đời|năm|tuần|tháng|thế|vị|điều|khoản|phần|chương|mục|bước|nhóm|đội|quân|chiếc)\s+$/u;

const MONTH_WORDS: Record<string, number> = {
  giêng: 1, một: 1, hai: 2, ba: 3, tư: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10, "mười một": 11, "mười hai": 12, chạp: 12,
};
const WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tư: 3, năm: 4, sáu: 5, bảy: 6, bẩy: 6 };

const PART_OF: Record<string, SpanPart> = { đầu: "early", "thượng tuần": "early", giữa: "mid", "trung tuần": "mid", cuối: "late", "hạ tuần": "late" };
const norm = (s: string | undefined) => (s ?? "").toLowerCase().replace(/\s+/g, " ");
const partOf = (s: string | undefined): SpanPart | undefined => (s ? PART_OF[norm(s)] : undefined);
const isUpper = (s: string | undefined) => !!s && s[0] !== s[0]!.toLowerCase();
const before = (text: string, i: number, n = 24) => text.slice(Math.max(0, i - n), i);
/** A group's text as written (rules match a lower-cased copy with the same offsets). */
function written(m: RegExpExecArray, group: string, orig: string): string | undefined {
  const v = m.groups?.[group];
  if (!v) return v;
  return orig.substr(m.index + m[0].indexOf(v), v.length);
}

/** The month a "tháng X" group names, or null when a lowercase word ("tháng hai lần") reads as a number. */
function monthOf(raw: string | undefined): number | null {
  if (!raw) return null;
  if (/^\d/.test(raw)) return Number(raw);
  const k = norm(raw);
  if (k !== "giêng" && k !== "chạp" && !isUpper(raw)) return null;
  return MONTH_WORDS[k] ?? null;
}

/** Resolves a yearless day under a modifier ("tới", "vừa qua", "năm ngoái"). */
function yearWithModifier(r: DateResolver, m: number, d: number, mod: string): { y: number; certain: boolean } {
  switch (norm(mod)) {
    case "năm nay":
      return { y: r.refYear, certain: true };
    case "năm ngoái":
    case "năm trước":
      return { y: r.refYear - 1, certain: true };
    case "năm sau":
    case "năm tới":
      return { y: r.refYear + 1, certain: true };
    case "tới":
    case "sắp tới":
      return { y: r.yearForDay(m, d, "future"), certain: false };
    case "vừa qua":
      return { y: r.yearForDay(m, d, "past"), certain: false };
    default:
      return { y: r.yearForDay(m, d), certain: false };
  }
}

function casualOffset(word: string): number {
  const w = norm(word);
  if (/kia$/.test(w)) return -2;
  if (/qua$/.test(w)) return -1;
  if (/mai$/.test(w)) return 1;
  return 0;
}
const casualRule = (word: string) =>
  "vi." +
  norm(word)
    .replace(/^ngày hôm/, "hôm")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/ /g, "-");

function weekdayMode(mod: string | undefined): WeekdayMode {
  const m = norm(mod);
  if (!m) return "bare";
  if (/^tuần (trước|qua|vừa qua)$/.test(m)) return "last-week";
  if (m === "tuần này" || m === "này") return "this-week";
  if (/^tuần (tới|sau)$/.test(m)) return "next-week";
  if (m === "tới" || m === "sắp tới") return "next";
  return "last";
}
function weekdayNumber(wd: string): number {
  const w = norm(wd);
  if (w.startsWith("chủ")) return 0;
  const n = w.replace(/^thứ\s+/, "");
  return /^\d$/.test(n) ? Number(n) - 1 : WEEKDAY_WORDS[n]!;
}
/** "thứ hai" is a weekday when capitalized or set in a time frame; never after an ordinal noun. */
function acceptWeekday(text: string, index: number, wd: string, framed: boolean): boolean {
  if (norm(wd).startsWith("chủ")) return true;
  if (ORDINAL_NOUN.test(before(text, index))) return false;
  const n = wd.replace(/^thứ\s+/iu, "");
  return framed || (isUpper(n) && !/^\d/.test(n));
}

// Triggers: literals every match of a rule contains (matched on the lower-cased text).
const T_DIGITS = /\d[/.-]\d/g;
const T_THANG = /tháng/g;
const T_CASUAL = /hôm|mai|qua|nay/g;
const T_WEEKDAY = /thứ|chủ/g;
const T_YEAR = /(?:19|20)\d\d/g;
const T_NAM = /năm/g;
const T_QUY = /quý/g;
const T_TUAN = /tuần/g;
const T_NGAY_HOM = /ngày|hôm/g;
const T_TRUOC = /trước|cách đây/g;
/** Context a rule may need before its trigger ("rạng sáng thứ Bảy, hôm qua (…") and after it. */
const WINDOW_BEFORE = 48;
const WINDOW_AFTER = 64;

interface Rule {
  name: string;
  /** a literal every match contains: the rule runs only in windows around it */
  trigger: RegExp;
  re: RegExp;
  /** null = rejected at scan time */
  make: (m: RegExpExecArray, text: string, orig: string) => { rule?: string; start?: number; resolve: DateCandidate["resolve"] } | null;
}

/** Rules run on a lower-cased copy of the text (same offsets): unicode case-insensitive regexes are several times slower. */
const rx = (s: string) => new RegExp(s, "gu");
const SENTENCE_START = /(?:^|[.!?:\n"“]\s*)$/u;

/** dd/mm[/yyyy] with its frame: "ngày 14/10", "sáng 17/1", "Thứ bảy 07/06/2025", "hôm qua (3/7)", "14-10-2024". */
const DAY_NUMERIC: Rule = {
  name: "vi.dd/mm",
  trigger: T_DIGITS,
  re: rx(
    `${WB}(?:(?<tod>${TOD})\\s+)?(?:(?<wd>${WEEKDAY})\\s*,?\\s*)?(?:(?<casual>${CASUAL})\\s*,?\\s*)?(?:(?<ngay>ngày|hôm|vào)\\s+)?` +
      `(?<open>\\(\\s*(?:ngày\\s+)?)?(?<d>${DAY})(?<sep>[/.-])(?<m>${MON})(?:\\k<sep>(?<y>${YEAR}))?(?![\\d/%]|[.,]\\d)(?<close>\\s*\\))?` +
      `(?:\\s+(?<mod>vừa\\s+qua|sắp\\s+tới|tới(?!\\s+(?:nay|đây|khi))|năm\\s+nay|năm\\s+ngoái|năm\\s+trước|năm\\s+sau|năm\\s+tới))?${WE}`,
  ),
  make(m, text, orig) {
    const g = m.groups!;
    const d = Number(g.d);
    const mo = Number(g.m);
    const framed = !!(g.tod || g.casual || g.ngay || g.open || g.mod);
    if (g.wd && !acceptWeekday(text, m.index, written(m, "wd", orig)!, true)) return null;
    if (!g.y) {
      if (g.sep === ".") return null; // "3.5" is a decimal
      if (g.sep === "-" && !(g.ngay || g.casual || g.tod)) return null;
      const opensSentence = SENTENCE_START.test(before(text, m.index)) && text[m.index + m[0].length] === ",";
      if (!framed && !g.wd && !opensSentence) return null; // "3/7 thành viên", "1/3 dân số"
    }
    const y = g.y ? Number(g.y) : null;
    if (g.casual) {
      const n = casualOffset(g.casual);
      return {
        rule: `${casualRule(g.casual)}+dd/mm`,
        resolve: (r) => {
          if (y !== null) return at(r.day(y, mo, d, true), true, y);
          const exact = r.matchesOffset(mo, d, n);
          const span = exact !== null ? r.day(exact, mo, d, true) : r.day(r.yearNearOffset(mo, d, n), mo, d, false);
          return at(span, true);
        },
      };
    }
    return {
      rule: y !== null ? "vi.dd/mm/yyyy" : g.wd ? "vi.weekday+dd/mm" : "vi.dd/mm",
      resolve: (r) => {
        if (y !== null) return at(r.day(y, mo, d, true), false, y);
        const { y: yy, certain } = yearWithModifier(r, mo, d, g.mod ?? "");
        return at(r.day(yy, mo, d, certain), false);
      },
    };
  },
};

/** "ngày 14 tháng 10 năm 2024", "14 tháng 10", "sáng 5 tháng 6" */
const DAY_WORDS: Rule = {
  name: "vi.d-thang-m",
  trigger: T_THANG,
  re: rx(
    `${WB}(?:(?<tod>${TOD})\\s+)?(?:(?<wd>${WEEKDAY})\\s*,?\\s*)?(?:(?<ngay>ngày|hôm|vào)\\s+)?(?<d>${DAY})\\s+tháng\\s+(?<m>${MON})` +
      `(?:\\s*,?\\s*(?:năm\\s+|[/-]\\s*)(?<y>${YEAR}))?${WE}(?!\\s+(?:ngày|tuần|năm|giờ|phút))`,
  ),
  make(m, text) {
    const g = m.groups!;
    if (/\d[\s,.]*$/.test(before(text, m.index, 4)) && !g.ngay && !g.tod && !g.wd) return null;
    const d = Number(g.d);
    const mo = Number(g.m);
    const y = g.y ? Number(g.y) : null;
    return {
      rule: y !== null ? "vi.ngay-thang-nam" : "vi.ngay-thang",
      resolve: (r) => (y !== null ? at(r.day(y, mo, d, true), false, y) : at(r.day(r.yearForDay(mo, d), mo, d, false), false)),
    };
  },
};

/** "hôm qua", "hôm nay", "ngày mai", "hôm kia", "tối qua", "sáng nay" */
const CASUAL_DAY: Rule = {
  name: "vi.casual",
  trigger: T_CASUAL,
  re: rx(`${WB}(?<w>${CASUAL})${WE}`),
  make(m) {
    const w = m.groups!.w!;
    const n = casualOffset(w);
    return { rule: casualRule(w), resolve: (r) => at(r.offsetDays(n), true) };
  },
};

/** "thứ Hai", "thứ 3 tuần trước", "Chủ nhật", "thứ Hai tới", "sáng thứ Bảy" */
const WEEKDAY_RULE: Rule = {
  name: "vi.weekday",
  trigger: T_WEEKDAY,
  re: rx(
    `${WB}(?:(?<tod>${TOD})\\s+)?(?:(?<ngay>ngày|hôm|vào)\\s+)?(?<wd>${WEEKDAY})` +
      `(?:\\s+(?<mod>tuần\\s+(?:trước|này|tới|sau|qua|vừa\\s+qua)|vừa\\s+qua|sắp\\s+tới|tới(?!\\s+(?:nay|đây|khi))|này|qua|trước))?${WE}`,
  ),
  make(m, text, orig) {
    const g = m.groups!;
    const framed = !!(g.tod || g.mod || (g.ngay && norm(g.ngay) !== "ngày"));
    if (!acceptWeekday(text, m.index, written(m, "wd", orig)!, framed)) return null;
    const mode = weekdayMode(g.mod);
    const dow = weekdayNumber(g.wd!);
    return { rule: mode === "bare" ? "vi.weekday" : `vi.weekday-${mode}`, resolve: (r) => at(r.weekday(dow, mode), true) };
  },
};

/** "tháng 3/2023", "tháng 4 năm 2018", "cuối tháng 6/2024", "Tháng Tư năm 2024" */
const MONTH_YEAR: Rule = {
  name: "vi.thang-m/yyyy",
  trigger: T_THANG,
  re: rx(`${WB}(?:(?<part>${PART})\\s+)?tháng\\s+(?<m>${MON}|${MONWORD})\\s*(?:[/-]|,?\\s*năm)\\s*(?<y>${YEAR})${WE}`),
  make(m, _text, orig) {
    const g = m.groups!;
    const mo = monthOf(written(m, "m", orig));
    if (mo === null) return null;
    const y = Number(g.y);
    const part = partOf(g.part);
    return { rule: part ? "vi.part-thang-m/yyyy" : "vi.thang-m/yyyy", resolve: (r) => at(r.month(y, mo, true, part), false, y) };
  },
};

/** "tháng 4", "cuối tháng 6", "giữa tháng 5", "Tháng 6 vừa qua", "tháng 10 tới", "tháng 4 năm ngoái" */
const MONTH_BARE: Rule = {
  name: "vi.thang-m",
  trigger: T_THANG,
  re: rx(
    `${WB}(?:(?<part>${PART})\\s+)?tháng\\s+(?<m>${MON}|${MONWORD})` +
      `(?:\\s+(?<mod>vừa\\s+qua|qua|sắp\\s+tới|tới(?!\\s+(?:nay|đây|khi))|này|năm\\s+nay|năm\\s+ngoái|năm\\s+trước|năm\\s+sau|năm\\s+tới))?${WE}(?!\\s*[/-]\\s*\\d)`,
  ),
  make(m, text, orig) {
    const g = m.groups!;
    const mo = monthOf(written(m, "m", orig));
    if (mo === null) return null;
    if (!g.part && /\d\s+$/.test(before(text, m.index, 6))) return null; // "3 tháng 10 ngày"
    const part = partOf(g.part);
    const mod = norm(g.mod);
    return {
      rule: part ? "vi.part-thang-m" : "vi.thang-m",
      resolve: (r) => {
        let y: number;
        let certain = false;
        if (mod === "năm nay") [y, certain] = [r.refYear, true];
        else if (mod === "năm ngoái" || mod === "năm trước") [y, certain] = [r.refYear - 1, true];
        else if (mod === "năm sau" || mod === "năm tới") [y, certain] = [r.refYear + 1, true];
        else if (mod === "tới" || mod === "sắp tới") y = r.yearForMonth(mo, "future");
        else if (mod === "qua" || mod === "vừa qua") y = r.yearForMonth(mo, "past");
        else y = r.yearForMonth(mo);
        return at(r.month(y, mo, certain, part), mod !== "");
      },
    };
  },
};

/** "tháng trước", "tháng này", "tháng tới", "đầu tháng trước" */
const MONTH_RELATIVE: Rule = {
  name: "vi.thang-rel",
  trigger: T_THANG,
  re: rx(`${WB}(?:(?<part>${PART})\\s+)?tháng\\s+(?<mod>này|trước|vừa\\s+qua|qua|sắp\\s+tới|tới(?!\\s+(?:nay|đây|khi))|sau)${WE}(?!\\s+(?:đó|khi|nữa))`),
  make(m, text) {
    const g = m.groups!;
    if (!g.part && QUANTIFIER.test(before(text, m.index))) return null; // "3 tháng trước", "nhiều tháng qua"
    const mod = norm(g.mod);
    const n = mod === "này" ? 0 : mod === "tới" || mod === "sắp tới" || mod === "sau" ? 1 : -1;
    const part = partOf(g.part);
    return {
      rule: `vi.${part ? "part-" : ""}thang-${n === 0 ? "nay" : n > 0 ? "toi" : "truoc"}`,
      resolve: (r) => at(r.offsetMonth(n, part), true),
    };
  },
};

/** a document's name ending right before "năm YYYY" ("Công ước … về Luật Biển", "Hiệp ước Hữu nghị và Hợp tác") */
const DOCUMENT_BEFORE_YEAR = /(?:^|\s)(?:công ước|hiệp ước|hiệp định|hiến chương|tuyên bố chung|nghị quyết|unclos|luật biển)(?:\s+[^\s,.;]+){0,8}\s+$/u;

/** "năm 2005", "cuối năm 2023", "đầu năm 2024" */
const YEAR_RULE: Rule = {
  name: "vi.nam-yyyy",
  trigger: T_YEAR,
  re: rx(`${WB}(?:(?<part>đầu|giữa|cuối)\\s+)?(?:năm\\s+|(?<=(?:đầu|giữa|cuối)\\s+))(?<y>${YEAR})${WE}(?![.,]\\d|\\s*%)`),
  make(m, text) {
    const g = m.groups!;
    const y = Number(g.y);
    const part = partOf(g.part);
    // "Công ước về Luật Biển năm 1982": a document's year names the document and
    // lends no year to a later bare day ("tại cuộc hội đàm ngày 1/8")
    const ofDocument = DOCUMENT_BEFORE_YEAR.test(text.slice(Math.max(0, m.index - 70), m.index).toLowerCase());
    // (it dates the document only, as an attributive year does: rule vi.doc-attr-year)
    return { rule: ofDocument ? "vi.doc-attr-year" : part ? "vi.part-nam-yyyy" : "vi.nam-yyyy", resolve: (r) => at(r.year(y, true, part), false, ofDocument ? undefined : y) };
  },
};

/** A bare year after a preposition: "từ 2014", "vào 2023", "đến 2030." (not "tới 2000 binh sĩ") */
const YEAR_BARE: Rule = {
  name: "vi.yyyy",
  trigger: T_YEAR,
  re: rx(`(?<=${WB}(?:từ|đến|tới|vào|trong|suốt|hết)\\s+)(?<y>${YEAR})(?=\\s*(?:[,.;:)!?]|$|đến|tới|và|[-–]))`),
  make(m) {
    const y = Number(m.groups!.y);
    return { resolve: (r) => at(r.year(y, true), false, y) };
  },
};

/** "năm ngoái", "năm nay", "năm tới", "năm sau", "cuối năm nay", "năm qua" (not "30 năm nay") */
const YEAR_RELATIVE: Rule = {
  name: "vi.nam-rel",
  trigger: T_NAM,
  re: rx(`${WB}(?:(?<part>đầu|giữa|cuối)\\s+)?năm\\s+(?<mod>nay|ngoái|trước|tới|sau|kia|vừa\\s+qua|qua)${WE}(?!\\s+(?:đó|khi|nữa))`),
  make(m, text) {
    const g = m.groups!;
    if (!g.part && QUANTIFIER.test(before(text, m.index))) return null;
    const mod = norm(g.mod);
    const part = partOf(g.part);
    const n = mod === "nay" ? 0 : mod === "tới" || mod === "sau" ? 1 : mod === "kia" ? -2 : -1;
    const rolling = !part && (mod === "qua" || mod === "vừa qua");
    const slug = { nay: "nay", ngoái: "ngoai", trước: "truoc", tới: "toi", sau: "sau", kia: "kia", qua: "qua", "vừa qua": "vua-qua" }[mod] ?? "rel";
    return {
      rule: `vi.${part ? "part-" : ""}nam-${slug}`,
      resolve: (r) => (rolling ? at(r.pastYear(), true) : at(r.offsetYear(n, part), true)),
    };
  },
};

/** "cuối năm", "đầu năm" with no year: the context year or ref's */
const YEAR_PART_BARE: Rule = {
  name: "vi.part-nam",
  trigger: T_NAM,
  re: rx(`${WB}(?<part>đầu|giữa|cuối)\\s+năm${WE}(?!\\s*(?:\\d|nay|ngoái|trước|tới|sau|kia|qua|vừa|học|tài))`),
  make(m) {
    const part = partOf(m.groups!.part);
    return { resolve: (r) => at(r.year(r.yearForYearPart(), false, part), false) };
  },
};

const QUARTER_NUM: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
/** "quý 3/2024", "quý III năm 2024", "quý 1 năm nay", "quý tới" */
const QUARTER: Rule = {
  name: "vi.quy",
  trigger: T_QUY,
  re: rx(
    `${WB}quý\\s+(?:(?<q>iv|i{1,3}|[1-4])(?:\\s*(?:[/-]|,?\\s*năm)\\s*(?<y>${YEAR})|\\s+(?<ymod>năm\\s+(?:nay|ngoái|trước|sau|tới)))?|(?<mod>này|tới|trước|sau))${WE}`,
  ),
  make(m) {
    const g = m.groups!;
    const q = g.q ? QUARTER_NUM[g.q.toLowerCase()]! : null;
    const y = g.y ? Number(g.y) : null;
    const ymod = norm(g.ymod).replace(/^năm /, "");
    const mod = norm(g.mod);
    return {
      resolve: (r) => {
        if (q === null) {
          // quý này/tới/trước: quarter of ref shifted
          const cur = Math.floor((Number(r.offsetMonth(0).start.slice(5, 7)) - 1) / 3);
          const k = r.refYear * 4 + cur + (mod === "này" ? 0 : mod === "trước" ? -1 : 1);
          const yy = Math.floor(k / 4);
          const qq = (k % 4) + 1;
          return at(r.monthRange(yy, qq * 3 - 2, qq * 3, true), true);
        }
        const yy = y ?? (ymod === "nay" ? r.refYear : ymod === "ngoái" || ymod === "trước" ? r.refYear - 1 : ymod ? r.refYear + 1 : r.yearForYearPart());
        return at(r.monthRange(yy, q * 3 - 2, q * 3, y !== null || !!ymod), !!ymod, y ?? undefined);
      },
    };
  },
};

/** "tuần trước", "tuần qua", "tuần này", "tuần tới", "cuối tuần qua" (not "2 tuần trước", "tuần tra") */
const WEEK_RELATIVE: Rule = {
  name: "vi.tuan-rel",
  trigger: T_TUAN,
  re: rx(`${WB}(?:(?<part>đầu|giữa|cuối)\\s+)?tuần\\s+(?<mod>trước|vừa\\s+qua|qua|này|sắp\\s+tới|tới(?!\\s+(?:nay|đây|khi))|sau)${WE}(?!\\s+(?:đó|khi|nữa))`),
  make(m, text) {
    const g = m.groups!;
    if (!g.part && QUANTIFIER.test(before(text, m.index))) return null;
    const mod = norm(g.mod);
    const n = mod === "này" ? 0 : mod === "trước" || mod.endsWith("qua") ? -1 : 1;
    const rolling = !g.part && mod.endsWith("qua");
    const part = partOf(g.part);
    return {
      rule: `vi.${part ? "part-" : ""}tuan-${n === 0 ? "nay" : n > 0 ? "toi" : rolling ? "qua" : "truoc"}`,
      resolve: (r) => {
        const w = r.offsetWeek(n, rolling);
        if (!part || w.precision !== "day") return at(w, true);
        // đầu tuần = Mon–Tue, giữa tuần = Wed–Thu, cuối tuần = Sat–Sun
        const [a, b] = part === "early" ? [0, 1] : part === "mid" ? [2, 3] : [5, 6];
        const s = shift(w.start, a);
        return at({ start: s, end: shift(w.start, b), precision: "day", certain: false }, true);
      },
    };
  },
};

/** "từ 8 đến 19/7", "từ ngày 8-19/7", "ngày 8-19/7/2024", "từ ngày 9 đến 12-11" */
const RANGE_DAYS: Rule = {
  name: "vi.range-d-dm",
  trigger: T_DIGITS,
  re: rx(
    `${WB}(?:(?<tu>từ|trong|vào)\\s+)?(?:(?<ngay>các\\s+ngày|ngày)\\s+)?(?<open>\\(\\s*)?(?<d1>${DAY})(?:\\s*(?:-|–|đến|tới)\\s*(?:ngày\\s+)?(?<d2>${DAY})/|\\s+(?:đến|tới)\\s+(?:ngày\\s+)?(?<d2b>${DAY})-)(?<m>${MON})(?:[/-](?<y>${YEAR}))?(?![\\d/%])(?:\\s*\\))?`,
  ),
  make(m) {
    const g = m.groups!;
    if (!g.tu && !g.ngay && !g.open) return null;
    // "từ ngày 9 đến 12-11" (the month after a dash, as Tuổi Trẻ writes it) reads as "9 đến 12/11"
    const [d1, d2, mo] = [Number(g.d1), Number(g.d2 ?? g.d2b), Number(g.m)];
    const y = g.y ? Number(g.y) : null;
    return {
      resolve: (r) => {
        // "từ 28 đến 2/3": the first day belongs to the month before
        const m1 = d1 > d2 ? (mo === 1 ? 12 : mo - 1) : mo;
        if (y !== null) {
          const y1 = m1 > mo ? y - 1 : y;
          return at(r.dayRange({ y: y1, m: m1, d: d1 }, { y, m: mo, d: d2 }, true), false, y);
        }
        // Past bias applies to the start: the event had begun by ref.
        const y1 = r.yearForDay(m1, d1);
        const y2 = m1 > mo ? y1 + 1 : y1;
        return at(r.dayRange({ y: y1, m: m1, d: d1 }, { y: y2, m: mo, d: d2 }, false), false);
      },
    };
  },
};

/** "từ 28/2 đến 2/3", "28/2-2/3", "từ ngày 28/2/2024 đến ngày 2/3/2024" */
const RANGE_DAY_MONTHS: Rule = {
  name: "vi.range-dm-dm",
  trigger: T_DIGITS,
  re: rx(
    `${WB}(?:(?:từ|trong|vào)\\s+)?(?:(?:các\\s+ngày|ngày)\\s+)?(?<d1>${DAY})/(?<m1>${MON})(?:/(?<y1>${YEAR}))?\\s*(?:-|–|đến|tới)\\s*(?:ngày\\s+)?(?<d2>${DAY})/(?<m2>${MON})(?:/(?<y2>${YEAR}))?(?![\\d/%])`,
  ),
  make(m) {
    const g = m.groups!;
    const [d1, m1, d2, m2] = [Number(g.d1), Number(g.m1), Number(g.d2), Number(g.m2)];
    const y1w = g.y1 ? Number(g.y1) : null;
    const y2w = g.y2 ? Number(g.y2) : null;
    return {
      resolve: (r) => {
        const wrap = m1 * 100 + d1 > m2 * 100 + d2 ? 1 : 0;
        let y1: number;
        let y2: number;
        if (y2w !== null) [y1, y2] = [y1w ?? y2w - wrap, y2w];
        else if (y1w !== null) [y1, y2] = [y1w, y1w + wrap];
        else {
          y1 = r.yearForDay(m1, d1);
          y2 = y1 + wrap;
        }
        const certain = y2w !== null || y1w !== null;
        return at(r.dayRange({ y: y1, m: m1, d: d1 }, { y: y2, m: m2, d: d2 }, certain), false, certain ? y2 : undefined);
      },
    };
  },
};

/** "từ tháng 3 đến tháng 5/2024", "tháng 10-11/2024" */
const RANGE_MONTHS: Rule = {
  name: "vi.range-month",
  trigger: T_THANG,
  re: rx(`${WB}(?:từ\\s+)?tháng\\s+(?<m1>${MON})\\s*(?:-|–|đến|tới)\\s*(?:tháng\\s+)?(?<m2>${MON})(?:\\s*(?:/|,?\\s*năm)\\s*(?<y>${YEAR}))?${WE}(?!\\s*/)`),
  make(m) {
    const g = m.groups!;
    const [m1, m2] = [Number(g.m1), Number(g.m2)];
    const y = g.y ? Number(g.y) : null;
    return {
      resolve: (r) => {
        const yy = y ?? r.yearForMonth(m1);
        const y1 = m1 > m2 ? yy - (y !== null ? 1 : 0) : yy;
        const y2 = m1 > m2 && y === null ? yy + 1 : yy;
        return at(r.monthRange(y1, m1, m2, y !== null, y2), false, y ?? undefined);
      },
    };
  },
};

/** "từ năm 2014 đến năm 2024", "giai đoạn 2021-2025", "năm 2023-2024" */
const RANGE_YEARS: Rule = {
  name: "vi.range-year",
  trigger: T_YEAR,
  re: rx(`${WB}(?:(?:từ|giai\\s+đoạn|nhiệm\\s+kỳ)\\s+(?:năm\\s+)?|năm\\s+)(?<y1>${YEAR})\\s*(?:-|–|đến|tới)\\s*(?:năm\\s+)?(?<y2>${YEAR})${WE}`),
  make(m) {
    const [y1, y2] = [Number(m.groups!.y1), Number(m.groups!.y2)];
    return { resolve: (r) => at(r.yearRange(y1, y2, true), false, y2) };
  },
};

const DATE_WORDS = /^(?:tháng|năm|ngày|từ|đến|tới|vào|trong|trước|sau|cuối|đầu|giữa|suốt|hết|quý|khoảng|gần|hơn|và|hoặc|là|có|với|của|cho|tại|ở|thứ|số|lần|top)$/iu;
/**
 * A year inside a name: "Liên hợp 2023", "Vostok-2022", "Army 2022". Kept as a mention with
 * certain=false (rule vi.name-year): the name's year is usually, not always, the event's year.
 */
const NAME_YEAR: Rule = {
  name: "vi.name-year",
  trigger: T_YEAR,
  re: rx(`(?<![\\p{L}\\p{N}_])(?<y>${YEAR})${WE}(?![.,]\\d|\\s*%)`),
  make(m, _text, orig) {
    const name = /(?:(?<w2>\p{L}+)\s+)?(?<w1>\p{L}+)(?<j>\s*[-/]\s*|\s+)$/u.exec(before(orig, m.index, 40));
    if (!name) return null;
    const { w1, w2, j } = name.groups!;
    if (DATE_WORDS.test(w1!)) return null;
    const after = orig.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const direct = isUpper(w1) || (/[-/]/.test(j!) && isUpper(w2 ?? w1));
    const twoWord = !!w2 && isUpper(w2) && !DATE_WORDS.test(w2) && /^(?:\s*[,.;:)”"»]|\s*$|\s+(?:diễn|được|sẽ|đã|tại|ở|vừa|kết|bắt|khai|chính))/u.test(after);
    if (!direct && !twoWord) return null;
    const y = Number(m.groups!.y);
    return { resolve: (r) => at(r.year(y, false), false) };
  },
};

/** "Cùng ngày", "ngày hôm sau", "một ngày trước đó": the day of the last dated mention, shifted. */
const SAME_DAY: Rule = {
  name: "vi.cung-ngay",
  trigger: T_NGAY_HOM,
  re: rx(`${WB}(?<w>cùng\\s+ngày|cùng\\s+hôm|(?:ngày\\s+)?hôm\\s+sau(?:\\s+đó)?|một\\s+ngày\\s+sau\\s+đó|một\\s+ngày\\s+trước\\s+đó|ngày\\s+hôm\\s+trước(?:\\s+đó)?)${WE}(?!\\s+(?:khi|nữa))`),
  make(m) {
    const w = norm(m.groups!.w);
    const n = w.startsWith("cùng") ? 0 : w.includes("sau") ? 1 : -1;
    return { rule: n === 0 ? "vi.cung-ngay" : n > 0 ? "vi.hom-sau" : "vi.hom-truoc", resolve: (r) => at(r.afterLastDay(n), false) };
  },
};

/** ISO dates in text or stamps: "2024-10-14" */
const ISO_DAY: Rule = {
  name: "vi.iso",
  trigger: T_YEAR,
  re: rx(`(?<![\\d/.-])(?<y>${YEAR})-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\\d|3[01])(?![\\d])`),
  make(m) {
    const [y, mo, d] = [Number(m.groups!.y), Number(m.groups!.m), Number(m.groups!.d)];
    return { resolve: (r) => at(r.day(y, mo, d, true), false, y) };
  },
};

const NUMBER_WORDS: Record<string, number> = { một: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };
/** "3 ngày trước", "hai tuần trước", "30 năm trước", "cách đây 5 năm": a time ago from ref */
const AGO: Rule = {
  name: "vi.ago",
  trigger: T_TRUOC,
  re: rx(
    `${WB}(?:(?<cach>cách\\s+đây)\\s+)?(?<n>\\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\\s+(?<u>ngày|tuần|tháng|năm)(?:\\s+(?<truoc>trước|về\\s+trước))?${WE}(?!\\s+(?:đó|khi|nữa|nay|thềm|ngày|lễ|khi|dịp))`,
  ),
  make(m) {
    const g = m.groups!;
    if (!g.cach && !g.truoc) return null;
    const n = /^\d/.test(g.n!) ? Number(g.n) : NUMBER_WORDS[g.n!]!;
    const u = g.u!;
    return {
      resolve: (r) =>
        at(u === "ngày" ? r.offsetDays(-n) : u === "tuần" ? r.offsetWeek(-n) : u === "tháng" ? r.offsetMonth(-n) : r.offsetYear(-n), true),
    };
  },
};

const RULES: Rule[] = [
  AGO,
  ISO_DAY,
  SAME_DAY,
  RANGE_DAY_MONTHS,
  RANGE_DAYS,
  RANGE_MONTHS,
  RANGE_YEARS,
  DAY_NUMERIC,
  DAY_WORDS,
  CASUAL_DAY,
  WEEKDAY_RULE,
  MONTH_YEAR,
  MONTH_BARE,
  MONTH_RELATIVE,
  QUARTER,
  YEAR_RULE,
  YEAR_RELATIVE,
  YEAR_PART_BARE,
  WEEK_RELATIVE,
  YEAR_BARE,
  NAME_YEAR,
];

function at(span: DateResolution["span"] | null, relative: boolean, contextYear?: number): DateResolution | null {
  return span ? { span, relative, contextYear } : null;
}
function shift(iso: string, n: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + n);
  return new Date(t).toISOString().slice(0, 10);
}

/** Cheap gate: no digit and no date word means no date; skips most paragraphs of a long text. */
const GATE = /\d|hôm|ngày|tháng|năm|tuần|thứ|chủ\s+nhật|quý|tối|sáng|chiều|đêm|trưa/iu;

/** Runs every Vietnamese rule over NFC text (stage 1 of findDates). */
const TOWARD = /^\s+(?:\p{Lu}|thăm(?![\p{L}])|dự(?![\p{L}])|làm việc|thủ đô)/u;

export function scanViDates(orig: string): DateCandidate[] {
  if (!GATE.test(orig)) return [];
  const lowered = orig.toLowerCase();
  // Vietnamese letters lower-case one to one; if some other script does not, match as written.
  const folded =
    lowered.length === orig.length ? lowered : Array.from(orig, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join("");
  // "ngày 4/6 tới Hà Nội": "tới" before a place or a purpose is the verb (went to), not "the
  // coming 4/6"; masked (same length) so no rule reads it as the modifier
  const text = folded.includes("tới") ? folded.replace(/tới(?=\s)/gu, (w, at: number) => (TOWARD.test(orig.slice(at + 3, at + 20)) ? "tớ\u0131" : w)) : folded;
  const out: DateCandidate[] = [];
  const windows = new Map<RegExp, [number, number][]>();
  for (const rule of RULES) {
    let ws = windows.get(rule.trigger);
    if (!ws) windows.set(rule.trigger, (ws = windowsOf(rule.trigger, text, WINDOW_BEFORE, WINDOW_AFTER)));
    for (const [a, b] of ws) {
      // The regex sees the text up to the window's end (lookbehinds still see what precedes a).
      const view = b === text.length ? text : text.slice(0, b);
      rule.re.lastIndex = a;
      let m: RegExpExecArray | null;
      while ((m = rule.re.exec(view))) {
        if (m[0].length === 0) {
          rule.re.lastIndex++;
          continue;
        }
        const made = rule.make(m, text, orig);
        if (!made) {
          // a rejected long match may hide a shorter one inside ("3/7 thành viên" → none, "thứ Hai" → retry)
          rule.re.lastIndex = m.index + 1;
          continue;
        }
        out.push({ start: made.start ?? m.index, end: m.index + m[0].length, rule: made.rule ?? rule.name, resolve: made.resolve });
      }
    }
  }
  return out;
}

/** The Vietnamese language for findDates. */
export const VI_DATE_LANGUAGE: DateLanguage = {
  scan: scanViDates,
  futureCue: /(?:^|[^\p{L}])(?:sẽ|dự\s+kiến|dự\s+định|kế\s+hoạch|chuẩn\s+bị|sắp|lên\s+lịch)(?![\p{L}])/iu,
  rangeJoin: /^\s*(?:đến|tới|-|–|và)\s*$/u,
  rangeNeedsOpener: /^\s*và\s*$/u,
  rangeOpener: /(?:giữa|từ)\s*$/u,
};
