/**
 * Self-written articles and the developments an analyzer would file from them, inserted into a
 * real in-memory database and indexed with the real sentence indexer, for the follow-up tests.
 * Each development's evidence is a sentence of its article, with its span, as the analyzer stores it.
 */
import type { Db } from "../../src/db/client.ts";
import { articles, developmentSources, developments } from "../../src/db/schema.ts";
import { indexArticleSentences } from "../../src/db/sentences.repo.ts";
import { makePair, type DatePrecision, type EventType } from "../../src/domain/types.ts";

/** A seeded article. */
export interface SeedArticle {
  url: string;
  outlet: string;
  title: string;
  text: string;
  language: "vi" | "en";
  publishedAt: string;
}

/** A seeded development and the sentences of the articles that report it. */
export interface SeedDevelopment {
  key: string;
  pair: [string, string];
  type: EventType;
  start: string;
  end?: string;
  precision?: DatePrecision;
  status?: "held" | "announced" | "planned";
  summary: string;
  places?: string[];
  actors?: string[];
  reports: { article: string; sentence: string }[];
}

/** The articles of the follow-up tests (keys are used by the developments). */
export const ARTICLES: Record<string, SeedArticle> = {
  navy2024: {
    url: "https://news.example/world/northern-interaction-2024",
    outlet: "Pacific Ledger",
    title: "Russian and Chinese navies open Northern/Interaction-2024",
    text: "Russian and Chinese navies began the Northern/Interaction-2024 naval exercise in the Sea of Japan on September 10, 2024.\n\nMore than 400 ships and 120 aircraft took part in the drills.\n\nIn July 2024, Russian and Chinese strategic bombers flew a joint air patrol over the Sea of Japan.",
    language: "en",
    publishedAt: "2024-09-11T08:00:00Z",
  },
  belousov: {
    url: "https://qdnd.example.vn/quoc-te/belousov-bac-kinh",
    outlet: "Quân đội nhân dân",
    title: "Bộ trưởng Quốc phòng Nga thăm Trung Quốc",
    text: "Ngày 14/10/2024, Bộ trưởng Quốc phòng Nga Andrei Belousov đến Bắc Kinh và hội đàm với Bộ trưởng Quốc phòng Trung Quốc Đổng Quân.\n\nHai bên nhất trí tăng cường hợp tác quân sự và đào tạo.",
    language: "vi",
    publishedAt: "2024-10-15T02:00:00Z",
  },
  north2023: {
    url: "https://news.example/world/north-interaction-2023",
    outlet: "Pacific Ledger",
    title: "China and Russia hold North/Interaction-2023",
    text: "China and Russia held the North/Interaction-2023 naval exercise in the Sea of Japan in July 2023.",
    language: "en",
    publishedAt: "2023-07-21T08:00:00Z",
  },
  minsk: {
    url: "https://belta.example.by/en/li-shangfu-minsk",
    outlet: "BelTA",
    title: "Chinese defense minister in Minsk",
    text: "Chinese Defense Minister Li Shangfu visited Minsk on 20 August 2023 and met Belarusian Defense Minister Viktor Khrenin.",
    language: "en",
    publishedAt: "2023-08-21T08:00:00Z",
  },
  statement: {
    url: "https://vov.example.vn/the-gioi/trung-quoc-belarus-tuyen-bo-chung",
    outlet: "VOV",
    title: "Trung Quốc và Belarus ra tuyên bố chung",
    text: "Ngày 2/3/2023, Trung Quốc và Belarus ký tuyên bố chung về quan hệ đối tác chiến lược toàn diện tại Bắc Kinh.",
    language: "vi",
    publishedAt: "2023-03-03T02:00:00Z",
  },
  eagle: {
    url: "https://xinhua.example/eagle-assault-2024",
    outlet: "Xinhua",
    title: "Eagle Assault 2024 ends near Brest",
    text: "China and Belarus held the Eagle Assault joint counter-terrorism exercise near Brest from 8 to 19 July 2024.",
    language: "en",
    publishedAt: "2024-07-20T08:00:00Z",
  },
  vehicles: {
    url: "https://belta.example.by/en/armored-vehicles",
    outlet: "BelTA",
    title: "Belarus receives Chinese armored vehicles",
    text: "Belarus received a batch of Chinese armored vehicles in 2022 under a military-technical cooperation contract.",
    language: "en",
    publishedAt: "2022-11-02T08:00:00Z",
  },
  kazakh: {
    url: "https://astana.example.kz/border-patrol",
    outlet: "Astana Times",
    title: "China and Kazakhstan patrol the border",
    text: "China and Kazakhstan held a joint border patrol in May 2024.",
    language: "en",
    publishedAt: "2024-05-20T08:00:00Z",
  },
  treaty: {
    url: "https://tuoitre.example.vn/nga-trieu-tien-hiep-uoc",
    outlet: "Tuổi Trẻ",
    title: "Nga và Triều Tiên ký hiệp ước",
    text: "Ngày 19/6/2024, Nga và Triều Tiên ký Hiệp ước đối tác chiến lược toàn diện tại Bình Nhưỡng.",
    language: "vi",
    publishedAt: "2024-06-19T12:00:00Z",
  },
  unsafe: {
    url: "javascript:alert(1)",
    outlet: "Bad link",
    title: "China and Belarus hold talks",
    text: "China and Belarus held defense talks in Beijing in January 2021.",
    language: "en",
    publishedAt: "2021-01-15T08:00:00Z",
  },
};

/** The developments filed from ARTICLES. */
export const DEVELOPMENTS: SeedDevelopment[] = [
  { key: "navy2024", pair: ["RU", "CN"], type: "exercise", start: "2024-09-10", summary: "Russia and China held a joint naval exercise (Northern/Interaction-2024).", reports: [{ article: "navy2024", sentence: "Russian and Chinese navies began the Northern/Interaction-2024 naval exercise in the Sea of Japan on September 10, 2024." }] },
  { key: "patrol2024", pair: ["CN", "RU"], type: "patrol", start: "2024-07-01", end: "2024-07-31", precision: "month", summary: "China and Russia conducted a joint air patrol.", reports: [{ article: "navy2024", sentence: "In July 2024, Russian and Chinese strategic bombers flew a joint air patrol over the Sea of Japan." }] },
  { key: "belousov", pair: ["CN", "RU"], type: "visit", start: "2024-10-14", summary: "Russian Defense Minister Andrei Belousov visited Beijing and held talks with Dong Jun.", places: ["Beijing"], actors: ["andrei-belousov", "dong-jun"], reports: [{ article: "belousov", sentence: "Ngày 14/10/2024, Bộ trưởng Quốc phòng Nga Andrei Belousov đến Bắc Kinh và hội đàm với Bộ trưởng Quốc phòng Trung Quốc Đổng Quân." }] },
  { key: "north2023", pair: ["CN", "RU"], type: "exercise", start: "2023-07-01", end: "2023-07-31", precision: "month", summary: "China and Russia held a joint naval exercise (North/Interaction-2023).", reports: [{ article: "north2023", sentence: "China and Russia held the North/Interaction-2023 naval exercise in the Sea of Japan in July 2023." }] },
  { key: "minsk", pair: ["CN", "BY"], type: "visit", start: "2023-08-20", summary: "Chinese Defense Minister Li Shangfu visited Minsk and held talks with Viktor Khrenin.", places: ["Minsk"], actors: ["li-shangfu", "viktor-khrenin"], reports: [{ article: "minsk", sentence: "Chinese Defense Minister Li Shangfu visited Minsk on 20 August 2023 and met Belarusian Defense Minister Viktor Khrenin." }] },
  { key: "statement", pair: ["CN", "BY"], type: "agreement", start: "2023-03-02", summary: "China and Belarus signed a joint statement on their comprehensive strategic partnership.", places: ["Beijing"], reports: [{ article: "statement", sentence: "Ngày 2/3/2023, Trung Quốc và Belarus ký tuyên bố chung về quan hệ đối tác chiến lược toàn diện tại Bắc Kinh." }] },
  { key: "eagle", pair: ["CN", "BY"], type: "exercise", start: "2024-07-08", end: "2024-07-19", summary: "China and Belarus held a joint counter-terrorism exercise (Eagle Assault).", reports: [{ article: "eagle", sentence: "China and Belarus held the Eagle Assault joint counter-terrorism exercise near Brest from 8 to 19 July 2024." }] },
  { key: "vehicles", pair: ["CN", "BY"], type: "arms", start: "2022-01-01", end: "2022-12-31", precision: "year", summary: "Belarus received Chinese armored vehicles.", reports: [{ article: "vehicles", sentence: "Belarus received a batch of Chinese armored vehicles in 2022 under a military-technical cooperation contract." }] },
  { key: "unsafe", pair: ["CN", "BY"], type: "talks", start: "2021-01-15", summary: "China and Belarus held defense talks.", reports: [{ article: "unsafe", sentence: "China and Belarus held defense talks in Beijing in January 2021." }] },
  { key: "kazakh", pair: ["CN", "KZ"], type: "patrol", start: "2024-05-01", end: "2024-05-31", precision: "month", summary: "China and Kazakhstan conducted a joint border patrol.", reports: [{ article: "kazakh", sentence: "China and Kazakhstan held a joint border patrol in May 2024." }] },
  { key: "treaty", pair: ["RU", "KP"], type: "agreement", start: "2024-06-19", summary: "Russia and North Korea signed a comprehensive strategic partnership treaty.", places: ["Pyongyang"], reports: [{ article: "treaty", sentence: "Ngày 19/6/2024, Nga và Triều Tiên ký Hiệp ước đối tác chiến lược toàn diện tại Bình Nhưỡng." }] },
];

/** Inserts the articles and developments and indexes the articles; returns ids by key. */
export function seedAnswerData(db: Db, arts: Record<string, SeedArticle> = ARTICLES, devs: SeedDevelopment[] = DEVELOPMENTS): { article: Record<string, number>; dev: Record<string, number> } {
  const article: Record<string, number> = {};
  const dev: Record<string, number> = {};
  for (const [key, a] of Object.entries(arts)) {
    article[key] = db
      .insert(articles)
      .values({ canonicalUrl: a.url, outlet: a.outlet, title: a.title, text: a.text, language: a.language, publishedAt: a.publishedAt, fetchedAt: a.publishedAt, contentHash: `hash-${key}` })
      .returning({ id: articles.id })
      .get().id;
  }
  for (const d of devs) {
    const { a, b } = makePair(d.pair[0], d.pair[1]);
    const first = d.reports[0]!;
    dev[d.key] = db
      .insert(developments)
      .values({
        countryA: a,
        countryB: b,
        type: d.type,
        status: d.status ?? "held",
        dateStart: d.start,
        dateEnd: d.end ?? d.start,
        datePrecision: d.precision ?? "day",
        dateCertain: true,
        summary: d.summary,
        evidence: first.sentence,
        evidenceLang: arts[first.article]!.language,
        actors: d.actors ?? [],
        places: d.places ?? [],
        score: 0.8,
        analyzerVersion: "test",
        firstSeenAt: arts[first.article]!.publishedAt,
        updatedAt: arts[first.article]!.publishedAt,
      })
      .returning({ id: developments.id })
      .get().id;
    for (const r of d.reports) {
      const text = arts[r.article]!.text;
      const start = text.indexOf(r.sentence);
      if (start < 0) throw new Error(`seed: sentence not in article ${r.article}`);
      db.insert(developmentSources)
        .values({ developmentId: dev[d.key]!, articleId: article[r.article]!, extraction: {}, sentence: r.sentence, spanStart: start, spanEnd: start + r.sentence.length, addedAt: "2024-11-01T00:00:00Z" })
        .run();
    }
  }
  for (const [key, a] of Object.entries(arts)) indexArticleSentences(db, { id: article[key]!, title: a.title, text: a.text, contentHash: `hash-${key}` });
  return { article, dev };
}
