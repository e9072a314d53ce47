import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../src/analyze/gazetteer.ts";

// people-history.json: office holders of 1989–2015, and earlier roles added to people of the other files.
const g = loadGazetteer();

describe("people of 1989–2015 are placed in their country at a date inside a role", () => {
  it.each([
    ["bill-clinton", "1998-06-01", "US", "head_of_state"],
    ["boris-yeltsin", "1995-01-01", "RU", "head_of_state"],
    ["jiang-zemin", "2000-01-01", "CN", "head_of_state"],
    ["wen-jiabao", "2010-01-01", "CN", "head_of_government"],
    ["chi-haotian", "1999-01-01", "CN", "defense_minister"],
    ["junichiro-koizumi", "2004-01-01", "JP", "head_of_government"],
    ["tony-blair", "2003-03-01", "GB", "head_of_government"],
    ["gerhard-schroder", "2002-01-01", "DE", "head_of_government"],
    ["manmohan-singh", "2008-01-01", "IN", "head_of_government"],
    ["kim-dae-jung", "2000-06-01", "KR", "head_of_state"],
    ["kim-jong-il", "2005-01-01", "KP", "head_of_state"],
    ["vo-van-kiet", "1995-07-01", "VN", "head_of_government"],
    ["pham-van-tra", "2003-01-01", "VN", "defense_minister"],
    ["ehud-barak", "2009-01-01", "IL", "defense_minister"],
    ["hosni-mubarak", "2005-01-01", "EG", "head_of_state"],
    ["thaksin-shinawatra", "2004-01-01", "TH", "head_of_government"],
    ["khamtai-siphandone", "2000-01-01", "LA", "head_of_state"],
    ["robert-gates", "2009-01-01", "US", "defense_minister"],
    // a national office before an international one
    ["ban-ki-moon", "2005-01-01", "KR", "foreign_minister"],
    ["george-robertson", "1998-01-01", "GB", "defense_minister"],
    // earlier roles added to people of the 2015–2026 files
    ["vladimir-putin", "2004-01-01", "RU", "head_of_state"],
    ["dmitry-medvedev", "2010-01-01", "RU", "head_of_state"],
    ["shinzo-abe", "2007-01-01", "JP", "head_of_government"],
    ["benjamin-netanyahu", "1997-01-01", "IL", "head_of_government"],
    ["abdel-fattah-el-sisi", "2013-01-01", "EG", "defense_minister"],
  ])("personRole(%s, %s) → %s %s", (id, at, country, role) => {
    expect(g.personRole(id, at)).toMatchObject({ country, role });
  });

  it.each([
    ["kofi-annan", "2003-01-01"],
    ["ban-ki-moon", "2010-01-01"],
    ["boutros-boutros-ghali", "1994-01-01"],
    ["javier-solana", "1997-01-01"],
    ["anders-fogh-rasmussen", "2012-01-01"],
    ["manfred-worner", "1990-01-01"],
  ])("a UN or NATO secretary-general acts for no country: %s at %s", (id, at) => {
    expect(g.personRole(id, at)).toMatchObject({ country: null, role: "other" });
  });

  it.each([
    ["US", "head_of_state", "1990-06-01", "george-h-w-bush"],
    ["US", "defense_minister", "2003-01-01", "donald-rumsfeld"],
    ["CN", "head_of_government", "1995-01-01", "li-peng"],
    ["VN", "foreign_minister", "1995-01-01", "nguyen-manh-cam"],
    ["FR", "head_of_state", "2000-01-01", "jacques-chirac"],
    ["AU", "head_of_government", "2000-01-01", "john-howard"],
  ])("officeHolder(%s, %s, %s) → %s", (country, role, at, id) => {
    expect(g.officeHolder(country, role, at)).toBe(id);
  });
});

describe("names of 1989–2015 office holders in text", () => {
  const found = (text: string, at: string): string[] =>
    g.findMentions(text, { at }).filter((m) => m.kind === "person").map((m) => `${m.entityId}:${m.country}:${m.text}`);

  it.each([
    ["hán-việt name of a Chinese premier", "Thủ tướng Ôn Gia Bảo", "2008-01-01", "wen-jiabao:CN:Ôn Gia Bảo"],
    ["hán-việt name of a Chinese president", "Chủ tịch Giang Trạch Dân", "1999-01-01", "jiang-zemin:CN:Giang Trạch Dân"],
    ["a surname after a title", "President Yeltsin", "1996-01-01", "boris-yeltsin:RU:Yeltsin"],
    ["a US president by surname", "Tổng thống Clinton", "2000-11-01", "bill-clinton:US:Clinton"],
    ["a Vietnamese name with diacritics", "Thủ tướng Phan Văn Khải", "2005-06-01", "phan-van-khai:VN:Phan Văn Khải"],
    ["a Vietnamese name without diacritics", "Prime Minister Phan Van Khai", "2005-06-01", "phan-van-khai:VN:Phan Van Khai"],
    ["a korean name with spaces for hyphens", "Kim Dae Jung", "2000-06-01", "kim-dae-jung:KR:Kim Dae Jung"],
    ["the full name wins over another person's surname key", "Ban Ki-moon", "2010-01-01", "ban-ki-moon:null:Ban Ki-moon"],
    ["a NATO secretary-general", "Javier Solana", "1998-01-01", "javier-solana:null:Javier Solana"],
  ])("%s", (_name, text, at, expected) => {
    expect(found(text, at)).toEqual([expected]);
  });
});
