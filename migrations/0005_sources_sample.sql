ALTER TABLE `sources` ADD `sample` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The bundled sample articles are fiction with invented outlets. A sample source registered before
-- this column existed is the folder `npm start` registered on first start under this name.
UPDATE `sources` SET `sample` = 1 WHERE `kind` = 'folder' AND `name` = 'Bundled sample articles' AND `url` LIKE 'file://%/samples/articles/';--> statement-breakpoint
-- Every article of a sample source carries "(sample)" in its outlet, which every front end shows
-- beside its links (timelines, digests, answers, the shell).
UPDATE `articles` SET `outlet` = coalesce(`outlet`, 'Sample') || ' (sample)' WHERE `source_id` IN (SELECT `id` FROM `sources` WHERE `sample` = 1) AND coalesce(`outlet`, '') NOT LIKE '% (sample)';--> statement-breakpoint
CREATE TRIGGER `articles_sample_outlet` AFTER INSERT ON `articles`
WHEN new.`source_id` IN (SELECT `id` FROM `sources` WHERE `sample` = 1) AND coalesce(new.`outlet`, '') NOT LIKE '% (sample)'
BEGIN
  UPDATE `articles` SET `outlet` = coalesce(new.`outlet`, 'Sample') || ' (sample)' WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_sample_outlet_update` AFTER UPDATE OF `outlet`, `source_id` ON `articles`
WHEN new.`source_id` IN (SELECT `id` FROM `sources` WHERE `sample` = 1) AND coalesce(new.`outlet`, '') NOT LIKE '% (sample)'
BEGIN
  UPDATE `articles` SET `outlet` = coalesce(new.`outlet`, 'Sample') || ' (sample)' WHERE `id` = new.`id`;
END;
