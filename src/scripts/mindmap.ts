/**
 * Interactive mind maps: collapse and expand branches, zoom and pan (pointer, wheel with
 * Ctrl, keyboard), fit to the frame, and SVG/PNG downloads. It enhances the static figure
 * that MindMap.astro renders, re-using the same pure layout and SVG code as the build, and
 * is loaded only on pages that contain a mind map.
 */
import { foldVietnamese } from '../lib/shared/fold';
import { allNodes, type MindMapNode, type MindMapVariant } from '../lib/shared/mindmap/tree';
import { layoutMindMap, type LaidOutNode, type MindMapLayout } from '../lib/shared/mindmap/layout';
import { readOutlineTree } from '../lib/shared/mindmap/outline-html';
import { renderMindMapSvg } from '../lib/shared/mindmap/svg';

const MIN_SCALE = 0.15;
const MAX_SCALE = 3;
/** The first view shows the whole map only if that keeps 14 px labels at 10 px or more… */
const FIT_SCALE = 0.7;
/** …otherwise it shows part of the map at this scale. */
const READABLE_SCALE = 0.8;
const PAN_STEP = 80;
const PNG_SCALE = 2;

type View = { x: number; y: number; scale: number };

/** Enhances every mind map on the page that is not enhanced yet. */
export function enhanceMindMaps(root: ParentNode = document): void {
  for (const figure of root.querySelectorAll<HTMLElement>('figure[data-mindmap]:not(.mindmap--enhanced)')) {
    const list = figure.querySelector('.mindmap__tree');
    const tree = list ? readOutlineTree(list) : undefined;
    if (!tree) continue;
    new MindMapController(figure, tree);
  }
}

/** File name for downloads: the title without diacritics, e.g. "so-do-chung-cu.svg". */
export function downloadName(title: string, extension: string): string {
  const slug = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'so-do'}.${extension}`;
}

class MindMapController {
  private readonly variant: MindMapVariant;
  private readonly title: string;
  private readonly view: HTMLElement;
  private readonly status: HTMLElement | null;
  private readonly treeList: HTMLElement;
  private readonly nodesById = new Map<string, MindMapNode>();
  private readonly collapsed = new Set<string>();
  private layout: MindMapLayout;
  private svg: SVGSVGElement | null = null;
  private state: View = { x: 0, y: 0, scale: 1 };
  /** Whether the user has zoomed or panned: resizes then keep their view. */
  private moved = false;
  private drag: { id: number; x: number; y: number; moved: boolean } | null = null;
  /** While printing, the whole map is shown whatever the zoom on screen. */
  private printing = false;

  constructor(
    private readonly figure: HTMLElement,
    private readonly tree: MindMapNode,
  ) {
    this.variant = figure.dataset.variant === 'evidence' ? 'evidence' : 'mindmap';
    this.title = figure.dataset.title ?? '';
    this.view = figure.querySelector<HTMLElement>('.mindmap__view')!;
    this.status = figure.querySelector<HTMLElement>('.mindmap__status');
    this.treeList = figure.querySelector<HTMLElement>('.mindmap__tree')!;
    for (const node of allNodes(tree)) this.nodesById.set(node.id, node);
    this.layout = layoutMindMap(tree, { variant: this.variant });

    figure.classList.add('mindmap--enhanced');
    figure.querySelector('.mindmap__toolbar')?.removeAttribute('hidden');
    figure.querySelector('.mindmap__hint')?.removeAttribute('hidden');
    this.view.tabIndex = 0;
    this.view.setAttribute('role', 'group');
    this.view.setAttribute('aria-roledescription', 'vùng xem sơ đồ');
    this.view.setAttribute(
      'aria-label',
      `${this.title}. Phím mũi tên để di chuyển, cộng, trừ để phóng to, thu nhỏ, số 0 để xem toàn bộ.`,
    );

    this.setUpTree();
    this.render();
    this.bindToolbar();
    this.bindView();
    // Presentation mode passes on +, − and 0 pressed anywhere on the slide.
    figure.addEventListener('mindmap:key', (event) => this.onZoomKey((event as CustomEvent<string>).detail));
    new ResizeObserver(() => (this.moved ? this.applyView() : this.resetView())).observe(this.view);
    window.addEventListener('beforeprint', () => this.showAllForPrint(true));
    window.addEventListener('afterprint', () => this.showAllForPrint(false));
    // Print previews and emulated print media do not always fire beforeprint.
    window.matchMedia('print').addEventListener('change', (event) => this.showAllForPrint(event.matches));
  }

  // ----- rendering and view -------------------------------------------------------------

  private render(): void {
    this.layout = layoutMindMap(this.tree, { variant: this.variant, collapsed: this.collapsed });
    this.view.innerHTML = renderMindMapSvg(this.layout, {
      title: this.title,
      description: `${this.title}. Nội dung đầy đủ ở phần “Xem dạng dàn ý” ngay dưới sơ đồ.`,
    });
    this.svg = this.view.querySelector('svg');
    this.svg?.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    this.highlight(this.currentItem()?.dataset.id);
    this.applyView();
  }

  private size(): { width: number; height: number } {
    return { width: this.view.clientWidth, height: this.view.clientHeight };
  }

  private applyView(): void {
    const { width, height } = this.size();
    if (!this.svg || width === 0 || height === 0) return;
    if (this.printing) {
      this.svg.setAttribute('viewBox', `0 0 ${this.layout.width} ${this.layout.height}`);
      return;
    }
    const { x, y, scale } = this.clamp(this.state);
    this.state = { x, y, scale };
    this.svg.setAttribute('viewBox', `${r(x)} ${r(y)} ${r(width / scale)} ${r(height / scale)}`);
  }

  /** Keeps the map from being pushed out of the frame. */
  private clamp(view: View): View {
    const { width, height } = this.size();
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale));
    const spanX = this.layout.width - width / scale;
    const spanY = this.layout.height - height / scale;
    const x = Math.min(Math.max(view.x, Math.min(0, spanX)), Math.max(0, spanX));
    const y = Math.min(Math.max(view.y, Math.min(0, spanY)), Math.max(0, spanY));
    return { x, y, scale };
  }

  private fitScale(): number {
    const { width, height } = this.size();
    return Math.min(width / this.layout.width, height / this.layout.height, MAX_SCALE);
  }

  /** Whole map in the frame, centred. */
  private fit(): void {
    const { width, height } = this.size();
    if (width === 0) return;
    const scale = this.fitScale();
    this.state = {
      scale,
      x: (this.layout.width - width / scale) / 2,
      y: (this.layout.height - height / scale) / 2,
    };
    this.applyView();
  }

  /**
   * First view: the whole map when its labels stay legible (70 % or more), otherwise a 80 %
   * crop centred on the root (the reader pans, or presses 0 for the whole map). On a page
   * the frame shrinks to the map's height, so a small map leaves no empty band.
   */
  private resetView(): void {
    const { width } = this.size();
    if (width === 0) return;
    const onSlide = this.figure.closest('[data-slide]') !== null;
    if (!onSlide) {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const frame = Math.min(Math.max(18 * rem, window.innerHeight * 0.7), 42 * rem);
      const scale = this.initialScale(width, frame, 1);
      const fitted = `${Math.max(10 * rem, Math.ceil(this.layout.height * scale) + 2)}px`;
      // Only when it changes, so the resize it causes settles at once.
      if (this.view.style.height !== fitted && Math.ceil(this.layout.height * scale) + 2 < frame) {
        this.view.style.height = fitted;
      } else if (this.view.style.height && Math.ceil(this.layout.height * scale) + 2 >= frame) {
        this.view.style.height = '';
      }
    }
    const { height } = this.size();
    const scale = this.initialScale(width, height, onSlide ? 1.6 : 1);
    const root = this.layout.nodes.find((n) => n.depth === 0);
    const whole = this.layout.width * scale <= width + 1 && this.layout.height * scale <= height + 1;
    const cx = whole || !root ? this.layout.width / 2 : root.x + root.width / 2;
    const cy = whole || !root ? this.layout.height / 2 : root.y + root.height / 2;
    this.state = { scale, x: cx - width / scale / 2, y: cy - height / scale / 2 };
    this.applyView();
  }

  /** The whole map if that keeps labels legible, else a legible crop; never above `max`. */
  private initialScale(width: number, height: number, max: number): number {
    const fit = Math.min(width / this.layout.width, height / this.layout.height, max);
    return fit >= FIT_SCALE ? fit : READABLE_SCALE;
  }

  private zoom(factor: number, at?: { x: number; y: number }): void {
    const { width, height } = this.size();
    const { x, y, scale } = this.state;
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
    const px = at?.x ?? width / 2;
    const py = at?.y ?? height / 2;
    // The map point under (px, py) stays where it is.
    const mx = x + px / scale;
    const my = y + py / scale;
    this.state = { scale: next, x: mx - px / next, y: my - py / next };
    this.moved = true;
    this.applyView();
  }

  private pan(dx: number, dy: number): void {
    const { x, y, scale } = this.state;
    this.state = { scale, x: x - dx / scale, y: y - dy / scale };
    this.moved = true;
    this.applyView();
  }

  /** Scrolls the view just enough to show a node. */
  private reveal(node: LaidOutNode): void {
    const { width, height } = this.size();
    const { x, y, scale } = this.state;
    const w = width / scale;
    const h = height / scale;
    const pad = 16;
    let nx = x;
    let ny = y;
    if (node.x - pad < x) nx = node.x - pad;
    else if (node.x + node.width + pad > x + w) nx = Math.min(node.x - pad, node.x + node.width + pad - w);
    if (node.y - pad < y) ny = node.y - pad;
    else if (node.y + node.height + pad > y + h) ny = Math.min(node.y - pad, node.y + node.height + pad - h);
    if (nx !== x || ny !== y) {
      this.state = { scale, x: nx, y: ny };
      this.applyView();
    }
  }

  private showAllForPrint(printing: boolean): void {
    if (!this.svg || printing === this.printing) return;
    this.printing = printing;
    const details = this.figure.querySelector('details');
    if (printing) {
      this.svg.setAttribute('viewBox', `0 0 ${this.layout.width} ${this.layout.height}`);
      if (details && !details.open) {
        details.open = true;
        details.dataset.openedForPrint = 'true';
      }
      return;
    }
    if (details?.dataset.openedForPrint) {
      details.open = false;
      delete details.dataset.openedForPrint;
    }
    this.applyView();
  }

  // ----- collapsing ---------------------------------------------------------------------

  private toggle(id: string, expand?: boolean): void {
    const node = this.nodesById.get(id);
    if (!node || node.children.length === 0) return;
    const isCollapsed = this.collapsed.has(id);
    const collapse = expand === undefined ? !isCollapsed : !expand;
    if (collapse === isCollapsed) return;
    const before = this.layout.nodes.find((n) => n.id === id);
    if (collapse) this.collapsed.add(id);
    else this.collapsed.delete(id);
    this.treeItem(id)?.setAttribute('aria-expanded', String(!collapse));
    this.render();
    // Keep the toggled node where it was on screen, so the map does not jump under the pointer.
    const after = this.layout.nodes.find((n) => n.id === id);
    if (before && after) {
      this.state = { ...this.state, x: this.state.x + (after.x - before.x), y: this.state.y + (after.y - before.y) };
      this.applyView();
    }
    const count = after?.hiddenCount ?? 0;
    this.announce(collapse ? `Đã thu gọn nhánh “${node.label}”, ẩn ${count} ý.` : `Đã mở nhánh “${node.label}”.`);
  }

  private setAll(collapse: boolean): void {
    this.collapsed.clear();
    if (collapse) {
      for (const branch of this.tree.children) if (branch.children.length > 0) this.collapsed.add(branch.id);
    }
    for (const item of this.treeList.querySelectorAll<HTMLElement>('[aria-expanded]')) {
      item.setAttribute('aria-expanded', String(!this.collapsed.has(item.dataset.id ?? '')));
    }
    this.render();
    this.moved = false;
    this.fit();
    this.announce(collapse ? 'Đã thu gọn các nhánh chính.' : 'Đã mở hết các nhánh.');
  }

  private announce(message: string): void {
    if (this.status) this.status.textContent = message;
  }

  // ----- outline as a keyboard tree ------------------------------------------------------

  private setUpTree(): void {
    const list = this.treeList;
    list.setAttribute('role', 'tree');
    list.setAttribute('aria-label', `Dàn ý: ${this.title}`);
    list.querySelectorAll('ul').forEach((ul) => ul.setAttribute('role', 'group'));
    const items = [...list.querySelectorAll<HTMLElement>('li[data-id]')];
    items.forEach((li, i) => {
      li.setAttribute('role', 'treeitem');
      li.tabIndex = i === 0 ? 0 : -1;
      if (li.querySelector(':scope > ul')) li.setAttribute('aria-expanded', 'true');
    });
    list.addEventListener('keydown', (event) => this.onTreeKey(event));
    list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('li[role="treeitem"]');
      if (!item || !list.contains(item)) return;
      this.focusItem(item);
      if (item.hasAttribute('aria-expanded')) this.toggle(item.dataset.id ?? '');
    });
    list.addEventListener('focusin', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('li[role="treeitem"]');
      if (item) this.highlight(item.dataset.id, true);
    });
    list.addEventListener('focusout', () => this.highlight(undefined));
  }

  private treeItem(id: string): HTMLElement | null {
    return this.treeList.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  private currentItem(): HTMLElement | null {
    const active = document.activeElement;
    return active instanceof HTMLElement && active.matches('li[role="treeitem"]') && this.treeList.contains(active)
      ? active
      : null;
  }

  /** Tree items the user can reach: not inside a collapsed item. */
  private visibleItems(): HTMLElement[] {
    return [...this.treeList.querySelectorAll<HTMLElement>('li[role="treeitem"]')].filter(
      (li) => !li.parentElement?.closest('[aria-expanded="false"]'),
    );
  }

  private focusItem(item: HTMLElement): void {
    for (const li of this.treeList.querySelectorAll<HTMLElement>('li[role="treeitem"]')) li.tabIndex = -1;
    item.tabIndex = 0;
    item.focus();
  }

  private highlight(id: string | undefined, reveal = false): void {
    this.svg?.querySelectorAll('.mm-node.is-current').forEach((g) => g.classList.remove('is-current'));
    if (!id) return;
    this.svg?.querySelector(`.mm-node[data-id="${CSS.escape(id)}"]`)?.classList.add('is-current');
    const node = this.layout.nodes.find((n) => n.id === id);
    if (reveal && node) this.reveal(node);
  }

  private onTreeKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const item = (event.target as Element).closest<HTMLElement>('li[role="treeitem"]');
    if (!item) return;
    const visible = this.visibleItems();
    const index = visible.indexOf(item);
    const expandable = item.hasAttribute('aria-expanded');
    const expanded = item.getAttribute('aria-expanded') === 'true';
    const id = item.dataset.id ?? '';
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        if (visible[index + 1]) this.focusItem(visible[index + 1]);
        break;
      case 'ArrowUp':
        if (index > 0) this.focusItem(visible[index - 1]);
        break;
      case 'Home':
        if (visible[0]) this.focusItem(visible[0]);
        break;
      case 'End':
        if (visible.length > 0) this.focusItem(visible[visible.length - 1]);
        break;
      case 'ArrowRight':
        if (expandable && !expanded) this.toggle(id, true);
        else if (expanded) {
          const first = item.querySelector<HTMLElement>(':scope > ul > li[role="treeitem"]');
          if (first) this.focusItem(first);
        }
        break;
      case 'ArrowLeft':
        if (expanded) this.toggle(id, false);
        else {
          const parent = item.parentElement?.closest<HTMLElement>('li[role="treeitem"]');
          if (parent) this.focusItem(parent);
        }
        break;
      case 'Enter':
      case ' ':
        if (expandable) this.toggle(id);
        break;
      default:
        handled = this.onZoomKey(event.key);
    }
    if (handled) event.preventDefault();
  }

  /** +, − and 0 work from the tree as well as from the view. */
  private onZoomKey(key: string): boolean {
    if (key === '+' || key === '=') this.zoom(1.25);
    else if (key === '-' || key === '_' || key === '−') this.zoom(0.8);
    else if (key === '0') {
      this.moved = true;
      this.fit();
    } else return false;
    return true;
  }

  // ----- toolbar and pointer --------------------------------------------------------------

  private bindToolbar(): void {
    this.figure.querySelector('.mindmap__toolbar')?.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button) return;
      switch (button.dataset.action) {
        case 'zoom-in':
          return this.zoom(1.25);
        case 'zoom-out':
          return this.zoom(0.8);
        case 'fit':
          this.moved = true;
          return this.fit();
        case 'expand-all':
          return this.setAll(false);
        case 'collapse-all':
          return this.setAll(true);
        case 'download-svg':
          return this.downloadSvg();
        case 'download-png':
          void this.downloadPng();
      }
    });
  }

  private bindView(): void {
    const view = this.view;
    view.addEventListener('keydown', (event) => {
      if (event.target !== view || event.altKey || event.ctrlKey || event.metaKey) return;
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [PAN_STEP, 0],
        ArrowRight: [-PAN_STEP, 0],
        ArrowUp: [0, PAN_STEP],
        ArrowDown: [0, -PAN_STEP],
      };
      // On a slide the arrows belong to the slide show (clickers send them); drag to pan there.
      const move = this.figure.closest('[data-slide]') ? undefined : moves[event.key];
      if (move) this.pan(move[0], move[1]);
      else if (!this.onZoomKey(event.key)) return;
      event.preventDefault();
    });
    view.addEventListener(
      'wheel',
      (event) => {
        // Plain wheel scrolls the page; Ctrl (or pinch on a touchpad) zooms the map.
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        const box = view.getBoundingClientRect();
        this.zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, { x: event.clientX - box.left, y: event.clientY - box.top });
      },
      { passive: false },
    );
    view.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.drag = { id: event.pointerId, x: event.clientX, y: event.clientY, moved: false };
    });
    view.addEventListener('pointermove', (event) => {
      const drag = this.drag;
      if (!drag || drag.id !== event.pointerId) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 5) return;
      if (!drag.moved) {
        drag.moved = true;
        view.setPointerCapture(event.pointerId);
        view.classList.add('is-dragging');
      }
      // Slides may be scaled with a CSS transform: convert screen pixels to layout pixels.
      const ratio = view.offsetWidth > 0 ? view.getBoundingClientRect().width / view.offsetWidth : 1;
      this.pan(dx / ratio, dy / ratio);
      drag.x = event.clientX;
      drag.y = event.clientY;
    });
    const end = (event: PointerEvent) => {
      const drag = this.drag;
      if (!drag || drag.id !== event.pointerId) return;
      this.drag = null;
      view.classList.remove('is-dragging');
      if (drag.moved || event.type === 'pointercancel') return;
      const node = (event.target as Element).closest<SVGGElement>('.mm-node--parent');
      if (node?.dataset.id) this.toggle(node.dataset.id);
    };
    view.addEventListener('pointerup', end);
    view.addEventListener('pointercancel', end);
  }

  // ----- downloads ------------------------------------------------------------------------

  private standaloneSvg(): string {
    return renderMindMapSvg(this.layout, { title: this.title, standalone: true });
  }

  private downloadSvg(): void {
    const blob = new Blob([this.standaloneSvg()], { type: 'image/svg+xml;charset=utf-8' });
    saveBlob(blob, downloadName(this.title, 'svg'));
    this.announce('Đã tạo tệp SVG của sơ đồ.');
  }

  private async downloadPng(): Promise<void> {
    const { width, height } = this.layout;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.standaloneSvg())}`;
    try {
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * PNG_SCALE);
      canvas.height = Math.round(height * PNG_SCALE);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('empty PNG');
      saveBlob(blob, downloadName(this.title, 'png'));
      this.announce('Đã tạo tệp PNG của sơ đồ.');
    } catch {
      this.announce('Không tạo được tệp PNG trên trình duyệt này. Hãy thử “Tải SVG”.');
    }
  }
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function r(n: number): string {
  return String(Math.round(n * 100) / 100);
}
