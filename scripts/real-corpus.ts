/**
 * `npm run corpus:real [-- FILE …] [--manifest PATH] [--print]`: materializes the real-news corpus of
 * eval/real/manifest.json into the git-ignored folder eval/real/articles/, in the seeds' format
 * (` date YYYY-MM[-DD] (Outlet) -`, a blank line, the title, a blank line, the body).
 *
 * The project never commits article text: the manifest holds references only — a public
 * repository, a commit, a path, and how to cut the article out of that file — plus the sha256 of
 * the text this script must produce. A file is read from a local mirror of the repository
 * (`$RELATIONS_MIRRORS/<owner>+<name>/repo`, a bare git directory or a clone; default ../.mirror) and else
 * from raw.githubusercontent.com at that commit. A source that cannot be reached, or a cut that
 * does not produce the recorded hash, is reported and skipped; the rest are still written.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { decodeHTML } from "entities";
import { z } from "zod";

const Range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const Transform = z.enum(["json-unescape", "sql-unescape", "html", "text"]);
const Cut = z.discriminatedUnion("kind", [
  /** The whole file is the article body (its first non-empty line the title unless `title` is given). */
  z.object({ kind: z.literal("whole"), format: z.array(Transform).default(["text"]) }),
  /** Code-point offsets into the UTF-8 text of the file: [start, end). */
  z.object({ kind: z.literal("range"), title: Range.optional(), body: Range, format: z.array(Transform).default(["text"]) }),
  /** An object inside a JSON file (RFC 6901 pointer) with the names of its title and body fields. */
  z.object({ kind: z.literal("json"), pointer: z.string(), title: z.string().optional(), body: z.union([z.string(), z.array(z.string())]), format: z.array(Transform).default(["text"]) }),
  /** One line (0-based) of a JSON Lines file, with the names of its title and body fields. */
  z.object({ kind: z.literal("jsonl"), line: z.number().int().nonnegative(), title: z.string().optional(), body: z.union([z.string(), z.array(z.string())]), format: z.array(Transform).default(["text"]) }),
]);
export const ManifestEntry = z.object({
  file: z.string().regex(/^[a-z0-9][a-z0-9._-]*\.txt$/),
  lang: z.enum(["vi", "en"]),
  outlet: z.string().min(1),
  url: z.string().url().optional(),
  published: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  part: z.enum(["dev", "test"]),
  negative: z.boolean(),
  topic: z.string().optional(),
  source: z.object({ repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/), commit: z.string().regex(/^[0-9a-f]{40}$/), path: z.string().min(1) }),
  cut: Cut,
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** the batch that added the article after the first split (scripts/real-corpus-add.ts) */
  added: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;
export const Manifest = z.object({ about: z.string().optional(), articles: z.array(ManifestEntry) });

const root = resolve(import.meta.dirname, "..");
export const corpusDir = join(root, "eval/real");
export const articlesDir = join(corpusDir, "articles");

function unescapeJson(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_, e: string) => {
    if (e[0] === "u") return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e;
  });
}
function unescapeSql(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "0": "" } as Record<string, string>)[c] ?? c).replace(/''/g, "'");
}
/** Block elements become line breaks, other tags go, entities are decoded. */
function htmlToText(s: string): string {
  return decodeHTML(
    s
      .replace(/<(script|style|figure|figcaption|table)\b[\s\S]*?<\/\1>/gi, "\n")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/?(p|div|h[1-6]|li|ul|ol|blockquote|section|article|tr)\b[^>]*>/gi, "\n")
      .replace(/<[^>]+>/g, ""),
  );
}
function clean(s: string, format: readonly string[]): string {
  let t = s;
  for (const f of format) {
    if (f === "json-unescape") t = unescapeJson(t);
    else if (f === "sql-unescape") t = unescapeSql(t);
    else if (f === "html") t = htmlToText(t);
  }
  return t
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l, i, all) => l !== "" || (i > 0 && all[i - 1] !== ""))
    .join("\n\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
function pointer(doc: unknown, p: string): unknown {
  let cur: unknown = doc;
  for (const raw of p.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = (cur as Record<string, unknown> | undefined)?.[key];
  }
  return cur;
}
function field(obj: unknown, names: string | readonly string[]): string {
  const list = typeof names === "string" ? [names] : names;
  return list.map((n) => pointer(obj, n.startsWith("/") ? n : `/${n}`)).filter((v): v is string => typeof v === "string").join("\n\n");
}

/** Title and body cut out of the file's text, as the manifest says. */
export function cutArticle(text: string, cut: z.infer<typeof Cut>): { title: string; body: string } {
  const cps = cut.kind === "range" ? Array.from(text) : [];
  const slice = (r: readonly [number, number]) => cps.slice(r[0], r[1]).join("");
  let title = "";
  let body = "";
  if (cut.kind === "whole") body = text;
  else if (cut.kind === "range") {
    title = cut.title ? slice(cut.title) : "";
    body = slice(cut.body);
  } else {
    const obj = cut.kind === "json" ? pointer(JSON.parse(text), cut.pointer) : JSON.parse(text.split("\n")[cut.line] ?? "null");
    if (!obj || typeof obj !== "object") throw new Error(`corpus: nothing at ${cut.kind === "json" ? cut.pointer : `line ${cut.line}`}`);
    title = cut.title ? field(obj, cut.title) : "";
    body = field(obj, cut.body);
  }
  title = clean(title, cut.format).replace(/\s+/g, " ");
  body = clean(body, cut.format);
  if (!title) {
    const [first, ...rest] = body.split("\n\n");
    title = first ?? "";
    body = rest.join("\n\n");
  }
  return { title, body };
}

export function render(e: ManifestEntry, a: { title: string; body: string }): string {
  return ` date ${e.published} (${e.outlet}) -\n\n${a.title}\n\n${a.body}\n`;
}
export const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

const fileCache = new Map<string, string | Error>();
/** The file at repo@commit:path from a local mirror, else from GitHub's raw host. */
export async function readSource(src: ManifestEntry["source"], mirrors: string): Promise<string> {
  const key = `${src.repo}@${src.commit}:${src.path}`;
  const hit = fileCache.get(key);
  if (hit instanceof Error) throw hit;
  if (hit !== undefined) return hit;
  let text: string | Error;
  // a bare git directory, or a clone whose git directory is repo/.git
  const repoDir = join(mirrors, src.repo.replace("/", "+"), "repo");
  const gitDir = existsSync(join(repoDir, ".git")) ? join(repoDir, ".git") : repoDir;
  try {
    if (existsSync(gitDir)) {
      text = execFileSync("git", ["--git-dir", gitDir, "show", `${src.commit}:${src.path}`], { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
    } else {
      const url = `https://raw.githubusercontent.com/${src.repo}/${src.commit}/${src.path.split("/").map(encodeURIComponent).join("/")}`;
      const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      text = await res.text();
    }
  } catch (err) {
    text = new Error(`corpus: cannot read ${key}: ${(err as Error).message.split("\n")[0]}`);
  }
  fileCache.set(key, text);
  if (text instanceof Error) throw text;
  return text;
}

export function loadManifest(path = join(corpusDir, "manifest.json")): z.infer<typeof Manifest> {
  return Manifest.parse(JSON.parse(readFileSync(path, "utf8")));
}

export async function materialize(opts: { only?: readonly string[]; mirrors?: string; print?: boolean; manifest?: string } = {}) {
  const mirrors = opts.mirrors ?? process.env.RELATIONS_MIRRORS ?? resolve(root, "../.mirror");
  const manifest = loadManifest(opts.manifest);
  mkdirSync(articlesDir, { recursive: true });
  const written: string[] = [];
  const failed: { file: string; reason: string }[] = [];
  for (const e of manifest.articles) {
    if (opts.only?.length && !opts.only.includes(e.file)) continue;
    try {
      const text = render(e, cutArticle(await readSource(e.source, mirrors), e.cut));
      const h = sha256(text);
      if (e.sha256 && e.sha256 !== h) throw new Error(`corpus: ${e.file}: text differs from the recorded sha256 (got ${h})`);
      if (opts.print) process.stdout.write(`==> ${e.file} sha256 ${h}\n${text}\n`);
      writeFileSync(join(articlesDir, e.file), text);
      written.push(e.file);
    } catch (err) {
      failed.push({ file: e.file, reason: (err as Error).message });
    }
  }
  return { total: manifest.articles.length, written, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const mi = args.indexOf("--manifest");
  const manifest = mi >= 0 ? resolve(args.splice(mi, 2)[1] ?? "") : undefined;
  const only = args.filter((a) => !a.startsWith("--"));
  const r = await materialize({ only, manifest, print: args.includes("--print") });
  for (const f of r.failed) console.error(`skipped ${f.file}: ${f.reason}`);
  console.error(`corpus: ${r.written.length} written to ${articlesDir}, ${r.failed.length} skipped, of ${r.total}`);
  process.exitCode = r.failed.length && !r.written.length ? 1 : 0;
}
