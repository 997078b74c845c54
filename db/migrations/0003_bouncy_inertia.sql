CREATE TABLE `editor_autosaves` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`pairs` text NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `record_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`record_id` text NOT NULL,
	`kind` text NOT NULL,
	`mime` text NOT NULL,
	`hash` text NOT NULL,
	`ext` text NOT NULL,
	`size` integer NOT NULL,
	`original_name` text NOT NULL,
	`alt` text NOT NULL,
	`width` integer,
	`height` integer,
	`page_width` integer,
	`page_height` integer,
	`position` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_attachments_record_idx` ON `record_attachments` (`record_id`);--> statement-breakpoint
CREATE TABLE `record_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`number` integer NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`changed_fields` text NOT NULL,
	`snapshot` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_revisions_number_idx` ON `record_revisions` (`record_id`,`number`);--> statement-breakpoint
CREATE TABLE `records` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`slug` text,
	`title` text NOT NULL,
	`unit_id` text,
	`data` text NOT NULL,
	`body` text NOT NULL,
	`author_id` text NOT NULL,
	`review_comment` text,
	`reviewed_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`published_at` integer,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_slug_idx` ON `records` (`slug`);--> statement-breakpoint
CREATE INDEX `records_status_idx` ON `records` (`kind`,`status`);--> statement-breakpoint
CREATE INDEX `records_author_idx` ON `records` (`author_id`);--> statement-breakpoint
CREATE INDEX `records_unit_idx` ON `records` (`unit_id`);--> statement-breakpoint
CREATE TABLE `search_index_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	`updated_at` integer NOT NULL
);
