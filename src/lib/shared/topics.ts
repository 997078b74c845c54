import type { Topic } from '../schemas/common';

/** Vietnamese labels of the topics (the five practices plus general digital transformation). */
export const TOPIC_LABELS: Readonly<Record<Topic, string>> = {
  'so-hoa-ho-so': 'Số hóa hồ sơ vụ án',
  'trinh-chieu-chung-cu': 'Công bố, trình chiếu chứng cứ tại phiên tòa',
  'so-do-tu-duy': 'Sơ đồ tư duy và sơ đồ hóa chứng cứ',
  'xet-xu-truc-tuyen': 'Xét xử trực tuyến',
  'van-ban-dieu-hanh': 'Quản lý văn bản điều hành',
  'chuyen-doi-so-chung': 'Chuyển đổi số chung',
};

/** Topics in the order they are offered in filters. */
export const TOPICS: readonly Topic[] = Object.keys(TOPIC_LABELS) as Topic[];

/**
 * The Vietnamese label of a topic.
 * @param topic topic id
 * @returns its label, or the id itself for an unknown value (e.g. a stale filter in a URL)
 */
export function topicLabel(topic: string): string {
  return (TOPIC_LABELS as Record<string, string>)[topic] ?? topic;
}

/**
 * Type guard for topic ids coming from untrusted input such as query strings.
 * @param value any string
 */
export function isTopic(value: string): value is Topic {
  return Object.hasOwn(TOPIC_LABELS, value);
}
