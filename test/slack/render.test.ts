/** Reply → Block Kit: every limit holds however large or hostile the reply. */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/reply.ts";
import { renderBlocks } from "../../src/slack/render.ts";
import { decodeSlackEntities } from "../../src/lib/mrkdwn.ts";
import { blockKitViolations, findMentions, messageText } from "../helpers/slack-limits.ts";

const big = (n: number, dense: boolean): Reply => ({
  ephemeral: true,
  header: "H".repeat(400),
  context: "c".repeat(5000),
  dense,
  items: Array.from({ length: n }, (_, i) => ({
    lead: `Lead ${i} ${"l".repeat(300)}`,
    text: `<!channel> ${"t".repeat(4000)}`,
    links: Array.from({ length: 60 }, (_, k) => ({ url: `https://x${k}.example/${"p".repeat(200)}`, label: `<@U${k}> ${"o".repeat(100)}` })),
  })),
  footer: "f".repeat(5000),
  actions: [
    { id: "older", label: "Show older ".repeat(20), value: "v".repeat(300) },
    { id: "share", label: "Share", value: "x".repeat(2001) },
  ],
});

describe("renderBlocks", () => {
  it.each([
    ["one huge entry", 1, false],
    ["80 entries", 80, false],
    ["300 dense lines", 300, true],
  ])("%s stays within Block Kit limits and pings no one", (_n, n, dense) => {
    const m = renderBlocks(big(n, dense));
    expect(blockKitViolations(m)).toEqual([]);
    expect(findMentions(m)).toEqual([]);
    // a button whose value would break the limit is dropped rather than sent
    const values = m.blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => ("value" in e ? e.value : "")) : []));
    expect(values.every((v) => (v ?? "").length <= 2000)).toBe(true);
  });

  it("says how many entries did not fit", () => {
    expect(messageText(renderBlocks(big(80, false)))).toMatch(/\d+ more not shown/);
  });

  it("links only http(s) sources and escapes labels", () => {
    const m = renderBlocks({
      ephemeral: true,
      items: [{ lead: "1 Jan 2024 · Visit", text: "a & b", links: [{ url: "javascript:alert(1)", label: "Bad" }, { url: "https://ok.example/a?x=1&y=2", label: "Good|Outlet" }] }],
      actions: [],
    });
    expect(messageText(m)).toContain("*1 Jan 2024 · Visit*\na &amp; b\nBad · <https://ok.example/a?x=1&amp;y=2|Good¦Outlet>");
  });
});

describe("the total size of a message", () => {
  // real source URLs are about 120 characters; Slack refuses a message whose blocks carry more than ~12,000
  const realUrl = (i: number, k: number) => `https://www.example-news-outlet-${k}.com/world/asia-pacific/2024/10/14/defense-ministers-meet-in-minsk-joint-exercise-${i}-${k}.html`;
  const page = (items: number, sources: number): Reply => ({
    ephemeral: true,
    header: "Belarus – China",
    context: "42 developments from 120 sources · last updated 14 Oct 2024",
    items: Array.from({ length: items }, (_, i) => ({
      lead: `14 Oct 2024 · Exercise`,
      text: `China and Belarus held the joint exercise number ${i} near Brest, with paratroopers and armored vehicles. ${"More detail. ".repeat(20)}`,
      links: Array.from({ length: sources }, (_, k) => ({ url: realUrl(i, k), label: `Outlet number ${k}` })),
    })),
    actions: [{ id: "share", label: "Share in channel", value: "{}" }],
  });

  it("a page of 10 entries with 10 real-length sources each stays under Slack's total and says what it left out", () => {
    expect(realUrl(1, 1).length).toBeGreaterThan(110);
    const m = renderBlocks(page(10, 10));
    expect(blockKitViolations(m)).toEqual([]);
    const text = messageText(m);
    // every entry is still there, with some of its sources and a count of the rest
    for (let i = 0; i < 10; i++) expect(text).toContain(`exercise number ${i} near Brest`);
    expect(text).toMatch(/\+\d+ more/);
  });
});

describe("decodeSlackEntities", () => {
  it.each([
    ["what Slack sends for 'china & belarus'", "china &amp; belarus", "china & belarus"],
    ["angle brackets typed as text", "&lt;!channel&gt; x", "<!channel> x"],
    ["an entity typed by a person decodes once, not twice", "&amp;lt; &amp;amp;", "&lt; &amp;"],
  ])("%s", (_n, input, want) => expect(decodeSlackEntities(input)).toBe(want));
});
