/**
 * Search page behaviour. Pagefind's script and index are fetched only once the user
 * starts searching (typing, submitting, or arriving with ?q=), so other visits cost nothing.
 */
import { searchQueries } from '../../lib/shared/fold';

type PagefindResult = { id: string; score: number; data: () => Promise<PagefindData> };
type PagefindData = { url: string; excerpt: string; meta: Record<string, string>; filters: Record<string, string[]> };
type PagefindSearch = { results: PagefindResult[] };
type Pagefind = {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (term: string | null, o?: { filters?: Record<string, string> }) => Promise<PagefindSearch | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
};

const FILTER_LABELS: Record<string, string> = {
  type: 'Loại nội dung',
  course: 'Khóa học',
  unit: 'Đơn vị',
  topic: 'Chủ đề',
  year: 'Năm',
};
const PAGE_SIZE = 10;

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-q');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');
const filterBox = document.querySelector<HTMLFieldSetElement>('#search-filters');
const filterFields = document.querySelector<HTMLElement>('#search-filter-fields');
const more = document.querySelector<HTMLButtonElement>('#search-more');

let pagefindPromise: Promise<Pagefind> | null = null;
let current: PagefindResult[] = [];
let shown = 0;
let runId = 0;

function loadPagefind(): Promise<Pagefind> {
  if (!pagefindPromise) {
    const url = '/pagefind/pagefind.js';
    pagefindPromise = import(/* @vite-ignore */ url).then(async (pf: Pagefind) => {
      await pf.options({ excerptLength: 24 });
      await buildFilters(pf);
      return pf;
    });
  }
  return pagefindPromise;
}

async function buildFilters(pf: Pagefind): Promise<void> {
  if (!filterBox || !filterFields) return;
  const available = await pf.filters();
  const keys = Object.keys(FILTER_LABELS).filter((k) => Object.keys(available[k] ?? {}).length > 0);
  filterFields.replaceChildren(
    ...keys.map((key) => {
      const wrapper = document.createElement('div');
      wrapper.className = 'field';
      const label = document.createElement('label');
      label.htmlFor = `loc-${key}`;
      label.textContent = FILTER_LABELS[key] ?? key;
      const select = document.createElement('select');
      select.id = `loc-${key}`;
      select.dataset.filter = key;
      select.append(new Option('Tất cả', ''));
      const values = Object.entries(available[key] ?? {}).sort(([a], [b]) =>
        key === 'year' ? b.localeCompare(a) : a.localeCompare(b, 'vi'),
      );
      for (const [value, count] of values) select.append(new Option(`${value} (${count})`, value));
      select.addEventListener('change', () => void run());
      wrapper.append(label, select);
      return wrapper;
    }),
  );
  filterBox.hidden = keys.length === 0;
}

function chosenFilters(): Record<string, string> {
  const chosen: Record<string, string> = {};
  filterBox?.querySelectorAll<HTMLSelectElement>('select[data-filter]').forEach((s) => {
    if (s.value && s.dataset.filter) chosen[s.dataset.filter] = s.value;
  });
  return chosen;
}

async function run(): Promise<void> {
  const id = ++runId;
  const { primary, dVariant, fallback } = searchQueries(input?.value ?? '');
  const filters = chosenFilters();
  const url = new URL(location.href);
  if (primary) url.searchParams.set('q', primary);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!primary && Object.keys(filters).length === 0) {
    list?.replaceChildren();
    if (more) more.hidden = true;
    setStatus('');
    return;
  }
  setStatus('Đang tìm…');
  let pf: Pagefind;
  try {
    pf = await loadPagefind();
  } catch {
    setStatus('Chưa tải được bộ tìm kiếm. Hãy thử lại sau (chỉ mục tìm kiếm được tạo khi dựng trang).');
    return;
  }
  let results = await searchAll(pf, primary ? [primary, dVariant] : [null], filters);
  if (results.length === 0 && fallback) results = await searchAll(pf, [fallback], filters);
  if (id !== runId) return;
  current = results;
  shown = 0;
  list?.replaceChildren();
  await showMore();
  setStatus(
    current.length === 0
      ? `Không tìm thấy kết quả nào${primary ? ` cho “${primary}”` : ''}.`
      : `Tìm thấy ${current.length} kết quả${primary ? ` cho “${primary}”` : ''}.`,
  );
}

/** Runs several queries and merges their results, keeping each page's best-scoring match. */
async function searchAll(
  pf: Pagefind,
  terms: (string | null)[],
  filters: Record<string, string>,
): Promise<PagefindResult[]> {
  const best = new Map<string, PagefindResult>();
  for (const term of terms) {
    if (term === null && terms.length > 1) continue;
    const search = await pf.search(term, { filters });
    for (const r of search?.results ?? []) {
      const seen = best.get(r.id);
      if (!seen || seen.score < r.score) best.set(r.id, r);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

async function showMore(): Promise<void> {
  const page = current.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(page.map((r) => r.data()));
  const items = data.map(renderResult);
  list?.append(...items);
  if (shown > 0) items[0]?.querySelector('a')?.focus();
  shown += page.length;
  if (more) more.hidden = shown >= current.length;
}

function renderResult(d: PagefindData): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'result';
  const kind = document.createElement('p');
  kind.className = 'result__type';
  kind.textContent = [d.filters.type?.[0], d.filters.course?.[0] ?? d.filters.unit?.[0]].filter(Boolean).join(' · ');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = d.url;
  link.textContent = d.meta.title ?? d.url;
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.className = 'result__excerpt';
  excerpt.append(...safeExcerpt(d.excerpt));
  li.append(kind, heading, excerpt);
  return li;
}

/** Rebuilds an excerpt keeping only text and <mark>: records may later come from users. */
function safeExcerpt(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out: Node[] = [];
  const walk = (node: Node): void => {
    node.childNodes.forEach((child) => {
      if (child.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(child.textContent ?? ''));
      else if (child.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = child.textContent;
        out.push(mark);
      } else walk(child);
    });
  };
  walk(doc.body);
  return out;
}

function setStatus(text: string): void {
  if (status) status.textContent = text;
}

let timer: number | undefined;
input?.addEventListener('input', () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void run(), 300);
});
input?.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  void run();
});
more?.addEventListener('click', () => void showMore());

const initial = new URLSearchParams(location.search).get('q');
if (initial && input) {
  input.value = initial;
  void run();
}
