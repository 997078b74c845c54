CREATE TABLE `assignment_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text,
	`include_subunits` integer DEFAULT false NOT NULL,
	`position` text,
	`user_id` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignment_targets_assignment_idx` ON `assignment_targets` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `assignment_targets_unit_idx` ON `assignment_targets` (`kind`,`unit_id`);--> statement-breakpoint
CREATE INDEX `assignment_targets_user_idx` ON `assignment_targets` (`kind`,`user_id`);--> statement-breakpoint
CREATE INDEX `assignment_targets_position_idx` ON `assignment_targets` (`kind`,`position`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_date` text NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`owner_unit_id` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_owner_idx` ON `assignments` (`owner_unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_course_idx` ON `assignments` (`course_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`code` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`full_name` text NOT NULL,
	`position` text NOT NULL,
	`unit_name` text NOT NULL,
	`course_title` text NOT NULL,
	`hours` real NOT NULL,
	`completed_at` integer NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_user_course_idx` ON `certificates` (`user_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `course_completions` (
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	`recorded_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_completions_course_idx` ON `course_completions` (`course_id`);--> statement-breakpoint
CREATE TABLE `course_quiz_passes` (
	`user_id` text NOT NULL,
	`course_id` text NOT NULL,
	`passed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`user_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`course_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_visited_at` integer NOT NULL,
	`completed_at` integer,
	`completed_by` text,
	PRIMARY KEY(`user_id`, `lesson_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_progress_user_course_idx` ON `lesson_progress` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_user_visited_idx` ON `lesson_progress` (`user_id`,`last_visited_at`);