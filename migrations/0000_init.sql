CREATE TABLE `article_urls` (
	`url` text PRIMARY KEY NOT NULL,
	`article_id` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_urls_article_idx` ON `article_urls` (`article_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`canonical_url` text NOT NULL,
	`guid` text,
	`source_id` integer,
	`outlet` text,
	`title` text NOT NULL,
	`language` text,
	`text` text NOT NULL,
	`captions` text DEFAULT '[]' NOT NULL,
	`published_at` text,
	`published_precision` text,
	`published_source` text,
	`fetched_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`analyzed_version` text,
	`analyzed_at` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_canonical_url_unique` ON `articles` (`canonical_url`);--> statement-breakpoint
CREATE INDEX `articles_content_hash_idx` ON `articles` (`content_hash`);--> statement-breakpoint
CREATE INDEX `articles_guid_idx` ON `articles` (`guid`);--> statement-breakpoint
CREATE INDEX `articles_source_idx` ON `articles` (`source_id`);--> statement-breakpoint
CREATE INDEX `articles_analyzed_idx` ON `articles` (`analyzed_version`);--> statement-breakpoint
CREATE TABLE `bot_messages` (
	`channel` text NOT NULL,
	`ts` text NOT NULL,
	`kind` text NOT NULL,
	`country_a` text,
	`country_b` text,
	`since` text,
	`until` text,
	`type_filter` text,
	`cursor` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`channel`, `ts`)
);
--> statement-breakpoint
CREATE TABLE `development_sources` (
	`development_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`extraction` text NOT NULL,
	`sentence` text NOT NULL,
	`span_start` integer NOT NULL,
	`span_end` integer NOT NULL,
	`is_caption` integer DEFAULT false NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`development_id`, `article_id`, `span_start`),
	FOREIGN KEY (`development_id`) REFERENCES `developments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `development_sources_article_idx` ON `development_sources` (`article_id`);--> statement-breakpoint
CREATE TABLE `developments` (
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
	`score` integer DEFAULT 0 NOT NULL,
	`analyzer_version` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `developments_pair_date_idx` ON `developments` (`country_a`,`country_b`,`date_start`);--> statement-breakpoint
CREATE INDEX `developments_b_idx` ON `developments` (`country_b`,`country_a`);--> statement-breakpoint
CREATE INDEX `developments_first_seen_idx` ON `developments` (`first_seen_at`);--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`period` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `digests` (
	`channel` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text,
	`claimed_at` text,
	`ts` text,
	`nonce` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`posted_at` text,
	PRIMARY KEY(`channel`, `period`)
);
--> statement-breakpoint
CREATE TABLE `ingest_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer,
	`source_id` integer,
	`url` text,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `ingest_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ingest_errors_run_idx` ON `ingest_errors` (`run_id`);--> statement-breakpoint
CREATE TABLE `ingest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`trigger` text DEFAULT 'manual' NOT NULL,
	`sources` integer DEFAULT 0 NOT NULL,
	`new_articles` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `raw_pages` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`content_type` text,
	`charset` text,
	`body` blob NOT NULL,
	`fetched_at` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`name` text,
	`enabled` integer DEFAULT true NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_attempt_at` text,
	`last_success_at` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE TABLE `watches` (
	`channel` text NOT NULL,
	`country_a` text NOT NULL,
	`country_b` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`channel`, `country_a`, `country_b`)
);
