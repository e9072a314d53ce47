CREATE TABLE `alerts` (
	`channel` text NOT NULL,
	`development_id` integer NOT NULL,
	`country_a` text NOT NULL,
	`country_b` text NOT NULL,
	`type` text NOT NULL,
	`date_start` text NOT NULL,
	`message_key` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`channel`, `development_id`)
);
--> statement-breakpoint
CREATE INDEX `alerts_message_idx` ON `alerts` (`channel`,`message_key`);--> statement-breakpoint
CREATE INDEX `alerts_signature_idx` ON `alerts` (`channel`,`country_a`,`country_b`,`type`,`date_start`);--> statement-breakpoint
ALTER TABLE `watches` ADD `alerts` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `watches` ADD `alerts_since` text;