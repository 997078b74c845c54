import type { Audience, Level } from '../schemas/course';
import type { Field } from '../schemas/practice';
import type { UnitKind } from '../schemas/unit';

/** Vietnamese labels of course audiences. */
export const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  'lanh-dao': 'Lãnh đạo đơn vị',
  'kiem-sat-vien': 'Kiểm sát viên',
  'kiem-tra-vien': 'Kiểm tra viên',
  'chuyen-vien': 'Chuyên viên',
  'can-bo-cntt': 'Cán bộ công nghệ thông tin',
  'moi-can-bo': 'Mọi cán bộ, công chức',
};

/** Vietnamese labels of course levels. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  'co-ban': 'Cơ bản',
  'trung-binh': 'Trung bình',
  'nang-cao': 'Nâng cao',
};

/** Vietnamese labels of fields of work. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  'hinh-su': 'Hình sự',
  'dan-su': 'Dân sự',
  'hanh-chinh': 'Hành chính',
  'thi-hanh-an': 'Thi hành án',
  'van-phong': 'Văn phòng',
  chung: 'Chung',
};

/** Vietnamese labels of unit kinds. */
export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  'toi-cao': 'Viện kiểm sát nhân dân tối cao',
  tinh: 'Viện kiểm sát cấp tỉnh',
  huyen: 'Viện kiểm sát cấp huyện',
  'khu-vuc': 'Viện kiểm sát khu vực',
  phong: 'Phòng, bộ phận nghiệp vụ',
  khac: 'Đơn vị khác',
};

/** Search result types, as shown in the search page and stored in the Pagefind `type` filter. */
export const RECORD_TYPE_LABELS = {
  lesson: 'Bài học',
  course: 'Khóa học',
  seminar: 'Tọa đàm',
  practice: 'Cách làm hay',
} as const;
export type RecordType = keyof typeof RECORD_TYPE_LABELS;
