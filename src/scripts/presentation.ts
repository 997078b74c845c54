/**
 * Presentation mode: one slide at a time, navigation by the keys presentation clickers send,
 * a slide counter and #slide-N in the URL, full screen, a presenter window (current and next
 * slide, speaker notes, timer) kept in step through a BroadcastChannel, and a service worker
 * that keeps the presentation working offline once it has been opened.
 */

const FORWARD = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar', 'Enter']);
const BACKWARD = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);
/** Smallest text scale when shrinking a long slide to fit; beyond it the slide scrolls. */
const MIN_FIT = 0.6;
const STAGE_WIDTH = 1280;
const STAGE_HEIGHT = 720;

type Message = { type: 'go'; index: number } | { type: 'hello' } | { type: 'state'; index: number };

/** Starts presentation mode on the current page. */
export function startPresentation(): void {
  const deck = document.querySelector<HTMLElement>('[data-deck]');
  if (!deck) return;
  new Presentation(deck);
}

/**
 * Slide number (1-based) from a location hash such as `#slide-3`.
 * @param hash `location.hash`
 * @returns the number, or undefined when the hash names no slide
 */
export function slideFromHash(hash: string): number | undefined {
  const match = /^#slide-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : undefined;
}

class Presentation {
  private readonly slides: HTMLElement[];
  private readonly presenter: boolean;
  private readonly channel: BroadcastChannel | null;
  private index = 0;
  private presenterView: HTMLElement | null = null;
  private timer = { running: false, startedAt: 0, elapsed: 0, interval: 0 };

  constructor(private readonly deck: HTMLElement) {
    this.slides = [...deck.querySelectorAll<HTMLElement>('[data-slide]')];
    this.presenter = new URLSearchParams(location.search).has('presenter');
    this.channel = 'BroadcastChannel' in window ? new BroadcastChannel(`trinh-chieu:${location.pathname}`) : null;
    if (this.slides.length === 0) return;

    deck.classList.add('deck--active');
    this.slides.forEach((slide, i) => {
      slide.id = `slide-${i + 1}`;
      slide.setAttribute('role', 'group');
      slide.setAttribute('aria-roledescription', 'trang chiếu');
      slide.hidden = true;
      for (const img of slide.querySelectorAll('img')) img.addEventListener('load', () => this.fitCurrent());
    });
    document.querySelector('[data-controls]')?.removeAttribute('hidden');
    if (this.presenter) this.setUpPresenter();

    document.addEventListener('keydown', (event) => this.onKey(event));
    document.addEventListener('click', (event) => this.onClick(event));
    window.addEventListener('hashchange', () => {
      const n = slideFromHash(location.hash);
      if (n !== undefined) this.go(n - 1);
    });
    window.addEventListener('resize', () => {
      this.fitCurrent();
      this.renderPresenter();
    });
    document.addEventListener('fullscreenchange', () => this.updateFullscreenButton());
    this.channel?.addEventListener('message', (event: MessageEvent<Message>) => this.onMessage(event.data));

    this.go((slideFromHash(location.hash) ?? 1) - 1, false);
    if (this.presenter) this.channel?.postMessage({ type: 'hello' } satisfies Message);
    void registerOfflineCopy();
  }

  // ----- navigation ---------------------------------------------------------------------

  private go(index: number, broadcast = true): void {
    const next = Math.min(Math.max(0, index), this.slides.length - 1);
    this.slides[this.index].hidden = true;
    this.index = next;
    const slide = this.slides[next];
    slide.hidden = false;
    const counter = `${next + 1} / ${this.slides.length}`;
    slide.setAttribute('aria-label', `${counter}: ${slide.dataset.label ?? ''}`);
    for (const el of document.querySelectorAll('[data-counter], [data-corner]')) el.textContent = counter;
    if (location.hash !== `#slide-${next + 1}`) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}#slide-${next + 1}`);
    }
    this.fitCurrent();
    this.renderPresenter();
    if (broadcast) this.channel?.postMessage({ type: 'go', index: next } satisfies Message);
  }

  private onMessage(message: Message): void {
    if (message.type === 'go' || message.type === 'state') {
      if (message.index !== this.index) this.go(message.index, false);
    } else if (message.type === 'hello' && !this.presenter) {
      this.channel?.postMessage({ type: 'state', index: this.index } satisfies Message);
    }
  }

  private onKey(event: KeyboardEvent): void {
    // Keys a widget already used (a mind map's tree or view) are not for the slide show.
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const activates = event.key === 'Enter' || event.key === ' ';
    if (activates && target?.closest('button, a[href], summary, [role="treeitem"], [role="button"]')) return;
    const map = this.slides[this.index].querySelector('figure[data-mindmap]');
    if (map && ['+', '=', '-', '_', '0'].includes(event.key)) {
      map.dispatchEvent(new CustomEvent('mindmap:key', { detail: event.key }));
    } else if (event.key === 'f' || event.key === 'F') {
      void this.toggleFullscreen();
    } else if (FORWARD.has(event.key)) {
      this.go(this.index + 1);
    } else if (BACKWARD.has(event.key)) {
      this.go(this.index - 1);
    } else if (event.key === 'Home') {
      this.go(0);
    } else if (event.key === 'End') {
      this.go(this.slides.length - 1);
    } else {
      return;
    }
    event.preventDefault();
  }

  private onClick(event: MouseEvent): void {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button[data-action]') : null;
    if (!button || button.closest('.mindmap')) return;
    switch (button.dataset.action) {
      case 'prev':
        return this.go(this.index - 1);
      case 'next':
        return this.go(this.index + 1);
      case 'fullscreen':
        return void this.toggleFullscreen();
      case 'presenter':
        return this.openPresenter();
      case 'timer-toggle':
        return this.toggleTimer();
      case 'timer-reset':
        return this.resetTimer();
    }
  }

  /** Shrinks the type of a slide that overflows, down to a legible minimum. */
  private fitCurrent(): void {
    fitSlide(this.slides[this.index]);
  }

  // ----- full screen and presenter window --------------------------------------------------

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await document.documentElement.requestFullscreen();
    } catch {
      // Refused (e.g. not triggered by the user): the slide show works without it.
    }
  }

  private updateFullscreenButton(): void {
    const label = document.fullscreenElement ? 'Thoát toàn màn hình' : 'Toàn màn hình';
    for (const b of document.querySelectorAll('button[data-action="fullscreen"]')) b.textContent = label;
    this.fitCurrent();
  }

  private openPresenter(): void {
    const url = `${location.pathname}?presenter#slide-${this.index + 1}`;
    const opened = window.open(url, 'trinh-chieu-nguoi-trinh-bay', 'popup=yes,width=1200,height=760');
    if (!opened) {
      setStatus('Trình duyệt đã chặn cửa sổ mới. Hãy cho phép cửa sổ bật lên với trang này rồi bấm lại.');
    }
  }

  private setUpPresenter(): void {
    const template = document.querySelector<HTMLTemplateElement>('#presenter-view');
    if (!template) return;
    document.documentElement.classList.add('is-presenter');
    document.title = `Người trình bày – ${document.title}`;
    const view = template.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined;
    if (!view) return;
    this.deck.after(view);
    this.presenterView = view;
  }

  private renderPresenter(): void {
    const view = this.presenterView;
    if (!view) return;
    const current = this.slides[this.index];
    const next = this.slides[this.index + 1];
    const counter = view.querySelector('[data-presenter-counter]');
    if (counter) counter.textContent = `Trang ${this.index + 1} / ${this.slides.length}`;
    const currentLabel = view.querySelector('[data-current-label]');
    if (currentLabel) currentLabel.textContent = current.dataset.label ?? '';
    const nextLabel = view.querySelector('[data-next-label]');
    if (nextLabel) nextLabel.textContent = next ? (next.dataset.label ?? '') : 'hết';
    showOnStage(view.querySelector('[data-stage="current"]'), current);
    showOnStage(view.querySelector('[data-stage="next"]'), next);

    const notes = view.querySelector<HTMLElement>('[data-notes-view]');
    if (!notes) return;
    const sources = [...current.querySelectorAll('[data-notes], [data-speaker-notes]')];
    notes.replaceChildren();
    if (sources.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'presenter__notes-empty';
      empty.textContent = 'Trang này không có ghi chú.';
      notes.append(empty);
    }
    for (const source of sources) {
      const block = document.createElement('div');
      block.innerHTML = source.innerHTML;
      notes.append(block);
    }
  }

  // ----- timer ------------------------------------------------------------------------------

  private toggleTimer(): void {
    const t = this.timer;
    if (t.running) {
      t.elapsed += Date.now() - t.startedAt;
      t.running = false;
      window.clearInterval(t.interval);
    } else {
      t.startedAt = Date.now();
      t.running = true;
      t.interval = window.setInterval(() => this.showTime(), 500);
    }
    this.showTime();
  }

  private resetTimer(): void {
    const t = this.timer;
    window.clearInterval(t.interval);
    this.timer = { running: false, startedAt: 0, elapsed: 0, interval: 0 };
    this.showTime();
  }

  private showTime(): void {
    const t = this.timer;
    const ms = t.elapsed + (t.running ? Date.now() - t.startedAt : 0);
    const clock = this.presenterView?.querySelector('[data-timer]');
    if (clock) clock.textContent = formatElapsed(ms);
    const toggle = this.presenterView?.querySelector('[data-action="timer-toggle"]');
    if (toggle) toggle.textContent = t.running ? 'Tạm dừng' : ms > 0 ? 'Tiếp tục' : 'Bắt đầu';
  }
}

/**
 * Elapsed time as m:ss, or h:mm:ss from one hour.
 * @param ms milliseconds
 */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function fitSlide(slide: HTMLElement | undefined): void {
  if (!slide || slide.hidden) return;
  let fit = 1;
  slide.style.setProperty('--fit', '1');
  while (slide.scrollHeight > slide.clientHeight + 1 && fit > MIN_FIT) {
    fit = Math.max(MIN_FIT, fit - 0.05);
    slide.style.setProperty('--fit', fit.toFixed(2));
  }
}

/** Shows a static copy of a slide at projector size (1280 × 720), scaled into a stage. */
function showOnStage(stage: HTMLElement | null, slide: HTMLElement | undefined): void {
  if (!stage) return;
  stage.replaceChildren();
  if (!slide) return;
  const copy = slide.cloneNode(true) as HTMLElement;
  copy.removeAttribute('id');
  copy.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
  copy.querySelectorAll('.mindmap__toolbar, .mindmap__hint').forEach((el) => el.remove());
  copy.hidden = false;
  copy.classList.add('is-projected');
  copy.inert = true;
  copy.setAttribute('aria-hidden', 'true');
  stage.append(copy);
  const scale = stage.clientWidth / STAGE_WIDTH;
  copy.style.transform = `scale(${scale})`;
  stage.style.height = `${Math.round(STAGE_HEIGHT * scale)}px`;
  fitSlide(copy);
}

function setStatus(message: string): void {
  const status = document.querySelector('[data-offline-status]');
  if (status) status.textContent = message;
}

/** Every same-origin file this page needs: itself, styles, scripts, images, fonts. */
function pageResources(): string[] {
  const urls = new Set<string>([location.pathname]);
  const add = (value: string | null | undefined) => {
    if (!value) return;
    try {
      const url = new URL(value, location.href);
      if (url.origin === location.origin && !url.pathname.startsWith('/sw.js')) urls.add(url.pathname + url.search);
    } catch {
      // Not a URL.
    }
  };
  document
    .querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"], link[rel="modulepreload"], link[rel="preload"]')
    .forEach((l) => add(l.href));
  document.querySelectorAll<HTMLScriptElement>('script[src]').forEach((s) => add(s.src));
  document.querySelectorAll<HTMLImageElement>('img').forEach((img) => {
    add(img.getAttribute('src'));
    img.srcset?.split(',').forEach((candidate) => add(candidate.trim().split(/\s+/)[0]));
  });
  for (const entry of performance.getEntriesByType('resource')) add(entry.name);
  for (const sheet of document.styleSheets) {
    try {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSFontFaceRule) {
          for (const match of rule.style.getPropertyValue('src').matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
            add(new URL(match[1], sheet.href ?? location.href).href);
          }
        }
      }
    } catch {
      // A stylesheet from another origin cannot be read; it is not ours to cache anyway.
    }
  }
  return [...urls];
}

/**
 * Registers the service worker (scope /trinh-chieu/) and asks it to store this page and
 * everything it uses, so the presentation opens and runs with the network unplugged.
 */
async function registerOfflineCopy(): Promise<void> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    setStatus('Trình duyệt này không lưu được bản trình chiếu để dùng khi mất mạng.');
    return;
  }
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/trinh-chieu/' });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return;
    const result = await new Promise<{ cached: number; failed: string[] }>((resolve, reject) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      worker.postMessage({ type: 'precache', urls: pageResources() }, [channel.port2]);
      setTimeout(() => reject(new Error('timeout')), 30_000);
    });
    if (result.failed.length > 0) {
      setStatus(
        `Chưa lưu được ${result.failed.length} tệp để trình chiếu khi mất mạng; hãy tải lại trang khi có mạng.`,
      );
      return;
    }
    document.documentElement.dataset.offlineReady = 'true';
    setStatus('Đã lưu để trình chiếu khi không có mạng.');
  } catch {
    setStatus('Chưa lưu được bản trình chiếu để dùng khi mất mạng.');
  }
}
