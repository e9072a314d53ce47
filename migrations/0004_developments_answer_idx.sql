-- Follow-up answers rank every development of a pair by type, date, status and score before
-- reading any text; this covering index lets that pass read the pair's index entries in date
-- order without touching the table (a pair can hold tens of thousands of developments).
CREATE INDEX IF NOT EXISTS `developments_answer_idx` ON `developments` (`country_a`, `country_b`, `date_start`, `id`, `type`, `status`, `date_end`, `score`);
