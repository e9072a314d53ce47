/**
 * The Vietnamese summary of a development, written at reply time from the same extracted fields as
 * the English one (summary.ts): the pair, who acted (people and their offices at the event's
 * date), who was visited, type, status and details (naval/air, the exercise's or document's name,
 * weapon systems). Nothing is translated from the English sentence: "Bộ trưởng Quốc phòng Nga
 * Andrei Belousov thăm Trung Quốc và hội đàm với Bộ trưởng Quốc phòng Trung Quốc Đổng Quân."
 * Proper names (an exercise's, a document's, a weapon's) stay as the source wrote them.
 */
import { z } from "zod";
import type { DevelopmentFacts } from "../domain/types.ts";
import titlesFile from "./data/summary-vi.json" with { type: "json" };
import { parseDataFile } from "./gazetteer-schema.ts";
import type { GazetteerPort } from "./ports.ts";
import { personOf, titleCase } from "./summary.ts";

const TitlesSchema = z
  .object({
    source: z.string().min(1),
    roles: z.record(z.string(), z.string().min(1)),
    rolesByCountry: z.record(z.string().regex(/^[A-Z]{2}$/), z.record(z.string(), z.string().min(1))),
    titles: z.record(z.string(), z.string().min(1)),
  })
  .strict();
const TITLES = parseDataFile(TitlesSchema, titlesFile, "src/analyze/data/summary-vi.json");
const TITLE_BY_EN = new Map(Object.entries(TITLES.titles).map(([k, v]) => [k.toLowerCase(), v]));
const VI_MARKS = /[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/iu;

/** The Vietnamese title of an office: by the English title, else by role (and country), else none. */
function titleVi(title: string | null, role: string | null | undefined, country: string): string | null {
  if (!title) return null;
  if (VI_MARKS.test(title)) return title; // read from a Vietnamese article already
  const byTitle = TITLE_BY_EN.get(title.toLowerCase());
  const byRole = role && role !== "other" ? (TITLES.rolesByCountry[country]?.[role] ?? TITLES.roles[role]) : undefined;
  // a country's own word for the office wins over the general title ("Chủ tịch nước", not "Tổng thống")
  return (byRole && TITLES.rolesByCountry[country]?.[role!] ? byRole : (byTitle ?? byRole)) ?? null;
}

interface SideVi {
  name: string;
  people: string[];
}

function side(code: string, f: DevelopmentFacts, g: GazetteerPort): SideVi {
  const country = g.country(code)?.vi ?? code;
  const people: string[] = [];
  for (const id of f.actors) {
    const p = personOf(id, f.dateStart, g);
    if (!p || p.country !== code) continue;
    const name = p.nameVi || p.name;
    const title = titleVi(p.title, p.role, code);
    const text = title ? `${title} ${country} ${name}` : name;
    if (!people.includes(text)) people.push(text);
  }
  return { name: country, people };
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** The Vietnamese summary of one development. */
export function summarizeVi(f: DevelopmentFacts, g: GazetteerPort): string {
  const actorCode = f.actorCountry && f.pair.includes(f.actorCountry) ? f.actorCountry : f.pair[0];
  const otherCode = f.pair[0] === actorCode ? f.pair[1] : f.pair[0];
  const a = side(actorCode, f, g);
  const b = side(otherCode, f, g);
  const planned = f.status === "planned";
  const announced = f.status === "announced";
  const has = (x: string) => f.details.includes(x);
  const service = has("naval") ? " trên biển" : has("air") ? " trên không" : "";
  const name = f.details.find((x) => x.startsWith("name:"))?.slice(5);
  const named = name ? ` (“${titleCase(name)}”)` : "";
  const doc = f.details.find((x) => x.startsWith("doc:"))?.slice(4);
  const systems = f.details.filter((x) => x.startsWith("system:")).map((x) => x.slice(7));
  const who = (s: SideVi) => s.people[0] ?? `quan chức ${s.name}`;
  const both = `${a.name} và ${b.name}`;
  let s: string;
  switch (f.type) {
    case "visit": {
      const dest = f.destination && f.pair.includes(f.destination) ? f.destination : otherCode;
      const visitor = dest === actorCode ? b : a;
      const host = dest === actorCode ? a : b;
      const verb = has("state") ? (planned ? "sẽ thăm cấp nhà nước" : "thăm cấp nhà nước") : planned ? "sẽ thăm" : "thăm";
      s = `${visitor.people[0] ?? `một đoàn đại biểu ${visitor.name}`} ${verb} ${host.name}`;
      if (host.people.length) s += ` và hội đàm với ${host.people[0]}`;
      break;
    }
    case "talks": {
      const mode = has("video") ? "hội đàm trực tuyến" : has("phone") ? "điện đàm" : "hội đàm";
      s = !a.people.length && !b.people.length ? `quan chức ${both} ${planned ? "sẽ " : ""}${mode}` : `${who(a)} ${planned ? "sẽ " : ""}${mode} với ${who(b)}`;
      break;
    }
    case "exercise":
      s = `${both} ${planned ? "sẽ tổ chức" : announced ? "công bố" : "đã tổ chức"} tập trận chung${service}${named}`;
      break;
    case "patrol":
      s = `${both} ${planned ? "sẽ tiến hành" : "đã tiến hành"} tuần tra chung${service}${named}`;
      break;
    case "agreement": {
      const signers = a.people[0] && b.people[0] ? `${a.people[0]} và ${b.people[0]}` : both;
      s = doc
        ? `${signers} ${planned ? "sẽ ký" : announced ? "công bố" : "đã ký"} văn kiện “${doc}”`
        : `${both} ${planned ? "sẽ ký" : "đã ký hoặc ra"} thỏa thuận hay tuyên bố chung về quan hệ quốc phòng – an ninh`;
      break;
    }
    case "arms":
      s = `${both} ${planned ? "dự kiến" : "được đưa tin"} hợp tác vũ khí hoặc kỹ thuật quân sự${systems.length ? `, liên quan đến ${list(systems)}` : ""}`;
      break;
    case "training":
      s = `${both} ${planned ? "dự kiến" : "đã"} hợp tác huấn luyện hoặc đào tạo quân sự`;
      break;
    case "pledge":
      s = `${a.people[0] ?? a.name} cam kết hỗ trợ ${b.name}`;
      break;
  }
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
