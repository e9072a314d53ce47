import { describe, expect, it } from "vitest";
import { canonicalizeUrl, isSameSite, isTrackingParam, pickCanonical } from "../../src/ingest/canonical-url.ts";

describe("canonicalizeUrl", () => {
  it.each([
    ["drops the fragment", "https://vnexpress.net/a-123.html#box-comment", "https://vnexpress.net/a-123.html"],
    ["drops utm_* and keeps real params", "https://example.com/news?id=7&utm_source=fb&utm_medium=social", "https://example.com/news?id=7"],
    ["drops fbclid/gclid", "https://example.com/a?fbclid=IwAR0x&gclid=Cj0", "https://example.com/a"],
    ["drops Zalo's zarsrc and gidzl", "https://tuoitre.vn/bai-viet.htm?zarsrc=31&gidzl=abc-XYZ&utm_campaign=x", "https://tuoitre.vn/bai-viet.htm"],
    ["drops mc_cid, mc_eid, igshid, _ga, ref_src", "https://e.com/p?mc_cid=1&mc_eid=2&igshid=3&_ga=4&ref_src=twsrc&q=ok", "https://e.com/p?q=ok"],
    ["tracking names are case-insensitive", "https://e.com/p?UTM_Source=x&FBCLID=y", "https://e.com/p"],
    ["sorts remaining params (stable for repeats)", "https://e.com/s?z=1&a=2&m=3&a=1", "https://e.com/s?a=2&a=1&m=3&z=1"],
    ["lower-cases scheme and host", "HTTPS://Example.COM/Path/Keep", "https://example.com/Path/Keep"],
    ["drops the default port", "https://e.com:443/a", "https://e.com/a"],
    ["drops the default http port", "http://e.com:80/a", "http://e.com/a"],
    ["keeps a non-default port", "http://e.com:8080/a", "http://e.com:8080/a"],
    ["removes a trailing ?", "https://e.com/a?", "https://e.com/a"],
    ["removes a ? left empty by tracking", "https://e.com/a?utm_source=x#top", "https://e.com/a"],
    ["decodes unreserved percent-escapes", "https://e.com/%7Euser/%41bc", "https://e.com/~user/Abc"],
    ["upper-cases other percent-escapes", "https://e.com/tin-t%e1%bb%a9c?q=%c4%91", "https://e.com/tin-t%E1%BB%A9c?q=%C4%91"],
    ["encodes raw Vietnamese in the path", "https://e.com/quốc-phòng", "https://e.com/qu%E1%BB%91c-ph%C3%B2ng"],
    ["resolves dot segments", "https://e.com/a/b/../c/./d", "https://e.com/a/c/d"],
    ["drops user info", "https://user:pw@e.com/a", "https://e.com/a"],
    ["punycodes an IDN host", "https://báo.vn/a", "https://xn--bo-mia.vn/a"],
  ])("%s", (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    ["relative path", "../tin/a.html", "https://e.com/x/y/z.html", "https://e.com/x/tin/a.html"],
    ["root-relative", "/a?utm_source=x", "https://e.com/x/y", "https://e.com/a"],
    ["protocol-relative", "//cdn.e.com/a", "https://e.com/", "https://cdn.e.com/a"],
  ])("resolves against a base: %s", (_name, input, base, expected) => {
    expect(canonicalizeUrl(input, base)).toBe(expected);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["mailto:", "mailto:a@b.c"],
    ["file:", "file:///etc/passwd"],
    ["relative without base", "/a/b"],
    ["garbage", "not a url"],
    ["empty", ""],
  ])("rejects %s", (_name, input) => {
    expect(canonicalizeUrl(input)).toBeNull();
  });

  it("the same article reached with tracking parameters and fragments maps to one URL", () => {
    const variants = [
      "https://baoquocphong.vn/bai-1.html",
      "https://BaoQuocPhong.vn/bai-1.html?utm_source=zalo&zarsrc=30",
      "https://baoquocphong.vn:443/bai-1.html#comments",
      "https://baoquocphong.vn/bai-1.html?fbclid=abc&gidzl=q",
    ];
    expect(new Set(variants.map((v) => canonicalizeUrl(v))).size).toBe(1);
  });

  it.each([["utm_content", true], ["fbclid", true], ["id", false], ["utmost", false]])("isTrackingParam(%s) = %s", (n, e) => {
    expect(isTrackingParam(n)).toBe(e);
  });
});

describe("pickCanonical", () => {
  const page = "https://www.qdnd.vn/quoc-phong/bai-9?utm_source=rss#top";
  it.each([
    ["rel=canonical on the same site wins", { relCanonical: "https://www.qdnd.vn/bai-9", ogUrl: "https://www.qdnd.vn/og-9" }, "https://www.qdnd.vn/bai-9"],
    ["og:url when there is no rel=canonical", { relCanonical: null, ogUrl: "https://qdnd.vn/og-9?fbclid=1" }, "https://qdnd.vn/og-9"],
    ["a relative rel=canonical is resolved against the page", { relCanonical: "/bai-9" }, "https://www.qdnd.vn/bai-9"],
    ["another subdomain of the same registrable domain is fine", { relCanonical: "https://m.qdnd.vn/bai-9" }, "https://m.qdnd.vn/bai-9"],
    ["a hostile canonical on another site is ignored, og:url used", { relCanonical: "https://evil.example/bai-9", ogUrl: "https://www.qdnd.vn/og-9" }, "https://www.qdnd.vn/og-9"],
    ["both foreign: the page URL", { relCanonical: "https://evil.example/x", ogUrl: "https://other.vn/y" }, "https://www.qdnd.vn/quoc-phong/bai-9"],
    ["a different site under the same public suffix (com.vn) is foreign", { relCanonical: "https://other.com.vn/x" }, "https://www.qdnd.vn/quoc-phong/bai-9"],
    ["a non-http canonical is ignored", { relCanonical: "javascript:alert(1)" }, "https://www.qdnd.vn/quoc-phong/bai-9"],
    ["nothing given: the page URL canonicalized", {}, "https://www.qdnd.vn/quoc-phong/bai-9"],
  ])("%s", (_name, cands, expected) => {
    expect(pickCanonical(page, cands)).toBe(expected);
  });

  it("same public suffix but different owners are different sites", () => {
    expect(isSameSite("https://a.com.vn/x", "https://b.com.vn/y")).toBe(false);
    expect(isSameSite("https://www.a.com.vn/x", "https://m.a.com.vn/y")).toBe(true);
  });
});
