CREATE TABLE `quiz_answers` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer_json` text NOT NULL,
	`saved_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`version_hash` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`layout_json` text NOT NULL,
	`started_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`submitted_at` integer,
	`score` real,
	`earned` real,
	`total` real,
	`passed` integer,
	`grade_json` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quiz_id`,`version_hash`) REFERENCES `quiz_versions`(`quiz_id`,`version_hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_quiz_idx` ON `quiz_attempts` (`user_id`,`quiz_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_quiz_first_idx` ON `quiz_attempts` (`quiz_id`,`attempt_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_idx` ON `quiz_attempts` (`user_id`,`quiz_id`,`attempt_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_open_idx` ON `quiz_attempts` (`user_id`,`quiz_id`) WHERE submitted_at IS NULL;--> statement-breakpoint
CREATE TABLE `quiz_versions` (
	`quiz_id` text NOT NULL,
	`version_hash` text NOT NULL,
	`definition_json` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`quiz_id`, `version_hash`),
	FOREIGN KEY (`quiz_id`) REFERENCES `quizzes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quizzes` (
	`id` text PRIMARY KEY NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`course_id` text NOT NULL,
	`title` text NOT NULL,
	`current_version_hash` text NOT NULL,
	`retired_at` integer,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quizzes_target_idx` ON `quizzes` (`target_kind`,`target_id`) WHERE retired_at IS NULL;