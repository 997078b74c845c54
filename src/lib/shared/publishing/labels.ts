/** Vietnamese labels of the publishing workflow, shared by pages and tests. */

/** Statuses of a record written in the browser. */
export const STATUS_LABELS = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  published: 'Đã xuất bản',
  returned: 'Bị trả lại',
} as const;

/** What each revision did. */
export const REVISION_ACTION_LABELS = {
  create: 'Tạo bản ghi',
  save: 'Lưu',
  submit: 'Gửi duyệt',
  publish: 'Xuất bản',
  return: 'Trả lại cho người viết',
  correct: 'Chỉnh sửa sau khi xuất bản',
  unpublish: 'Gỡ khỏi trang công khai',
  attach: 'Thêm tệp',
  detach: 'Xóa tệp',
} as const;

/** Kinds of record, as shown to people. */
export const KIND_LABELS = { seminar: 'Tọa đàm', practice: 'Cách làm hay' } as const;
