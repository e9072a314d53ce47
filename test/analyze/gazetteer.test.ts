import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGazetteer, loadGazetteer, readGazetteerData } from "../../src/analyze/gazetteer.ts";

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
    ["leading article", "the US", "US"],
    ["Hán-Việt alias", "Đài Loan", "TW"],
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
    ["moscow (a capital suggests its country)", "RU"],
    ["hàn (a short form suggests its country)", "KR"],
  ])("suggestCountries(%s) starts with %s", (q, code) => {
    const s = g.suggestCountries(q.split(" (")[0]!);
    expect(s[0]?.code).toBe(code);
    expect(s.length).toBeLessThanOrEqual(3);
  });

  it("suggestCountries offers both Koreas for 'korea'", () => {
    expect(g.suggestCountries("korea", 2).map((c) => c.code).sort()).toEqual(["KP", "KR"]);
  });

  it("suggestCountries respects n and finds nothing for a far string", () => {
    expect(g.suggestCountries("belarys", 1)).toHaveLength(1);
    expect(g.suggestCountries("qqqqqqqqqqqq")).toEqual([]);
    expect(g.suggestCountries("nk")).toEqual([]);
  });
});

/** Compact view of the mentions: "kind via country|entity «text»". */
function summarize(text: string, at?: string): string[] {
  return g.findMentions(text, { at }).map((m) => `${m.kind}:${m.via}:${m.country ?? m.entityId}:${m.text}`);
}

describe("findMentions: countries", () => {
  it.each([
    ["vietnamese name", "Quân đội Trung Quốc tập trận", ["country:name:CN:Trung Quốc"]],
    ["without diacritics", "quan doi Trung Quoc tap tran voi Nga", ["country:name:CN:Trung Quoc", "country:name:RU:Nga"]],
    ["upper case", "TRUNG QUỐC VÀ NGA", ["country:name:CN:TRUNG QUỐC", "country:name:RU:NGA"]],
    ["đ/d folded", "Thủ tướng Đức và Ấn Độ", ["country:name:DE:Đức", "country:name:IN:Ấn Độ"]],
    ["english names", "China and Belarus held drills with the United States watching", ["country:name:CN:China", "country:name:BY:Belarus", "country:name:US:United States"]],
    ["hải quân Nga contains the name", "hải quân Nga và phía Belarus", ["country:name:RU:Nga", "country:name:BY:Belarus"]],
    ["Hoa Kỳ", "Bộ Quốc phòng Hoa Kỳ", ["country:name:US:Hoa Kỳ"]],
    ["Đông Timor is one country", "Đông Timor gia nhập", ["country:name:TL:Đông Timor"]],
    ["Nam Phi is not Nam", "Nam Phi và miền Nam", ["country:name:ZA:Nam Phi"]],
    ["Hàn Quốc is not Hàn", "Hàn Quốc", ["country:name:KR:Hàn Quốc"]],
    ["Triều Tiên is not Triều", "Triều Tiên phóng tên lửa", ["country:name:KP:Triều Tiên"]],
    ["Georgia is kept as the country", "Georgia and Azerbaijan", ["country:name:GE:Georgia", "country:name:AZ:Azerbaijan"]],
    ["acronyms upper case only", "PRC and DPRK; us and them; the US", ["country:name:CN:PRC", "country:name:KP:DPRK", "country:name:US:US"]],
  ])("%s", (_name, text, expected) => {
    expect(summarize(text)).toEqual(expected);
  });

  it("works on NFD input and returns offsets into the NFD text", () => {
    const text = "Hải quân Nga và Trung Quốc tuần tra ở Biển Nhật Bản".normalize("NFD");
    const ms = g.findMentions(text);
    expect(ms.map((m) => `${m.kind}:${m.country ?? m.entityId}`)).toEqual(["country:RU", "country:CN", "place:sea-of-japan"]);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(ms[1]!.text.normalize("NFC")).toBe("Trung Quốc");
  });

  it("offsets point into the original text", () => {
    const text = "Theo TTXVN, Bộ trưởng Quốc phòng Nga đã tới Minsk.";
    for (const m of g.findMentions(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe("findMentions: short forms only in pair forms", () => {
  it.each([
    ["Nga – Trung", "quan hệ Nga – Trung", ["country:name:RU:Nga", "country:short:CN:Trung"]],
    ["Trung-Nga", "tập trận Trung-Nga", ["country:short:CN:Trung", "country:name:RU:Nga"]],
    ["Việt - Lào", "quan hệ Việt - Lào", ["country:short:VN:Việt", "country:name:LA:Lào"]],
    ["Mỹ-Hàn", "tập trận Mỹ-Hàn", ["country:name:US:Mỹ", "country:short:KR:Hàn"]],
    ["Mỹ - Nhật - Hàn chain", "Mỹ - Nhật - Hàn", ["country:name:US:Mỹ", "country:name:JP:Nhật", "country:short:KR:Hàn"]],
    ["two shorts", "Việt-Trung", ["country:short:VN:Việt", "country:short:CN:Trung"]],
    ["Trung-Ấn", "biên giới Trung-Ấn", ["country:short:CN:Trung", "country:short:IN:Ấn"]],
    ["Trung alone is not China", "trung tâm, Trung Đông, trung thành, miền Trung", ["place:name:middle-east:Trung Đông"]],
    ["Trung beside a region is not a pair", "miền Trung - Nam Bộ", []],
    ["Trung - Phi is China-Africa, not a pair of countries", "hợp tác Trung - Phi và Trung - Âu", []],
    ["Hàn alone is not Korea", "thợ hàn, ông Hàn", []],
    ["Nga inside other syllables", "Ngay ngang ngã ngà", []],
    ["Trung Quốc never also yields Trung", "Nga-Trung Quốc", ["country:name:RU:Nga", "country:name:CN:Trung Quốc"]],
  ])("%s", (_name, text, expected) => {
    expect(summarize(text)).toEqual(expected);
  });
});

describe("findMentions: common words that fold to a country name", () => {
  it.each([
    ["mỹ phẩm, thẩm mỹ", "mỹ phẩm và thẩm mỹ viện", []],
    ["Mỹ phẩm at sentence start", "Mỹ phẩm bán chạy.", []],
    ["pháp luật, biện pháp", "Pháp luật và biện pháp", []],
    ["Pháp the country", "Tổng thống Pháp", ["country:name:FR:Pháp"]],
    ["Đức as a given name", "ông Nguyễn Minh Đức", []],
    ["Đức Phật, Đức tin", "Đức Phật. Đức tin", []],
    ["Anh as a pronoun", "Anh ấy nói. Anh cho biết.", []],
    ["Anh as a given name", "Nguyễn Tuấn Anh", []],
    ["Anh the country", "Thủ tướng Anh và Pháp", ["country:name:GB:Anh", "country:name:FR:Pháp"]],
    ["Ý kiến", "Ý kiến của chuyên gia", []],
    ["Chủ Nhật", "hôm Chủ Nhật", []],
    ["lao động", "người lao động", []],
    ["Lào Cai", "tỉnh Lào Cai", []],
    ["Nga as a given name", "chị Nguyễn Thị Nga", []],
    ["Nga after a sentence-initial word", "Theo Nga, cuộc tập trận diễn ra.", ["country:name:RU:Nga"]],
    ["bylines are names", "Việt Nam. Minh Anh. Đức Anh Tin cùng chủ đề", ["country:name:VN:Việt Nam"]],
    ["Với Mỹ at sentence start", "Với Mỹ, Hà Nội giữ quan hệ tốt.", ["country:name:US:Mỹ", "country:metonym:VN:Hà Nội"]],
    ["Mỹ before a name", "Tổng thống Mỹ Joe Biden", ["country:name:US:Mỹ", "person:person:US:Joe Biden"]],
    ["english common words", "roast turkey, a china cup, Chad and Turkey", ["country:name:TD:Chad", "country:name:TR:Turkey"]],
  ])("%s", (_name, text, expected) => {
    expect(summarize(text, "2023-01-01")).toEqual(expected);
  });
});

describe("findMentions: metonyms, demonyms, organizations, places", () => {
  it.each([
    ["Bắc Kinh", "Bắc Kinh phản đối", ["country:metonym:CN:Bắc Kinh"]],
    ["Moskva / Mátxcơva", "Moskva và Mátxcơva", ["country:metonym:RU:Moskva", "country:metonym:RU:Mátxcơva"]],
    ["Điện Kremlin", "Điện Kremlin cho biết", ["country:metonym:RU:Điện Kremlin"]],
    ["Lầu Năm Góc, Nhà Trắng", "Lầu Năm Góc và Nhà Trắng", ["country:metonym:US:Lầu Năm Góc", "country:metonym:US:Nhà Trắng"]],
    ["Bình Nhưỡng, Seoul", "Bình Nhưỡng cảnh báo Seoul", ["country:metonym:KP:Bình Nhưỡng", "country:metonym:KR:Seoul"]],
    ["english capitals", "Beijing, Moscow, Pyongyang, the Kremlin and the Pentagon", ["country:metonym:CN:Beijing", "country:metonym:RU:Moscow", "country:metonym:KP:Pyongyang", "country:metonym:RU:the Kremlin", "country:metonym:US:the Pentagon"]],
    ["Viêng Chăn, Naypyidaw, Ulan Bator", "Viêng Chăn, Naypyidaw, Ulan Bator", ["country:metonym:LA:Viêng Chăn", "country:metonym:MM:Naypyidaw", "country:metonym:MN:Ulan Bator"]],
    ["demonyms", "Russian and Chinese troops, a Belarusian general, American and Vietnamese officials", ["country:demonym:RU:Russian", "country:demonym:CN:Chinese", "country:demonym:BY:Belarusian", "country:demonym:US:American", "country:demonym:VN:Vietnamese"]],
    ["North Korean demonym", "North Korean troops", ["country:demonym:KP:North Korean"]],
    ["SCO in vietnamese has no country", "Tổ chức Hợp tác Thượng Hải (SCO)", ["org:org:sco:Tổ chức Hợp tác Thượng Hải", "org:org:sco:SCO"]],
    ["EU is not a country", "Liên minh châu Âu (EU)", ["org:org:eu:Liên minh châu Âu", "org:org:eu:EU"]],
    ["UN contains no country", "Liên hợp quốc và Hội đồng Bảo an", ["org:org:un:Liên hợp quốc", "org:org:un:Hội đồng Bảo an"]],
    ["NATO, CSTO, ASEAN", "NATO, CSTO và Hiệp hội các quốc gia Đông Nam Á", ["org:org:nato:NATO", "org:org:csto:CSTO", "org:org:asean:Hiệp hội các quốc gia Đông Nam Á"]],
    ["english orgs", "the Shanghai Cooperation Organisation, BRICS and the Organization of American States", ["org:org:sco:Shanghai Cooperation Organisation", "org:org:brics:BRICS", "org:org:oas:Organization of American States"]],
    ["Biển Nhật Bản is a sea", "Biển Nhật Bản", ["place:name:sea-of-japan:Biển Nhật Bản"]],
    ["Sea of Japan, East China Sea", "the Sea of Japan and the East China Sea", ["place:name:sea-of-japan:Sea of Japan", "place:name:east-china-sea:East China Sea"]],
    ["biển Hoa Đông, Biển Đông", "biển Hoa Đông và Biển Đông", ["place:name:east-china-sea:biển Hoa Đông", "place:name:south-china-sea:Biển Đông"]],
    ["Bán đảo Triều Tiên", "trên Bán đảo Triều Tiên", ["place:name:korean-peninsula:Bán đảo Triều Tiên"]],
    ["Ấn Độ Dương", "Ấn Độ Dương", ["place:name:indian-ocean:Ấn Độ Dương"]],
    ["Nam Mỹ is not the US", "Nam Mỹ và Mỹ Latinh", ["place:name:americas:Nam Mỹ", "place:name:americas:Mỹ Latinh"]],
    ["outlets are not sides", "theo South China Morning Post và Thông tấn xã Việt Nam (TTXVN)", ["org:org:media:South China Morning Post", "org:org:media:Thông tấn xã Việt Nam", "org:org:media:TTXVN"]],
    ["one-word org names are proper nouns", "the dawn of an era, Dawn said", ["org:org:media:Dawn"]],
  ])("%s", (_name, text, expected) => {
    expect(summarize(text)).toEqual(expected);
  });

  it("placeOf tells capitals from seats of power and places", () => {
    const [minsk, kremlin, sea, country] = g.findMentions("Minsk, Điện Kremlin, Hoàng Hải, Nga");
    expect(g.placeOf(minsk!)).toEqual({ name: "Minsk", country: "BY", kind: "capital" });
    expect(g.placeOf(kremlin!)).toMatchObject({ country: "RU", kind: "seat" });
    expect(g.placeOf(sea!)).toMatchObject({ country: null, kind: "place" });
    expect(g.placeOf(country!)).toBeNull();
  });
});

describe("findMentions: people place their country at a date", () => {
  it.each([
    ["Shoigu in 2020", "Ông Shoigu", "2020-06-01", "person:person:RU:Shoigu", "defense_minister"],
    ["Xergây Sôigu, vietnamese spelling", "Đại tướng Xergây Sôigu", "2019-01-01", "person:person:RU:Xergây Sôigu", "defense_minister"],
    ["Shoigu after May 2024", "Sergei Shoigu", "2024-09-01", "person:person:RU:Sergei Shoigu", "security_council_secretary"],
    ["Lý Thượng Phúc in 2023", "Bộ trưởng Lý Thượng Phúc", "2023-08-15", "person:person:CN:Lý Thượng Phúc", "defense_minister"],
    ["Li Shangfu in english", "Li Shangfu", "2023-08-15", "person:person:CN:Li Shangfu", "defense_minister"],
    ["Đổng Quân", "ông Đổng Quân", "2024-05-01", "person:person:CN:Đổng Quân", "defense_minister"],
    ["Dong Jun as navy commander", "Admiral Dong Jun", "2022-05-01", "person:person:CN:Dong Jun", "navy_commander"],
    ["ông Belousov", "ông Belousov", "2024-10-01", "person:person:RU:Belousov", "defense_minister"],
    ["Andrey Belousov variant", "Andrey Belousov", "2025-01-01", "person:person:RU:Andrey Belousov", "defense_minister"],
    ["Nikolai Evmenov variant", "Nikolai Evmenov", "2021-07-01", "person:person:RU:Nikolai Evmenov", "navy_commander"],
    ["Khrenin", "Viktor Khrenin", "2023-08-15", "person:person:BY:Viktor Khrenin", "defense_minister"],
    ["Lukashenko", "ông Lukashenko", "2022-01-01", "person:person:BY:Lukashenko", "head_of_state"],
    ["Phan Văn Giang as defense minister", "Đại tướng Phan Văn Giang", "2022-01-01", "person:person:VN:Phan Văn Giang", "defense_minister"],
    ["Phan Van Giang without diacritics", "General Phan Van Giang", "2019-01-01", "person:person:VN:Phan Van Giang", "chief_of_general_staff"],
    ["Ngô Xuân Lịch", "Ngô Xuân Lịch", "2018-01-01", "person:person:VN:Ngô Xuân Lịch", "defense_minister"],
    ["Tập Cận Bình", "Chủ tịch Tập Cận Bình", "2023-03-20", "person:person:CN:Tập Cận Bình", "head_of_state"],
    ["Ngụy Phượng Hòa, other tone placement", "Ngụy Phượng Hoà", "2019-10-01", "person:person:CN:Ngụy Phượng Hoà", "defense_minister"],
    ["outside all roles: nearest role", "Thường Vạn Toàn", "2024-01-01", "person:person:CN:Thường Vạn Toàn", "defense_minister"],
    ["korean name with spaces for hyphens", "Moon Jae In", "2018-04-27", "person:person:KR:Moon Jae In", "head_of_state"],
    ["korean name with hyphen", "Kim Jong-un", "2019-04-25", "person:person:KP:Kim Jong-un", "head_of_state"],
    ["hán-việt name of a Singaporean", "Thủ tướng Lý Hiển Long", "2019-06-01", "person:person:SG:Lý Hiển Long", "head_of_government"],
  ])("%s", (_name, text, at, expected, role) => {
    const ms = g.findMentions(text, { at });
    expect(ms.map((m) => `${m.kind}:${m.via}:${m.country}:${m.text}`)).toEqual([expected]);
    expect(ms[0]!.role).toBe(role);
  });

  it("a single common syllable never matches a person", () => {
    expect(summarize("Lý do là quân đội. Ông Lý nói. Quân và Cường.")).toEqual([]);
  });

  it.each([
    ["sergei-shoigu", "2020-01-01", { country: "RU", role: "defense_minister" }],
    ["sergei-shoigu", "2024-06-01", { country: "RU", role: "security_council_secretary" }],
    ["li-shangfu", "2023-05-01", { country: "CN", role: "defense_minister" }],
    ["dong-jun", "2024-03-01", { country: "CN", role: "defense_minister" }],
    ["phan-van-giang", "2018-01-01", { country: "VN", role: "chief_of_general_staff" }],
    ["donald-trump", "2023-01-01", { country: "US", role: "head_of_state" }],
  ])("personRole(%s, %s)", (id, at, expected) => {
    expect(g.personRole(id, at)).toMatchObject(expected);
  });

  it("personRole is null for an unknown id", () => {
    expect(g.personRole("nobody", "2020-01-01")).toBeNull();
  });
});

describe("data files", () => {
  const fixtures = fileURLToPath(new URL("../fixtures/gazetteer/", import.meta.url));

  it("builds from a small separate test dictionary", () => {
    const t = createGazetteer(readGazetteerData(join(fixtures, "good")));
    expect(t.stats()).toMatchObject({ countries: 3, organizations: 1, people: 1, roles: 2 });
    expect(t.findMentions("Ông Testov tới Bắc Kinh dự hội nghị Tổ chức Hợp tác Thượng Hải", { at: "2016-05-01" }).map((m) => `${m.kind}:${m.country ?? m.entityId}:${m.text}`)).toEqual([
      "person:RU:Testov",
      "country:CN:Bắc Kinh",
      "org:sco:Tổ chức Hợp tác Thượng Hải",
    ]);
    // Between two roles the nearest one in time places the person.
    expect(t.personRole("ivan-testov", "2020-11-01")).toMatchObject({ country: "BY" });
    expect(t.personRole("ivan-testov", "2020-02-01")).toMatchObject({ country: "RU" });
    expect(t.personRole("ivan-testov")).toMatchObject({ country: "BY", role: "head_of_state" });
  });

  it("a bad entry fails with the file, the entry and the field named", () => {
    expect(() => createGazetteer(readGazetteerData(join(fixtures, "bad-person")))).toThrow(
      /^gazetteer: people-test\.json: people\[1\] \(id "bad-date-person"\)\.roles\[0\]\.from: expected YYYY-MM-DD/,
    );
  });

  it.each([
    ["unknown role", { role: "king_of_the_hill" }, /roles\[0\]\.role/],
    ["lower-case country", { country: "ru" }, /roles\[0\]\.country: expected an ISO 3166-1 alpha-2 code/],
    ["ends before it starts", { from: "2020-01-01", to: "2019-01-01" }, /roles\[0\]: role ends before it starts/],
  ])("rejects a role with %s", (_name, patch, error) => {
    const data = readGazetteerData(join(fixtures, "good"));
    const people = structuredClone(data.people[0]!.data) as { people: Array<{ roles: object[] }> };
    people.people[0]!.roles[0] = { ...people.people[0]!.roles[0], ...patch };
    expect(() => createGazetteer({ ...data, people: [{ file: "people-x.json", data: people }] })).toThrow(error);
  });

  it("names a missing data file", () => {
    expect(() => readGazetteerData(join(fixtures, "does-not-exist"))).toThrow(/^gazetteer: /);
  });

  it("the project's data load and cover what the analyzer needs", () => {
    const s = g.stats();
    expect(s.countries).toBe(250);
    expect(s.people).toBeGreaterThanOrEqual(300);
    expect(s.organizations).toBeGreaterThanOrEqual(20);
    // A name shared by two people would silently match neither.
    expect(s.ambiguous.filter((x) => x.startsWith("person:"))).toEqual([]);
  });
});

describe("findMentions: a surname inside a hyphenated compound", () => {
  it("a known surname joined to another capitalised word that names no one is part of someone else's surname", () => {
    expect(summarize("Ms Kowalska-Shoigu arrived on Monday", "2020-06-01").filter((m) => m.startsWith("person"))).toEqual([]);
  });
  it("two known people joined by a hyphen are both kept ('the Putin-Shoigu meeting')", () => {
    expect(summarize("the Putin-Shoigu meeting", "2020-06-01").filter((m) => m.startsWith("person"))).toEqual(["person:person:RU:Putin", "person:person:RU:Shoigu"]);
  });
});

describe("findMentions: contextual acronyms", () => {
  it("'IAF' is India's when the text names India, Israel's when it names Israel, nobody's otherwise", () => {
    expect(summarize("The IAF said India would send jets.").filter((m) => m.endsWith(":IAF"))).toEqual(["country:demonym:IN:IAF"]);
    expect(summarize("The IAF said Israel would send jets.").filter((m) => m.endsWith(":IAF"))).toEqual(["country:demonym:IL:IAF"]);
    expect(summarize("The IAF said jets would fly.").filter((m) => m.endsWith(":IAF"))).toEqual([]);
    expect(summarize("The IAF said India and Israel would send jets.").filter((m) => m.endsWith(":IAF"))).toEqual([]);
  });
});
