const SPEAKER_NOTES = /<SpeakerNotes\b[^>]*>[\s\S]*?<\/SpeakerNotes>/g;

/**
 * Removes `<SpeakerNotes>…</SpeakerNotes>` blocks from MDX source, so words that only the
 * presenter sees do not reach the search index's hidden fields.
 */
export function stripSpeakerNotes(source: string): string {
  return source.replace(SPEAKER_NOTES, '');
}
