import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, charsetFromMarkup, decodeBody } from "../../src/ingest/encoding.ts";

/**
 * Real windows-1258 bytes for Vietnamese text. iconv-lite maps only the precomposed letters the
 * code page has (â ê ô ă ơ ư đ, some toned vowels); the others are written as in the wild: base
 * letter, then the tone as a combining mark (CC EC DE D2 F2).
 */
function toCp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return Buffer.concat(
    [...s.normalize("NFC")].map((ch) => {
      const direct = iconv.encode(ch, "windows-1258");
      if (ch === "?" || direct.toString("latin1") !== "?") return direct;
      const d = ch.normalize("NFD");
      const marks = (d.match(tones) ?? []).join("");
      return iconv.encode(d.replace(tones, "").normalize("NFC") + marks, "windows-1258");
    }),
  );
}

const VI = "Bộ trưởng Quốc phòng Việt Nam tiếp Đại sứ Belarus; hai bên nhất trí tăng cường hợp tác đào tạo và diễn tập.";
const EN = "Café talks in Zürich: the ministers’ naïve résumé of “joint exercises” — déjà vu.";
const html = (head: string, body: string) => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

describe("toCp1258 (test helper) produces real single-byte text", () => {
  it("has no '?' and uses combining tones", () => {
    const b = toCp1258(VI);
    expect(b.includes(0x3f)).toBe(false);
    expect(b.length).toBeGreaterThan(VI.length - 5);
    expect(iconv.decode(b, "windows-1258").normalize("NFC")).toBe(VI);
  });
});

describe("decodeBody", () => {
  it.each([
    {
      name: "windows-1258 named in the header",
      bytes: () => toCp1258(html("", VI)),
      ct: "text/html; charset=windows-1258",
      charset: "windows-1258",
      source: "header",
    },
    {
      name: "windows-1258 named by <meta http-equiv>",
      bytes: () => toCp1258(html('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">', VI)),
      ct: "text/html",
      charset: "windows-1258",
      source: "meta",
    },
    {
      name: "windows-1258 named by the XML declaration",
      bytes: () => toCp1258(`<?xml version="1.0" encoding="windows-1258"?><rss><channel><title>${VI}</title></channel></rss>`),
      ct: "application/rss+xml",
      charset: "windows-1258",
      source: "meta",
    },
    {
      name: "windows-1258 with no declaration at all (sniffed)",
      bytes: () => toCp1258(html("", VI)),
      ct: null,
      charset: "windows-1258",
      source: "sniffed",
    },
    {
      name: "meta says utf-8 but the bytes are windows-1258 (wrong declaration, sniffed)",
      bytes: () => toCp1258(html('<meta charset="utf-8">', VI)),
      ct: "text/html",
      charset: "windows-1258",
      source: "sniffed",
    },
    {
      name: "header says iso-8859-1 but the bytes are UTF-8 Vietnamese (wrong declaration, sniffed)",
      bytes: () => Buffer.from(html("", VI), "utf8"),
      ct: "text/html; charset=ISO-8859-1",
      charset: "utf-8",
      source: "sniffed",
    },
    {
      name: "UTF-8 named by <meta charset>",
      bytes: () => Buffer.from(html('<meta charset="utf-8">', VI), "utf8"),
      ct: "text/html",
      charset: "utf-8",
      source: "meta",
    },
    {
      name: "UTF-8 with no declaration (default)",
      bytes: () => Buffer.from(html("", VI), "utf8"),
      ct: null,
      charset: "utf-8",
      source: "default",
    },
    {
      name: "UTF-8 BOM beats a wrong header",
      bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html("", VI), "utf8")]),
      ct: "text/html; charset=windows-1252",
      charset: "utf-8",
      source: "bom",
    },
    {
      name: "UTF-16LE with a BOM",
      bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html("", VI), "utf-16le")]),
      ct: "text/html",
      charset: "utf-16le",
      source: "bom",
    },
    {
      name: "UTF-16BE with a BOM",
      bytes: () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(html("", VI), "utf-16be")]),
      ct: null,
      charset: "utf-16be",
      source: "bom",
    },
    {
      name: "true iso-8859-1 English decoded as its superset windows-1252",
      bytes: () => iconv.encode(html("", EN), "windows-1252"),
      ct: "text/html; charset=iso-8859-1",
      charset: "windows-1252",
      source: "header",
    },
    {
      name: "windows-1252 English with no declaration (sniffed, not mistaken for Vietnamese)",
      bytes: () => iconv.encode(html("", EN), "windows-1252"),
      ct: null,
      charset: "windows-1252",
      source: "sniffed",
    },
    {
      name: "an unknown label is ignored",
      bytes: () => Buffer.from(html("", VI), "utf8"),
      ct: "text/html; charset=x-klingon",
      charset: "utf-8",
      source: "default",
    },
  ])("$name", ({ bytes, ct, charset, source }) => {
    const r = decodeBody(bytes(), ct);
    expect(r.charset).toBe(charset);
    expect(r.source).toBe(source);
    const expectedText = r.text.includes("Zürich") ? EN : VI;
    expect(r.text).toContain(expectedText);
    expect(r.text).toBe(r.text.normalize("NFC"));
  });

  it("NFD text (decomposed Vietnamese) comes out NFC", () => {
    const nfd = VI.normalize("NFD");
    expect(nfd).not.toBe(VI);
    const r = decodeBody(Buffer.from(html('<meta charset="utf-8">', nfd), "utf8"), null);
    expect(r.text).toContain(VI);
    expect(r.text).not.toContain(nfd);
  });

  it("plain ASCII with a header charset keeps the header as source", () => {
    const r = decodeBody(Buffer.from("hello world"), "text/plain; charset=windows-1258");
    expect(r).toEqual({ text: "hello world", charset: "windows-1258", source: "header" });
  });
});

describe("charset declarations", () => {
  it.each([
    ["text/html; charset=UTF-8", "UTF-8"],
    ['application/rss+xml;charset="windows-1258"', "windows-1258"],
    ["text/html", null],
    [null, null],
  ])("charsetFromContentType(%s) = %s", (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });

  it.each([
    ['<meta charset="windows-1258">', "windows-1258"],
    ["<meta charset=utf-8 />", "utf-8"],
    ['<META HTTP-EQUIV="content-type" CONTENT="text/html; charset=windows-1252">', "windows-1252"],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><rss/>', "ISO-8859-1"],
    ['<meta name="description" content="charset talk">', null],
  ])("charsetFromMarkup(%s) = %s", (markup, expected) => {
    expect(charsetFromMarkup(Buffer.from(markup))).toBe(expected);
  });
});
