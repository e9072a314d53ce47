import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/analyze/sentences.ts";

describe("splitSentences", () => {
  it.each([
    ["two Vietnamese sentences", "Hai bên đã hội đàm. Sau đó họ ký kết.", ["Hai bên đã hội đàm.", "Sau đó họ ký kết."]],
    ["abbreviation Mr. does not end", "Mr. Belousov arrived. He met Dong Jun.", ["Mr. Belousov arrived.", "He met Dong Jun."]],
    ["U.S. Navy does not end", "The U.S. Navy joined. It was large.", ["The U.S. Navy joined.", "It was large."]],
    ["outlet prefix VOV.VN is kept", "VOV.VN - Hôm qua (3/7), hai bên gặp nhau.", ["VOV.VN - Hôm qua (3/7), hai bên gặp nhau."]],
    ["closing quote after the stop", "Ông nói: “Hợp tác tốt.” Sau đó ông rời đi.", ["Ông nói: “Hợp tác tốt.”", "Sau đó ông rời đi."]],
    ["initials do not end", "Andrei R. Belousov visited. Talks followed.", ["Andrei R. Belousov visited.", "Talks followed."]],
    ["paragraphs split on newlines", "Đoạn một.\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]],
    ["a sentence starting with a digit", "Họ gặp nhau. 3 ngày sau, họ ký.", ["Họ gặp nhau.", "3 ngày sau, họ ký."]],
  ])("%s", (_name, text, expected) => {
    expect(splitSentences(text).map((s) => s.text)).toEqual(expected);
  });

  it("keeps offsets into the original text and numbers paragraphs", () => {
    const text = "Tiêu đề\n\nCâu một. Câu hai.\nCâu ba.";
    const out = splitSentences(text, "body", 100);
    for (const s of out) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
    expect(out.map((s) => s.paragraph)).toEqual([0, 1, 1, 2]);
  });
});

describe("a copy that lost the space after a paragraph's full stop", () => {
  it("ends the sentence where a capitalised word follows a lower-case one at once", () => {
    expect(splitSentences("Hội nghị kéo dài hai ngày.Đoàn Việt Nam đến sớm.").map((s) => s.text)).toEqual(["Hội nghị kéo dài hai ngày.", "Đoàn Việt Nam đến sớm."]);
    expect(splitSentences("The talks ended late.Officials left on Sunday.").map((s) => s.text)).toEqual(["The talks ended late.", "Officials left on Sunday."]);
  });
  it("keeps abbreviations, initials and names written with a dot", () => {
    for (const t of ["Ông đến TP.Hồ Chí Minh hôm qua.", "The U.S.Navy said so.", "He works on Node.JS daily."]) expect(splitSentences(t)).toHaveLength(1);
  });
});
