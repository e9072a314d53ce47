PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_developments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country_a` text NOT NULL,
	`country_b` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`date_start` text NOT NULL,
	`date_end` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_certain` integer NOT NULL,
	`summary` text NOT NULL,
	`evidence` text NOT NULL,
	`evidence_lang` text NOT NULL,
	`actors` text DEFAULT '[]' NOT NULL,
	`places` text DEFAULT '[]' NOT NULL,
	`details` text DEFAULT '[]' NOT NULL,
	`actor_country` text,
	`destination` text,
	`score` real DEFAULT 0 NOT NULL,
	`analyzer_version` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_developments`("id", "country_a", "country_b", "type", "status", "date_start", "date_end", "date_precision", "date_certain", "summary", "evidence", "evidence_lang", "actors", "places", "details", "actor_country", "destination", "score", "analyzer_version", "first_seen_at", "updated_at") SELECT "id", "country_a", "country_b", "type", "status", "date_start", "date_end", "date_precision", "date_certain", "summary", "evidence", "evidence_lang", "actors", "places", '[]', NULL, NULL, "score", "analyzer_version", "first_seen_at", "updated_at" FROM `developments`;--> statement-breakpoint
DROP TABLE `developments`;--> statement-breakpoint
ALTER TABLE `__new_developments` RENAME TO `developments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `developments_pair_date_idx` ON `developments` (`country_a`,`country_b`,`date_start`);--> statement-breakpoint
CREATE INDEX `developments_b_idx` ON `developments` (`country_b`,`country_a`);--> statement-breakpoint
CREATE INDEX `developments_first_seen_idx` ON `developments` (`first_seen_at`);