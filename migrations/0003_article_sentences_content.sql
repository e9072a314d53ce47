-- The sentence index, rebuilt with its content in an ordinary table: FTS5 cannot seek a rowid
-- range (a range scan or a MATCH limited to one article's rows read the whole index), while a
-- B-tree can. `article_sentence_rows` holds each sentence folded (src/lib/text.ts fold: no
-- diacritics, đ→d) with id = article_id * 4096 + sentence index; `article_sentences` is an
-- external-content FTS5 index over it, kept in step by triggers; `article_sentences_vocab`
-- exposes the index's document frequencies for ranking a pair's sentences without a MATCH.
-- Existing rows are dropped and article_sentences_indexed emptied: the start-up backfill
-- (backfillSentenceIndex) indexes every article again.
DROP TRIGGER IF EXISTS `article_sentences_article_deleted`;
--> statement-breakpoint
DROP TABLE IF EXISTS `article_sentences`;
--> statement-breakpoint
DELETE FROM `article_sentences_indexed`;
--> statement-breakpoint
CREATE TABLE `article_sentence_rows` (
  `id` integer PRIMARY KEY NOT NULL,
  `article_id` integer NOT NULL,
  `start` integer NOT NULL,
  `len` integer NOT NULL,
  `folded` text NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `article_sentences` USING fts5(
  `folded`,
  content = 'article_sentence_rows',
  content_rowid = 'id',
  tokenize = 'unicode61'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `article_sentences_vocab` USING fts5vocab(`article_sentences`, 'row');
--> statement-breakpoint
CREATE TRIGGER `article_sentence_rows_ai` AFTER INSERT ON `article_sentence_rows` BEGIN
  INSERT INTO `article_sentences` (rowid, folded) VALUES (new.id, new.folded);
END;
--> statement-breakpoint
CREATE TRIGGER `article_sentence_rows_ad` AFTER DELETE ON `article_sentence_rows` BEGIN
  INSERT INTO `article_sentences` (`article_sentences`, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
--> statement-breakpoint
-- An article's sentences go with it (by id range on the primary key: no extra index needed).
CREATE TRIGGER `article_sentence_rows_article_deleted` AFTER DELETE ON `articles` BEGIN
  DELETE FROM `article_sentence_rows` WHERE id BETWEEN old.id * 4096 AND old.id * 4096 + 4095;
END;
