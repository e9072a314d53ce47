CREATE TABLE `refused_pages` (
	`url` text PRIMARY KEY NOT NULL,
	`text_hash` text NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL
);
