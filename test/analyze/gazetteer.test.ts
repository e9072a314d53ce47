import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";

const g = loadGazetteer();

describe("country directory", () => {
  it("has every ISO 3166-1 country (249) plus Kosovo", () => {
    expect(g.allCountries()).toHaveLength(250);
    expect(new Set(g.allCountries().map((c) => c.code)).size).toBe(250);
  });

  it.each([
    ["CN", "China", "Trung Quốc", "Chinese"],
    ["RU", "Russia", "Nga", "Russian"],
    ["US", "United States", "Mỹ", "American"],
    ["KP", "North Korea", "Triều Tiên", "North Korean"],
    ["KR", "South Korea", "Hàn Quốc", "South Korean"],
    ["BY", "Belarus", "Belarus", "Belarusian"],
    ["VN", "Vietnam", "Việt Nam", "Vietnamese"],
    ["IR", "Iran", "Iran", "Iranian"],
    ["LA", "Laos", "Lào", "Laotian"],
    ["GB", "United Kingdom", "Anh", "British"],
  ])("country(%s) → %s / %s / %s", (code, en, vi, demonymEn) => {
    expect(g.country(code)).toMatchObject({ code, en, vi, demonymEn });
    expect(g.country(code.toLowerCase())?.code).toBe(code);
  });

  it("returns null for an unknown code", () => {
    expect(g.country("ZZ")).toBeNull();
    expect(g.country("")).toBeNull();
  });

  it.each([
    ["english", "china", "CN"],
    ["english, capitalised", "China", "CN"],
    ["vietnamese", "Trung Quốc", "CN"],
    ["vietnamese without diacritics", "trung quoc", "CN"],
    ["vietnamese upper case", "TRUNG QUỐC", "CN"],
    ["alpha-2", "CN", "CN"],
    ["alpha-3", "CHN", "CN"],
    ["alias PRC", "PRC", "CN"],
    ["russia", "russia", "RU"],
    ["Nga", "Nga", "RU"],
    ["russian federation", "russian federation", "RU"],
    ["usa", "usa", "US"],
    ["us", "us", "US"],
    ["america", "america", "US"],
    ["Mỹ", "Mỹ", "US"],
    ["Hoa Kỳ", "Hoa Kỳ", "US"],
    ["hoa ky", "hoa ky", "US"],
    ["uk", "uk", "GB"],
    ["britain", "britain", "GB"],
    ["multiword north korea", "north korea", "KP"],
    ["dprk", "dprk", "KP"],
    ["Triều Tiên", "Triều Tiên", "KP"],
    ["south korea", "south korea", "KR"],
    ["rok", "rok", "KR"],
    ["belarus", "belarus", "BY"],
    ["Belarus (Bạch Nga)", "Belarus (Bạch Nga)", "BY"],
    ["Bạch Nga", "bach nga", "BY"],
    ["laos", "laos", "LA"],
    ["Lào", "Lào", "LA"],
    ["vietnam", "vietnam", "VN"],
    ["viet nam", "viet nam", "VN"],
    ["Việt Nam", "Việt Nam", "VN"],
    ["burma", "burma", "MM"],
    ["myanmar", "myanmar", "MM"],
    ["iran", "iran", "IR"],
    ["türkiye", "türkiye", "TR"],
    ["turkey", "turkey", "TR"],
    ["czechia", "czechia", "CZ"],
    ["đ/d: Đức", "duc", "DE"],
    ["Ấn Độ without diacritics", "an do", "IN"],
    ["demonym", "Russian", "RU"],
    ["NFD input", "Trung Quốc".normalize("NFD"), "CN"],
    ["surrounding spaces", "  japan ", "JP"],
  ])("resolveCountryName: %s (%s) → %s", (_name, q, code) => {
    expect(g.resolveCountryName(q)?.code).toBe(code);
  });

  it.each([
    ["empty", ""],
    ["nonsense", "xyzzy"],
    ["ambiguous Congo", "congo"],
    ["a sentence", "china and belarus"],
    ["four letters, not a code", "abcd"],
  ])("resolveCountryName: %s → null", (_name, q) => {
    expect(g.resolveCountryName(q)).toBeNull();
  });

  it.each([
    ["belarys", "BY"],
    ["chnia", "CN"],
    ["rusia", "RU"],
    ["vietnma", "VN"],
    ["trung quc", "CN"],
    ["north koera", "KP"],
    ["kazakstan", "KZ"],
  ])("suggestCountries(%s) starts with %s", (q, code) => {
    const s = g.suggestCountries(q);
    expect(s[0]?.code).toBe(code);
    expect(s.length).toBeLessThanOrEqual(3);
  });

  it("suggestCountries respects n and finds nothing for a far string", () => {
    expect(g.suggestCountries("belarys", 1)).toHaveLength(1);
    expect(g.suggestCountries("qqqqqqqqqqqq")).toEqual([]);
  });
});
