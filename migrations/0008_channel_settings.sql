CREATE TABLE `channel_settings` (
	`channel` text PRIMARY KEY NOT NULL,
	`lang` text NOT NULL,
	`updated_by` text,
	`updated_at` text NOT NULL
);
