/// <reference types="astro/client" />
import type { RefusalReason, UnsavedField } from './lib/server/refusal';
import type { Session, SessionUser } from './lib/server/session';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in person, set by src/middleware.ts; null when anonymous or on prerendered pages. */
      user: SessionUser | null;
      /** The current session, set by src/middleware.ts; null when anonymous or on prerendered pages. */
      session: Session | null;
      /** Set by middleware when it refuses a request and renders /401 or /403 instead. */
      refusal?: { reason: RefusalReason; next: string; unsaved?: UnsavedField[] };
    }
  }
}

export {};
