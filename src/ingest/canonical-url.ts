/**
 * One URL per article: the same page reached through a share link, a newsletter or a feed must map
 * to one string so it is stored once. Pure functions, no I/O.
 */
import { getDomain } from "tldts";

/**
 * Query parameters that only track the visitor and never select content. Exact names; every
 * `utm_*` is dropped too. zarsrc/gidzl come from Zalo shares, common on Vietnamese outlets.
 */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "zarsrc",
  "gidzl",
  "mc_cid",
  "mc_eid",
  "igshid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "ref_src",
]);

/** True when a query parameter name is a tracking parameter we drop. */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("utm_") || TRACKING_PARAMS.has(n);
}

/**
 * The canonical form of an absolute http(s) URL (or `url` resolved against `base`), or null when it
 * is not one: lower-case host, no default port, no fragment, no tracking parameters, remaining
 * parameters sorted, percent-encoding normalized (unreserved characters decoded, hex upper case).
 */
export function canonicalizeUrl(url: string, base?: string): string | null {
  let u: URL;
  try {
    u = base === undefined ? new URL(url.trim()) : new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (!u.hostname) return null;
  // WHATWG URL already lower-cases the host, punycodes IDNs, drops default ports and dot segments.
  u.hash = "";
  u.username = "";
  u.password = "";
  u.pathname = normalizePercent(u.pathname);
  const params = u.search
    .slice(1)
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const rawKey = eq < 0 ? p : p.slice(0, eq);
      const rawVal = eq < 0 ? null : p.slice(eq + 1);
      return { key: normalizePercent(rawKey), val: rawVal === null ? null : normalizePercent(rawVal), name: safeDecode(rawKey) };
    })
    .filter((p) => !isTrackingParam(p.name));
  // Stable sort on the key only keeps the order of repeated keys (a=2&a=1 may mean a list).
  params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const search = params.map((p) => (p.val === null ? p.key : `${p.key}=${p.val}`)).join("&");
  u.search = search ? "?" + search : "";
  const out = u.toString();
  // `new URL("https://x/a?")` keeps a bare "?"; an empty query means none.
  return out.endsWith("?") ? out.slice(0, -1) : out;
}

/**
 * The URL to store for a page: its rel=canonical, else its og:url, when that is http(s) and on the
 * same site (same registrable domain) as the page, so a hostile page cannot claim another site's
 * URL; otherwise the page URL. Always canonicalized. Falls back to `pageUrl` as given if even that
 * cannot be canonicalized.
 */
export function pickCanonical(pageUrl: string, candidates: { relCanonical?: string | null; ogUrl?: string | null }): string {
  const page = canonicalizeUrl(pageUrl);
  if (!page) return pageUrl;
  for (const cand of [candidates.relCanonical, candidates.ogUrl]) {
    if (!cand) continue;
    const c = canonicalizeUrl(cand, page);
    if (c && isSameSite(page, c)) return c;
  }
  return page;
}

/** True when two absolute URLs share a registrable domain (IP hosts: the same address). */
export function isSameSite(a: string, b: string): boolean {
  const ha = new URL(a).hostname;
  const hb = new URL(b).hostname;
  if (ha === hb) return true;
  const da = getDomain(ha);
  const db = getDomain(hb);
  return da !== null && da === db;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes %XX of unreserved characters and upper-cases the hex of the rest ("%7e" → "~", "%c3%a2" → "%C3%A2"). */
function normalizePercent(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : "%" + hex.toUpperCase();
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
