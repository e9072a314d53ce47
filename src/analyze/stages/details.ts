/**
 * Stage 4e, what a development's sentence adds: modality, service, the name of an exercise, what
 * was signed, which weapon system; and a confidence. Names are read next to the cue only: a
 * quoted phrase elsewhere in the sentence (a slogan, a document the exercise follows) names nothing.
 */
import type { EventType } from "../../domain/types.ts";
import type { LangRules } from "../lang/rules.ts";
import type { Sentence } from "../sentences.ts";

export interface CueAt {
  /** the sentence as written */
  text: string;
  /** the cue's offset in the sentence and its length */
  rel: number;
  len: number;
}

export function details(type: EventType, rules: LangRules, at: CueAt): string[] {
  const lower = at.text.toLowerCase();
  const atCue = lower.slice(at.rel, at.rel + at.len + 30);
  const out: string[] = [];
  for (const [re, tag] of rules.detailWords) {
    // "a state visit" describes this visit only when it is said of it, not of another one in the sentence
    if (tag === "state") {
      if (type === "visit" && re.test(atCue)) out.push(tag);
      continue;
    }
    if ((tag === "video" || tag === "phone") && type !== "talks") continue;
    if ((tag === "naval" || tag === "air" || tag === "land") && type !== "exercise" && type !== "patrol") continue;
    if ((tag === "naval" || tag === "land") && out.includes("air")) continue;
    if (re.test(lower)) out.push(tag);
  }
  if (type === "exercise" || type === "patrol") {
    const after = rules.nameAfterCue.exec(at.text.slice(at.rel + at.len));
    const before = rules.nameBeforeCue?.exec(at.text.slice(Math.max(0, at.rel - 70), at.rel));
    const name = after?.[1] ?? before?.[1];
    if (name) out.push(`name:${name.trim()}`);
  }
  if (type === "agreement") {
    const doc = rules.documentName(at.text, at.rel, at.len);
    if (doc) out.push(`doc:${doc}`);
  }
  if (type === "arms") {
    for (const sys of weaponSystems(at.text.slice(Math.max(0, at.rel - 40), at.rel + at.len + 60))) out.push(`system:${sys}`);
  }
  return out;
}

/**
 * Weapon systems named as designations: a letter group and a number ("S-400", "Su-30MK2",
 * "F-16V", "J-10CE", "Type 054A"), or a name the lexicon of systems knows (BrahMos, HIMARS …).
 */
const DESIGNATION = /(?<![\p{L}\p{N}-])((?:[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z0-9]{0,4})|(?:Type \d{2,3}[A-Z]?))(?![\p{L}\p{N}])/gu;
const NAMED_SYSTEMS = /(?<![\p{L}])(BrahMos|HIMARS|Patriot|Rafale|Typhon|Mogami|NASAMS|Aegis|Javelin|Stinger|Harpoon|Tomahawk|Black Hawk|Apache|Gripen|Eurofighter|Typhoon|Kilo|Gepard|Tarantul|Bastion|Iskander|Kinzhal|Oreshnik|Shahed)(?![\p{L}])/gu;

export function weaponSystems(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(DESIGNATION)) if (!/^(?:COVID|G|P|APEC|ASEAN|RIMPAC|SCO)-/i.test(m[1]!)) out.add(m[1]!);
  for (const m of text.matchAll(NAMED_SYSTEMS)) out.add(m[1]!);
  return [...out].slice(0, 3);
}

export function confidence(hasDate: boolean, isLead: boolean, via: string, part: Sentence["part"]): number {
  let c = 0.5;
  if (hasDate) c += 0.2;
  if (isLead) c += 0.15;
  if (via.startsWith("names")) c += 0.1;
  if (part === "caption") c -= 0.3;
  return Math.max(0, Math.min(1, c));
}
