-- Full-text index over article sentences for follow-up questions (src/db/sentences.repo.ts).
-- `folded` holds the sentence folded like the analyzer matches (src/lib/text.ts fold: diacritics
-- removed and đ→d, which unicode61's remove_diacritics does not do), so "Đà Nẵng", "da nang" and
-- "Da Nang" meet. rowid = article_id * 4096 + sentence index, so one article's rows are a rowid
-- range (cheap to delete and to restrict a MATCH to); article_id, start and len locate the
-- original sentence in articles.text.
CREATE VIRTUAL TABLE `article_sentences` USING fts5(
  `folded`,
  `article_id` UNINDEXED,
  `start` UNINDEXED,
  `len` UNINDEXED,
  tokenize = 'unicode61'
);
--> statement-breakpoint
-- Which articles are indexed (and from which text hash), so a backfill finds the missing ones fast.
CREATE TABLE `article_sentences_indexed` (
  `article_id` integer PRIMARY KEY NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
  `content_hash` text NOT NULL,
  `sentences` integer NOT NULL
);
--> statement-breakpoint
-- An article's sentences go with it (FTS5 tables take no foreign keys).
CREATE TRIGGER `article_sentences_article_deleted` AFTER DELETE ON `articles` BEGIN
  DELETE FROM `article_sentences` WHERE rowid BETWEEN old.id * 4096 AND old.id * 4096 + 4095;
END;
