/**
 * Shows the printed report's "In báo cáo" button and makes it print. Imported by a bundled
 * <script> (an external module, as the CSP requires); without JavaScript the button stays hidden
 * and the browser's own Print command does the same.
 */
export function enablePrintButton(root: ParentNode = document): void {
  const button = root.querySelector<HTMLButtonElement>('[data-print]');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
