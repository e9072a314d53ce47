/**
 * What a Vietnamese agreement cue says was signed, said in English for the summary: the kind of
 * document ("bản ghi nhớ" → a memorandum of understanding, "kế hoạch hợp tác" → a cooperation
 * plan) and its subject when it is one of the usual fields ("về hợp tác quốc phòng" → on defense
 * cooperation). A name the text gives in quotes or capitals is kept as written in English only
 * when the text gives its English abbreviation ("(RAA)").
 */
const KINDS: [RegExp, string][] = [
  [/bản ghi nhớ|biên bản ghi nhớ/u, "memorandum of understanding"],
  [/hiệp ước/u, "treaty"],
  [/tuyên bố chung/u, "joint statement"],
  [/kế hoạch hợp tác/u, "cooperation plan"],
  [/thư ý định/u, "letter of intent"],
  [/hiệp định|thỏa thuận|thoả thuận/u, "agreement"],
  [/văn kiện/u, "cooperation documents"],
];
const FIELDS: [RegExp, string][] = [
  [/kỹ thuật quân sự/u, "military-technical"],
  [/công nghiệp quốc phòng/u, "defense-industry"],
  [/quốc phòng/u, "defense"],
  [/quân sự/u, "military"],
  [/an ninh/u, "security"],
  [/đào tạo/u, "training"],
  [/biên phòng|biên giới/u, "border"],
  [/hải quân|trên biển|hàng hải/u, "maritime"],
  [/gìn giữ hòa bình/u, "peacekeeping"],
  [/quân y/u, "military medicine"],
  [/cứu hộ|cứu nạn/u, "search-and-rescue"],
];
// "Hiệp định Tiếp cận có đi có lại (RAA)": an English abbreviation in brackets
const ABBREV = /\(([A-Z]{2,6})\)/u;

export function documentName(text: string, rel: number, len: number): string | null {
  const lower = text.toLowerCase();
  const window = lower.slice(rel, rel + len + 80);
  const kind = KINDS.find(([re]) => re.test(window));
  if (!kind) return null;
  const k = kind[0].exec(window)!;
  const rest = window.slice(k.index + k[0].length, k.index + k[0].length + 45);
  const abbrev = ABBREV.exec(text.slice(rel, rel + len + 80));
  if (abbrev && kind[1] === "agreement") return `the ${kind[1]} (${abbrev[1]})`;
  const field = /^\s*(?:về\s+)?(?:hợp tác\s+)?/u.test(rest) ? FIELDS.find(([re]) => re.test(rest.slice(0, 30))) : undefined;
  const noun = kind[1];
  if (noun === "cooperation documents") return field ? `${field[1]} cooperation documents` : "cooperation documents";
  const phrase = field ? (noun === "cooperation plan" ? `${field[1]} cooperation plan` : `${noun} on ${field[1]} cooperation`) : noun;
  return `${/^[aeiou]/.test(phrase) ? "an" : "a"} ${phrase}`;
}
