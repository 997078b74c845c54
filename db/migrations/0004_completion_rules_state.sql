CREATE TABLE `completion_rules_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`rules_hash` text NOT NULL,
	`applied_at` integer NOT NULL
);
