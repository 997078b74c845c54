/**
 * The Markdown body of a record editor, with a live preview and autosave.
 *
 * - Preview: the text is posted to the preview endpoint, which answers the HTML rendered and
 *   sanitised on the server; the browser never renders the Markdown itself.
 * - Autosave: every change of the whole editor form is kept in localStorage at once, and sent
 *   to the server every few seconds while signed in. When the editor opens and this browser
 *   holds a copy newer than what the server has, it is offered back.
 * The textarea itself is rendered by the server (so the plain form works without JavaScript);
 * this island finds it by id and adds the preview, the autosave and the restore offer.
 */
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import {
  draftStorageKey,
  formPairs,
  formatLocalTime,
  parseLocalDraft,
  samePairs,
  type LocalDraft,
} from '../../lib/shared/publishing/local-draft';

export interface MarkdownEditorProps {
  /** Element id of the body's textarea, rendered by the server inside the same form. */
  textareaId: string;
  /** Sanitised HTML of the current body, rendered by the server. */
  initialPreview?: string;
  previewUrl: string;
  autosaveUrl: string;
  /** "new:seminar", "new:practice" or the record id. */
  draftKey: string;
  userId: string;
  /** When the saved state the form started from was written (ms; 0 for a new record). */
  serverStamp: number;
  /** The form shows values not saved yet (after a refused save, a restore, added rows). */
  dirty: boolean;
  /** Where to sign in again (opened in a new tab, so this page keeps its content). */
  loginUrl: string;
  /** Another editor's copy to forget ("new:seminar" just saved as this record). */
  clearKey?: string | null;
}

const LOCAL_DELAY_MS = 400;
const PREVIEW_DELAY_MS = 600;
const SERVER_INTERVAL_MS = 5000;

export default function MarkdownEditor(props: MarkdownEditorProps) {
  const [preview, setPreview] = createSignal(props.initialPreview ?? '');
  const [status, setStatus] = createSignal('');
  const [expired, setExpired] = createSignal(false);
  const [offer, setOffer] = createSignal<LocalDraft | null>(null);
  // Assigned by Solid through ref={…}.
  // eslint-disable-next-line no-unassigned-vars
  let root: HTMLDivElement | undefined;
  let textarea: HTMLTextAreaElement | undefined;
  let form: HTMLFormElement | null = null;
  let localTimer: ReturnType<typeof setTimeout> | undefined;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let serverTimer: ReturnType<typeof setInterval> | undefined;
  let unsent = false;
  let previewRun = 0;
  const storageKey = () => draftStorageKey(props.userId, props.draftKey);

  const currentPairs = () => (form ? formPairs(new FormData(form).entries()) : []);

  function saveLocal(): void {
    try {
      localStorage.setItem(storageKey(), JSON.stringify({ savedAt: Date.now(), pairs: currentPairs() }));
    } catch {
      // Storage full or disabled: the server autosave still runs.
    }
  }

  async function saveServer(): Promise<void> {
    if (!unsent) return;
    unsent = false;
    try {
      const response = await fetch(props.autosaveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ key: props.draftKey, pairs: currentPairs() }),
      });
      if (response.status === 401 || response.status === 403) {
        unsent = true;
        setExpired(true);
        setStatus('Phiên đăng nhập đã hết hạn. Nội dung vẫn được giữ trên máy này.');
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { savedAt: number };
      setExpired(false);
      setStatus(`Đã tự lưu lúc ${formatLocalTime(body.savedAt)}.`);
    } catch {
      unsent = true;
      setStatus('Chưa tự lưu lên máy chủ được (mất kết nối?). Nội dung vẫn được giữ trên máy này.');
    }
  }

  async function refreshPreview(): Promise<void> {
    const run = ++previewRun;
    const body = textarea?.value ?? '';
    try {
      const response = await fetch(props.previewUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ body }),
      });
      if (!response.ok) return;
      const data = (await response.json()) as { html: string };
      if (run === previewRun) setPreview(data.html);
    } catch {
      // Offline: the preview waits for the next change.
    }
  }

  function onChange(event: Event): void {
    unsent = true;
    clearTimeout(localTimer);
    localTimer = setTimeout(saveLocal, LOCAL_DELAY_MS);
    if (event.target === textarea) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => void refreshPreview(), PREVIEW_DELAY_MS);
    }
  }

  function restore(): void {
    const draft = offer();
    if (!draft || !form) return;
    const intent = document.createElement('input');
    intent.type = 'hidden';
    intent.name = 'intent';
    intent.value = 'restore-local';
    const pairs = document.createElement('input');
    pairs.type = 'hidden';
    pairs.name = 'restorePairs';
    pairs.value = JSON.stringify(draft.pairs);
    form.append(intent, pairs);
    form.submit();
  }

  function discard(): void {
    localStorage.removeItem(storageKey());
    setOffer(null);
  }

  onMount(() => {
    form = root?.closest('form') ?? null;
    textarea = (document.getElementById(props.textareaId) as HTMLTextAreaElement | null) ?? undefined;
    if (!form) return;
    if (props.clearKey) {
      try {
        localStorage.removeItem(draftStorageKey(props.userId, props.clearKey));
      } catch {
        // Storage disabled: nothing to forget.
      }
    }
    let stored: LocalDraft | null;
    try {
      stored = parseLocalDraft(localStorage.getItem(storageKey()));
    } catch {
      stored = null;
    }
    if (props.dirty) {
      // The page shows unsaved values: keep them here and on the server straight away.
      unsent = true;
      saveLocal();
      void saveServer();
    } else if (stored && stored.savedAt > props.serverStamp && !samePairs(stored.pairs, currentPairs())) {
      setOffer(stored);
    } else if (stored) {
      localStorage.removeItem(storageKey());
    }
    form.addEventListener('input', onChange);
    form.addEventListener('change', onChange);
    // Whatever happens to the submission (expired session, lost connection), keep a copy.
    form.addEventListener('submit', saveLocal);
    serverTimer = setInterval(() => void saveServer(), SERVER_INTERVAL_MS);
    if (!props.initialPreview && (textarea?.value ?? '').trim()) void refreshPreview();
  });

  onCleanup(() => {
    form?.removeEventListener('input', onChange);
    form?.removeEventListener('change', onChange);
    form?.removeEventListener('submit', saveLocal);
    clearTimeout(localTimer);
    clearTimeout(previewTimer);
    clearInterval(serverTimer);
  });

  return (
    <div class="md-editor" ref={root}>
      <Show when={offer()}>
        {(draft) => (
          <div class="acc-notice" role="status">
            <p>
              Trình duyệt này còn giữ nội dung bạn soạn lúc {formatLocalTime(draft().savedAt)}, mới hơn bản đã lưu trên
              máy chủ.
            </p>
            <p class="md-editor__offer-actions">
              <button type="button" onClick={restore}>
                Khôi phục bản lưu trên máy này
              </button>{' '}
              <button type="button" class="button--secondary" onClick={discard}>
                Bỏ qua
              </button>
            </p>
          </div>
        )}
      </Show>
      <section class="md-editor__preview" aria-labelledby={`${props.textareaId}-preview-title`}>
        <h3 id={`${props.textareaId}-preview-title`}>Xem trước nội dung chi tiết</h3>
        <Show
          when={preview()}
          fallback={<p class="acc-hint">Nội dung chi tiết sẽ hiện ở đây đúng như trên trang công khai.</p>}
        >
          <div class="prose md-editor__rendered" innerHTML={preview()} />
        </Show>
      </section>
      <p class="md-editor__status" role="status">
        {status()}
        <Show when={expired()}>
          {' '}
          <a href={props.loginUrl} target="_blank" rel="noopener">
            Đăng nhập lại (mở thẻ mới)
          </a>
          , rồi quay lại đây bấm “Lưu bản nháp”.
        </Show>
      </p>
    </div>
  );
}
