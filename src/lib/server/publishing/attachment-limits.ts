/** Limits of uploads. */
export const ATTACHMENT_LIMITS = {
  /** Largest image accepted, in bytes. */
  imageBytes: 10 * 1024 * 1024,
  /** Largest PDF accepted, in bytes. */
  pdfBytes: 20 * 1024 * 1024,
  /** Width of the copy shown on the page. */
  pageWidth: 1600,
  /** Refuse images with more pixels than this (decompression bombs). */
  maxPixels: 60_000_000,
  /** Attachments per record. */
  perRecord: 30,
} as const;

/** Largest request that can carry an upload (the PDF limit plus the form's text fields). */
export const UPLOAD_REQUEST_LIMIT = ATTACHMENT_LIMITS.pdfBytes + 2 * 1024 * 1024;
