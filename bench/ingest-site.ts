/**
 * The generated news site for bench:ingest, run in a CHILD process so serving does not eat the
 * ingest process's CPU: N article pages (~5 KB of body text each, Vietnamese and English, with
 * menus, share bars, captions, related-news blocks and footers) behind F RSS feeds.
 *   node --import tsx bench/ingest-site.ts <pages> <feeds>   → prints {"port":…} on stdout
 * Pages are generated on request from their number (deterministic, nothing held in memory).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const VI = [
  "Bộ trưởng Quốc phòng hai nước đã hội đàm tại Hà Nội về hợp tác trong lĩnh vực đào tạo và công nghiệp quốc phòng.",
  "Hai bên nhất trí tăng cường trao đổi đoàn các cấp, nhất là đoàn cấp cao, và duy trì hiệu quả các cơ chế đối thoại chính sách.",
  "Lực lượng hải quân hai nước sẽ tổ chức tuần tra chung trên vùng biển giáp ranh vào cuối năm nay.",
  "Phía bạn cảm ơn sự giúp đỡ trong công tác tìm kiếm cứu nạn và khắc phục hậu quả bom mìn sau chiến tranh.",
  "Theo thông cáo báo chí, đoàn đại biểu quân sự đã thăm một số đơn vị huấn luyện và cơ sở đào tạo sĩ quan.",
  "Các chuyên gia nhận định quan hệ quốc phòng song phương đang phát triển ổn định, thực chất và hiệu quả.",
  "Cuộc diễn tập kéo dài năm ngày với sự tham gia của tàu hộ vệ, máy bay tuần thám và lực lượng đặc nhiệm.",
  "Hai bộ trưởng đã ký bản ghi nhớ về hợp tác gìn giữ hòa bình Liên hợp quốc và y học quân sự.",
  "Đại tướng nhấn mạnh chính sách quốc phòng hòa bình, tự vệ và không liên minh quân sự của Việt Nam.",
  "Trong khuôn khổ chuyến thăm, đoàn đã dâng hương tưởng niệm các anh hùng liệt sĩ tại Nghĩa trang quốc gia.",
];
const EN = [
  "The defence ministers of the two countries held talks in the capital on closer cooperation in training and the defence industry.",
  "Both sides agreed to step up exchanges of delegations at all levels and to keep their policy dialogue mechanisms running.",
  "The two navies will hold joint patrols in their adjoining waters before the end of the year, officials said.",
  "The visiting side thanked its hosts for their help with search and rescue and with clearing unexploded ordnance.",
  "According to a press release, the military delegation visited several training units and officer academies.",
  "Analysts said bilateral defence ties were developing steadily, with more substance than in previous years.",
  "The five-day exercise involves frigates, maritime patrol aircraft and special forces from both countries.",
  "The ministers signed a memorandum of understanding on United Nations peacekeeping and military medicine.",
  "The general stressed a defence policy of peace and self-defence, without military alliances.",
  "During the visit the delegation laid wreaths at the national cemetery to honour fallen soldiers.",
];

/** A small deterministic PRNG (mulberry32) so every run serves the same site. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The HTML of page `i` (Vietnamese for even i, English for odd). */
export function pageHtml(i: number, origin: string): string {
  const r = rng(i + 1);
  const vi = i % 2 === 0;
  const pool = vi ? VI : EN;
  const pick = () => pool[Math.floor(r() * pool.length)]!;
  const paras: string[] = [];
  let len = 0;
  let n = 0;
  while (len < 5000) {
    // a number per paragraph keeps every page's text (and hash) unique
    const p = `${pick()} ${pick()} ${vi ? "Mục" : "Item"} ${i}-${n++}. ${pick()}`;
    paras.push(p);
    len += p.length;
  }
  const title = vi ? `Hợp tác quốc phòng song phương, bài số ${i}` : `Bilateral defence cooperation, story number ${i}`;
  const day = String((i % 28) + 1).padStart(2, "0");
  const related = Array.from({ length: 6 }, (_, k) => `<li><a href="/a/${(i + k + 1) % 100000}.html">${vi ? "Tin" : "Story"} ${i + k + 1}: ${pick()}</a></li>`).join("");
  const body = paras
    .map((p, k) => (k === 2 ? `<figure><img src="/img/${i}.jpg"><figcaption>${vi ? "Ảnh minh họa" : "File photo"} ${i}. ${vi ? "Ảnh: TTXVN" : "Photo: Reuters"}</figcaption></figure><p>${p}</p>` : `<p>${p}</p>`))
    .join("\n");
  return `<!DOCTYPE html><html lang="${vi ? "vi" : "en"}"><head><meta charset="utf-8"><title>${title} - ${vi ? "Báo Mẫu" : "Sample Times"}</title>
<link rel="canonical" href="${origin}/a/${i}.html"><meta property="og:site_name" content="${vi ? "Báo Mẫu" : "Sample Times"}">
<meta property="article:published_time" content="2025-03-${day}T08:00:00+07:00"></head><body>
<header><ul class="menu">${["Home", "World", "Defense", "Politics", "Business", "Sports", "Video", "Podcast"].map((m) => `<li><a href="/${m.toLowerCase()}">${m}</a></li>`).join("")}</ul></header>
<main><article><h1>${title}</h1><div class="share">${vi ? "Chia sẻ" : "Share"}: Facebook Zalo Twitter</div>
${body}
<p>${vi ? "Mời quý độc giả theo dõi tin tức mới nhất trên kênh của Báo Mẫu." : "Read more: defence coverage on Sample Times."}</p>
<div class="related"><h3>${vi ? "Tin liên quan" : "Related"}</h3><ul>${related}</ul></div>
<div class="more"><h3>${vi ? "Có thể bạn quan tâm" : "Recommended"}</h3><ul>${related}</ul></div>
</article></main><footer><p>© 2025 ${vi ? "Báo Mẫu" : "Sample Times"}. ${vi ? "Giấy phép số 1/GP" : "All rights reserved."}</p></footer></body></html>`;
}

/** RSS feed `f` of `feeds`, listing every page i with i % feeds === f. */
export function feedXml(f: number, feeds: number, pages: number, origin: string): string {
  const items: string[] = [];
  for (let i = f; i < pages; i += feeds) {
    items.push(`<item><title>Story ${i}</title><link>${origin}/a/${i}.html?utm_source=rss</link><guid isPermaLink="false">bench-${i}</guid><pubDate>${new Date(Date.UTC(2025, 2, (i % 28) + 1, 1)).toUTCString()}</pubDate></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${f}</title><link>${origin}/</link>${items.join("")}</channel></rss>`;
}

if (process.argv[1]?.endsWith("ingest-site.ts")) {
  const pages = Number(process.argv[2] ?? 5000);
  const feeds = Number(process.argv[3] ?? 5);
  let origin = "";
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const page = /^\/a\/(\d+)\.html$/.exec(path);
    const feed = /^\/feed-(\d+)\.xml$/.exec(path);
    if (page && Number(page[1]) < pages) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(pageHtml(Number(page[1]), origin));
    } else if (feed && Number(feed[1]) < feeds) {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(feedXml(Number(feed[1]), feeds, pages, origin));
    } else res.writeHead(404).end("not found");
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    process.stdout.write(JSON.stringify({ port }) + "\n");
  });
  process.on("disconnect", () => process.exit(0));
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}
