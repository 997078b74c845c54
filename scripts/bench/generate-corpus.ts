// Generates a large content folder for build and page-weight benchmarks: the real content
// (so every cross-reference stays valid) plus generated courses until there are N lessons.
// The generated text is illustrative Vietnamese prose assembled from phrase pools; it names
// no real person and is never published.
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { projectRoot } from '../../tests/support/server';

/** What the generator wrote, for choosing the pages to measure. */
export interface CorpusSummary {
  dir: string;
  lessons: number;
  courses: number;
  /** Generated courses with their lesson ids in order. */
  generated: { id: string; lessons: string[] }[];
}

/** Small deterministic PRNG (mulberry32) so that every run builds the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Topic = 'so-hoa-ho-so' | 'trinh-chieu-chung-cu' | 'so-do-tu-duy' | 'xet-xu-truc-tuyen' | 'van-ban-dieu-hanh';

interface TopicPool {
  name: string;
  subjects: string[];
  sentences: string[];
  steps: string[];
  checks: string[];
  headings: string[];
}

const TOPICS: Record<Topic, TopicPool> = {
  'so-hoa-ho-so': {
    name: 'Số hóa hồ sơ vụ án',
    subjects: [
      'hồ sơ vụ án hình sự',
      'hồ sơ vụ việc dân sự',
      'bản quét bút lục',
      'thư mục hồ sơ điện tử',
      'sổ theo dõi số hóa',
    ],
    sentences: [
      'Trước khi quét, cán bộ kiểm đếm số bút lục và ghi vào sổ theo dõi để đối chiếu sau khi số hóa xong.',
      'Bản quét phải đọc rõ từng chữ, kể cả chữ viết tay và con dấu, nếu không sẽ phải quét lại từ đầu.',
      'Độ phân giải 300 dpi thường đủ cho văn bản; bản ảnh màu và sơ đồ hiện trường nên quét ở chế độ màu.',
      'Tên tệp theo một quy tắc chung giúp mọi người trong đơn vị tìm được tài liệu mà không cần hỏi người đã quét.',
      'Khi các máy quét trong đơn vị khác nhau, hãy thống nhất định dạng đầu ra là PDF có lớp chữ nhận dạng được.',
      'Hồ sơ giấy vẫn là căn cứ tố tụng, vì vậy thứ tự trang và ghim kẹp phải được trả lại đúng như ban đầu.',
      'Nhận dạng chữ (OCR) cho phép tìm một cái tên hay một con số trong hàng trăm trang chỉ trong vài giây.',
      'Sao lưu định kỳ ra một thiết bị tách biệt giúp đơn vị không mất dữ liệu khi máy tính gặp sự cố.',
      'Chỉ những người được phân công mới được mở thư mục hồ sơ; quyền truy cập được rà soát mỗi quý.',
      'Người kiểm tra chất lượng không nên là người đã quét, để phát hiện được trang thiếu hoặc trang mờ.',
      'Đĩa, USB chứa dữ liệu điện tử đi kèm hồ sơ được sao chép riêng và ghi rõ nguồn gốc trong danh mục.',
      'Một bảng danh mục tài liệu có cột bút lục, tên tài liệu và tên tệp là chìa khóa để tra cứu nhanh.',
    ],
    steps: [
      'Ghi hồ sơ vào sổ theo dõi, kèm tổng số bút lục và người nhận.',
      'Tháo ghim, đánh dấu vị trí các trang cần xử lý riêng.',
      'Kiểm tra máy quét: mặt kính sạch, khay nạp giấy hoạt động, chế độ quét đúng.',
      'Quét theo từng tập, mỗi tập không quá một trăm trang.',
      'Chạy nhận dạng chữ và lưu tệp theo quy tắc đặt tên của đơn vị.',
      'Đối chiếu số trang của tệp với số bút lục trong sổ theo dõi.',
      'Chép tệp vào thư mục hồ sơ chung và sao lưu sang ổ dự phòng.',
      'Trả hồ sơ giấy về đúng thứ tự và ghi ngày hoàn thành vào sổ.',
    ],
    checks: [
      'Số trang của bản quét khớp với số bút lục.',
      'Mọi trang đọc rõ, không bị cắt lề.',
      'Tên tệp đúng quy tắc chung của đơn vị.',
      'Bản quét đã có lớp chữ tìm kiếm được.',
      'Đã có bản sao lưu trên thiết bị tách biệt.',
      'Hồ sơ giấy đã được trả lại đúng thứ tự.',
    ],
    headings: [
      'Vì sao cần làm đúng ngay từ đầu',
      'Chuẩn bị thiết bị',
      'Quét và kiểm tra',
      'Đặt tên và lưu trữ',
      'Tra cứu khi nghiên cứu hồ sơ',
      'Bảo mật và sao lưu',
    ],
  },
  'trinh-chieu-chung-cu': {
    name: 'Trình chiếu chứng cứ tại phiên tòa',
    subjects: [
      'bản trình chiếu chứng cứ',
      'màn hình phòng xử án',
      'đoạn video trích xuất camera',
      'bản ảnh hiện trường',
      'danh mục chứng cứ',
    ],
    sentences: [
      'Tài liệu trình chiếu chỉ gồm những chứng cứ sẽ được nhắc đến khi xét hỏi và tranh luận, sắp theo trình tự dự kiến.',
      'Mỗi trang trình chiếu ghi rõ bút lục gốc để Hội đồng xét xử và luật sư đối chiếu được ngay.',
      'Buổi diễn tập trước phiên tòa giúp phát hiện cáp nối lỏng, máy chiếu mờ hay âm thanh quá nhỏ.',
      'Kiểm sát viên nên có sẵn bản in của các trang quan trọng phòng khi thiết bị gặp sự cố.',
      'Khi công bố một lời khai, phóng to đúng đoạn cần thiết thay vì chiếu cả trang chữ nhỏ.',
      'Đoạn video nên được cắt sẵn đến đúng thời điểm cần xem để không mất thời gian tua tại phiên tòa.',
      'Người phụ trách thiết bị ngồi gần máy tính trình chiếu và thống nhất trước các tín hiệu với Kiểm sát viên.',
      'Việc trình chiếu giúp người tham dự phiên tòa hiểu chứng cứ, qua đó tăng sức thuyết phục của lập luận buộc tội.',
      'Không đưa lên màn hình thông tin cá nhân không cần thiết của bị hại hoặc người làm chứng.',
      'Nếu máy chiếu hỏng giữa chừng, Kiểm sát viên tiếp tục bằng bản in và đề nghị xem lại chứng cứ sau.',
    ],
    steps: [
      'Lập danh mục chứng cứ cần công bố theo từng vấn đề xét hỏi.',
      'Trích các trang, ảnh, đoạn video cần thiết từ hồ sơ điện tử.',
      'Sắp xếp theo thứ tự dự kiến và ghi bút lục trên từng trang.',
      'Chép tài liệu vào hai thiết bị lưu trữ khác nhau.',
      'Diễn tập tại phòng xử án cùng người phụ trách thiết bị.',
      'In sẵn các trang then chốt làm phương án dự phòng.',
      'Sau phiên tòa, lưu bản trình chiếu vào hồ sơ kiểm sát.',
    ],
    checks: [
      'Mỗi trang trình chiếu có số bút lục gốc.',
      'Đã diễn tập ít nhất một lần tại phòng xử án.',
      'Có bản sao trên thiết bị thứ hai.',
      'Có bản in các trang then chốt.',
      'Âm lượng và độ sáng đã được kiểm tra.',
    ],
    headings: [
      'Chọn chứng cứ để trình chiếu',
      'Chuẩn bị tài liệu',
      'Thiết bị trong phòng xử án',
      'Công bố khi xét hỏi',
      'Khi tranh luận',
      'Xử lý sự cố',
    ],
  },
  'so-do-tu-duy': {
    name: 'Sơ đồ tư duy và sơ đồ hóa chứng cứ',
    subjects: [
      'sơ đồ tư duy báo cáo án',
      'sơ đồ hóa chứng cứ',
      'nhánh vấn đề cần làm rõ',
      'sơ đồ quan hệ giữa các bị can',
      'dòng thời gian của vụ án',
    ],
    sentences: [
      'Sơ đồ tư duy đặt tên vụ án ở trung tâm và tỏa ra các nhánh: thông tin chung, người tham gia tố tụng, hành vi, chứng cứ, vấn đề cần làm rõ và đề xuất.',
      'Mỗi ý trên sơ đồ chỉ là vài từ khóa kèm số bút lục, không chép lại nguyên văn lời khai.',
      'Sơ đồ hóa chứng cứ cho thấy chứng cứ nào chứng minh tình tiết nào, và tình tiết nào còn thiếu chứng cứ.',
      'Khi báo cáo án với lãnh đạo, Kiểm sát viên đi lần lượt theo các nhánh nên không bỏ sót nội dung.',
      'Mâu thuẫn giữa các lời khai được đánh dấu màu riêng để thấy ngay khi nhìn vào sơ đồ.',
      'Một dòng thời gian đơn giản giúp người nghe hiểu diễn biến vụ án nhanh hơn một đoạn văn dài.',
      'Sơ đồ nên được cập nhật mỗi khi có tài liệu mới, rồi lưu kèm hồ sơ kiểm sát.',
      'Có thể vẽ tay trên giấy khổ lớn hoặc dùng phần mềm; điều quan trọng là bố cục rõ ràng và thống nhất.',
      'Ví dụ minh họa trong bài là tình huống giả định, không phải một vụ án có thật.',
      'Sơ đồ quan hệ giữa các bị can giúp xác định vai trò của từng người trong vụ án đồng phạm.',
    ],
    steps: [
      'Đọc toàn bộ hồ sơ một lượt và ghi chú tình tiết kèm bút lục.',
      'Viết tên vụ án ở giữa trang và dựng các nhánh chính.',
      'Điền thông tin chung, người tham gia tố tụng và hành vi.',
      'Nối từng chứng cứ với tình tiết mà nó chứng minh.',
      'Tổng hợp các mâu thuẫn thành nhánh vấn đề cần làm rõ.',
      'Viết đề xuất dựa trên toàn bộ các nhánh đã có.',
      'Rà soát sơ đồ cùng một đồng nghiệp trước khi báo cáo.',
    ],
    checks: [
      'Mỗi ý có số bút lục đi kèm.',
      'Các mâu thuẫn đã được đánh dấu riêng.',
      'Không có tình tiết nào thiếu chứng cứ mà chưa ghi nhận.',
      'Đề xuất dựa trên các nhánh phía trước.',
      'Sơ đồ đã được lưu kèm hồ sơ kiểm sát.',
    ],
    headings: [
      'Nguyên tắc vẽ sơ đồ',
      'Các nhánh của sơ đồ báo cáo án',
      'Nối chứng cứ với tình tiết',
      'Báo cáo án bằng sơ đồ',
      'Dùng sơ đồ tại phiên tòa',
      'Những lỗi thường gặp',
    ],
  },
  'xet-xu-truc-tuyen': {
    name: 'Phiên tòa xét xử trực tuyến',
    subjects: [
      'điểm cầu trung tâm',
      'điểm cầu thành phần',
      'đường truyền hội nghị truyền hình',
      'phiên tòa trực tuyến',
      'biên bản kiểm tra kỹ thuật',
    ],
    sentences: [
      'Phiên tòa trực tuyến được tổ chức theo Nghị quyết 33/2021/QH15 và Thông tư liên tịch 05/2021 hướng dẫn thi hành.',
      'Điểm cầu trung tâm đặt tại phòng xử án của Tòa án; bị cáo có thể tham gia từ điểm cầu thành phần tại trại tạm giam.',
      'Trước phiên tòa, các bên kiểm tra đường truyền, hình ảnh và âm thanh ở từng điểm cầu, rồi ghi lại kết quả.',
      'Kiểm sát viên phải nhìn thấy và nghe rõ bị cáo trong suốt phiên tòa để thực hiện việc xét hỏi.',
      'Khi đường truyền bị gián đoạn, chủ tọa quyết định tạm dừng và việc này được ghi vào biên bản phiên tòa.',
      'Tài liệu cần công bố phải được gửi trước cho điểm cầu thành phần theo đúng quy định.',
      'Camera ở điểm cầu thành phần cần bao quát được toàn bộ người tham gia, không chỉ khuôn mặt bị cáo.',
      'Sau phiên tòa, bản ghi hình được lưu trữ cùng hồ sơ theo hướng dẫn của ngành.',
      'Một danh bạ liên lạc dự phòng bằng điện thoại giúp xử lý nhanh khi mất kết nối.',
      'Việc bảo đảm quyền bào chữa của bị cáo tại điểm cầu thành phần cần được Kiểm sát viên chú ý kiểm sát.',
    ],
    steps: [
      'Nhận thông báo về phiên tòa trực tuyến và danh sách điểm cầu.',
      'Liên hệ người phụ trách kỹ thuật ở từng điểm cầu.',
      'Kiểm tra đường truyền, hình ảnh và âm thanh trước ít nhất một ngày.',
      'Gửi trước tài liệu cần công bố cho điểm cầu thành phần.',
      'Có mặt sớm tại điểm cầu trung tâm để kiểm tra lần cuối.',
      'Theo dõi chất lượng kết nối trong suốt phiên tòa.',
      'Ghi nhận mọi sự cố và cách xử lý vào báo cáo sau phiên tòa.',
    ],
    checks: [
      'Đường truyền đã được kiểm tra ở mọi điểm cầu.',
      'Có số điện thoại dự phòng của người phụ trách kỹ thuật.',
      'Tài liệu đã được gửi trước cho điểm cầu thành phần.',
      'Bị cáo nhìn thấy và nghe rõ diễn biến phiên tòa.',
      'Sự cố, nếu có, đã được ghi vào biên bản.',
    ],
    headings: [
      'Căn cứ pháp lý',
      'Chuẩn bị điểm cầu',
      'Kiểm tra kỹ thuật',
      'Kiểm sát viên tại phiên tòa',
      'Khi mất kết nối',
      'Sau phiên tòa',
    ],
  },
  'van-ban-dieu-hanh': {
    name: 'Quản lý văn bản điều hành',
    subjects: ['văn bản đến', 'văn bản đi', 'phiếu xử lý văn bản', 'hồ sơ công việc', 'chữ ký số'],
    sentences: [
      'Văn bản đến được văn thư tiếp nhận, vào sổ trên ứng dụng và chuyển lãnh đạo cho ý kiến phân công.',
      'Người được giao xử lý nhận thông báo trên ứng dụng và cập nhật tiến độ ngay tại phiếu xử lý.',
      'Văn bản đi được trình ký điện tử, nên lãnh đạo có thể duyệt khi đang công tác xa đơn vị.',
      'Tìm kiếm theo số ký hiệu, trích yếu hay ngày ban hành giúp lấy lại văn bản cũ trong vài giây.',
      'Hạn xử lý được ứng dụng nhắc trước, giảm tình trạng văn bản bị quên trong ngăn bàn.',
      'Mỗi cán bộ đăng nhập bằng tài khoản riêng và không chia sẻ mật khẩu cho người khác.',
      'Năm 2023, toàn bộ lãnh đạo và Kiểm sát viên của một đơn vị cấp huyện đã dùng ứng dụng hằng ngày.',
      'Hồ sơ công việc gom các văn bản liên quan đến một việc vào một chỗ, thuận tiện khi bàn giao.',
      'Khi ứng dụng gặp lỗi, cán bộ báo ngay cho người phụ trách công nghệ thông tin kèm ảnh chụp màn hình.',
      'Chữ ký số thay cho chữ ký tay trên văn bản điện tử và có giá trị pháp lý theo quy định.',
    ],
    steps: [
      'Đăng nhập ứng dụng bằng tài khoản được cấp.',
      'Mở danh sách văn bản đến đang chờ xử lý.',
      'Đọc phiếu xử lý và ý kiến chỉ đạo của lãnh đạo.',
      'Soạn dự thảo văn bản trả lời và đính kèm vào phiếu.',
      'Trình lãnh đạo duyệt và ký số.',
      'Kiểm tra văn bản đã được phát hành đúng nơi nhận.',
      'Đưa văn bản vào hồ sơ công việc tương ứng.',
    ],
    checks: [
      'Văn bản đến đã được vào sổ trên ứng dụng.',
      'Người xử lý đã cập nhật tiến độ.',
      'Văn bản đi đã được ký số.',
      'Văn bản đã nằm trong hồ sơ công việc.',
      'Không còn văn bản quá hạn xử lý.',
    ],
    headings: [
      'Làm quen với ứng dụng',
      'Tiếp nhận văn bản đến',
      'Xử lý và phân công',
      'Soạn và trình văn bản đi',
      'Tìm kiếm văn bản',
      'Những sự cố thường gặp',
    ],
  },
};

const GENERAL = [
  'Bài học này viết cho cán bộ làm công nghệ thông tin kiêm nhiệm, nên mọi bước đều được giải thích từ đầu.',
  'Đào tạo tại chỗ, người đã làm được hướng dẫn người chưa làm, là cách nhiều đơn vị đã áp dụng có hiệu quả.',
  'Thiết bị giữa các đơn vị không đồng đều, vì vậy bài chỉ nêu yêu cầu tối thiểu thay vì một mẫu máy cụ thể.',
  'Công nghệ thay đổi nhanh; khi giao diện phần mềm khác với mô tả, hãy bám theo mục đích của từng bước.',
  'Sau mỗi lần áp dụng, hãy ghi lại điều làm tốt và điều cần sửa để chia sẻ tại buổi tọa đàm của đơn vị.',
  'Kinh nghiệm ở cấp huyện còn ít, vì thế việc nhân rộng cách làm hay giữa các đơn vị rất quan trọng.',
  'Chất lượng thực hành quyền công tố được nâng lên khi Kiểm sát viên nắm chắc hồ sơ và chứng cứ.',
  'Tranh tụng tại phiên tòa đòi hỏi Kiểm sát viên trả lời đầy đủ ý kiến của bị cáo và người bào chữa.',
  'Lãnh đạo đơn vị nên dành thời gian kiểm tra việc áp dụng trong tháng đầu để kịp thời tháo gỡ vướng mắc.',
  'Những tệp chứa thông tin vụ án phải được bảo vệ như hồ sơ giấy: không gửi qua ứng dụng nhắn tin cá nhân.',
  'Khi gặp khó khăn, hãy hỏi người phụ trách công nghệ thông tin của đơn vị hoặc đồng nghiệp đã học khóa này.',
  'Thời gian ước tính cho mỗi phần đã tính cả lúc thực hành trên một hồ sơ thật mà bạn đang giữ.',
  'Các con số trong bài được nêu để minh họa cách làm, không thay thế quy định hay hướng dẫn chính thức.',
  'Hệ thống điện tử chỉ phát huy tác dụng khi mọi người trong đơn vị cùng dùng theo một cách thống nhất.',
];

const LEVELS = ['co-ban', 'trung-binh', 'nang-cao'] as const;
const AUDIENCES = ['kiem-sat-vien', 'kiem-tra-vien', 'chuyen-vien', 'can-bo-cntt', 'lanh-dao', 'moi-can-bo'] as const;
const COURSE_ANGLES = [
  'cơ bản',
  'nâng cao',
  'cho lãnh đạo đơn vị',
  'cho Kiểm tra viên',
  'trong án hình sự',
  'trong án dân sự',
  'thực hành theo tình huống',
  'ôn tập và nhân rộng',
];
const LESSON_ANGLES = [
  'Tổng quan về',
  'Chuẩn bị cho',
  'Các bước thực hiện',
  'Kiểm tra chất lượng',
  'Tình huống thường gặp với',
  'Phân công và phối hợp khi làm',
  'Những lỗi cần tránh với',
  'Ôn tập và tự đánh giá về',
  'Mẹo làm nhanh',
  'Bảo mật khi làm việc với',
];

/** Builds the Vietnamese body of one generated lesson (roughly 900–1,300 words). */
function lessonBody(
  pool: TopicPool,
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  shuffle: <T>(list: readonly T[]) => T[],
): string {
  const para = (n: number) =>
    shuffle([...pool.sentences, ...GENERAL])
      .slice(0, n)
      .join(' ');
  const sections = shuffle(pool.headings).slice(0, 4);
  const parts = [para(4), ''];
  parts.push(
    `<KeyFigure value="${3 + Math.floor(random() * 60)}" label="${pick(pool.subjects)} được xử lý trong ví dụ minh họa" source="Số liệu giả định dùng cho bài học" />`,
    '',
  );
  for (const [index, heading] of sections.entries()) {
    parts.push(`## ${heading}`, '', para(5), '', para(4), '');
    if (index === 1) {
      parts.push(
        '<Steps>',
        '',
        ...shuffle(pool.steps)
          .slice(0, 6)
          .map((step, i) => `${i + 1}. ${step}`),
        '',
        '</Steps>',
        '',
      );
    }
    if (index === 2) {
      parts.push(
        '<Callout type="tip" title="Ví dụ minh họa (tình huống giả định)">',
        '',
        para(3),
        '',
        '</Callout>',
        '',
      );
    }
  }
  parts.push(
    '<Checklist title="Danh sách kiểm tra">',
    '',
    ...shuffle(pool.checks).map((c) => `- ${c}`),
    '',
    '</Checklist>',
    '',
  );
  parts.push('## Tóm tắt', '', para(3), '');
  return parts.join('\n');
}

/** A short end-of-lesson quiz in the QuizSchema format. */
function lessonQuiz(lessonId: string, title: string, pool: TopicPool, shuffle: <T>(list: readonly T[]) => T[]) {
  const steps = shuffle(pool.steps).slice(0, 4);
  return {
    title: `Ôn tập: ${title}`,
    for: { kind: 'lesson', id: lessonId },
    passPercent: 70,
    questions: [
      {
        id: 'q1',
        type: 'single',
        prompt: `Việc nào sau đây thuộc danh sách kiểm tra của chủ đề "${pool.name}"?`,
        options: [
          { id: 'a', text: shuffle(pool.checks)[0], correct: true },
          { id: 'b', text: 'Bỏ qua bước kiểm tra để tiết kiệm thời gian.' },
          { id: 'c', text: 'Gửi tệp hồ sơ qua ứng dụng nhắn tin cá nhân.' },
        ],
        explanation: 'Chỉ phương án đầu tiên là một mục trong danh sách kiểm tra của bài học.',
      },
      {
        id: 'q2',
        type: 'truefalse',
        prompt: 'Thông tin vụ án có thể gửi qua ứng dụng nhắn tin cá nhân nếu gấp.',
        answer: false,
        explanation: 'Tệp chứa thông tin vụ án được bảo vệ như hồ sơ giấy, kể cả khi gấp.',
      },
      {
        id: 'q3',
        type: 'ordering',
        prompt: 'Sắp xếp các bước theo thứ tự trong bài.',
        items: steps,
        explanation: 'Thứ tự này theo đúng trình tự các bước đã học trong bài.',
      },
    ],
  };
}

/**
 * Writes `<dir>` = a copy of src/content plus generated courses, lessons and quizzes until
 * the lesson count reaches `totalLessons`, in `coursesTotal` courses overall.
 */
export async function generateCorpus(dir: string, totalLessons = 2000, coursesTotal = 40): Promise<CorpusSummary> {
  const source = path.join(projectRoot, 'src', 'content');
  await mkdir(dir, { recursive: true });
  await cp(source, dir, { recursive: true });
  const existingLessons = (await readdir(path.join(dir, 'lessons'))).filter((f) => /\.mdx?$/.test(f)).length;
  const existingCourses = (await readdir(path.join(dir, 'courses'))).filter((f) => /\.mdx?$/.test(f)).length;

  const random = rng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };

  const toGenerate = Math.max(0, totalLessons - existingLessons);
  const courseCount = Math.max(1, coursesTotal - existingCourses);
  const topics = Object.keys(TOPICS) as Topic[];
  const generated: CorpusSummary['generated'] = [];
  let written = 0;

  for (let c = 0; c < courseCount && written < toGenerate; c++) {
    const topic = topics[c % topics.length]!;
    const pool = TOPICS[topic];
    const courseId = `bench-khoa-${String(c + 1).padStart(2, '0')}`;
    const perCourse = Math.ceil((toGenerate - written) / (courseCount - c));
    const lessonIds: string[] = [];
    const angle = COURSE_ANGLES[c % COURSE_ANGLES.length]!;

    for (let l = 0; l < perCourse; l++) {
      const lessonId = `${courseId}-bai-${String(l + 1).padStart(3, '0')}`;
      const subject = pick(pool.subjects);
      const title = `${LESSON_ANGLES[l % LESSON_ANGLES.length]} ${subject} (phần ${Math.floor(l / LESSON_ANGLES.length) + 1})`;
      const frontmatter = {
        title,
        summary: `Hướng dẫn ${subject} ${angle}: các bước làm, danh sách kiểm tra và tình huống minh họa.`,
        course: courseId,
        order: l + 1,
        durationMinutes: 20 + Math.floor(random() * 40),
        objectives: shuffle(pool.steps)
          .slice(0, 3)
          .map((s) => `Thực hiện được: ${s.charAt(0).toLowerCase()}${s.slice(1)}`),
        tags: [topic],
        updated: `2026-${String(1 + Math.floor(random() * 10)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        ...(topic === 'xet-xu-truc-tuyen'
          ? {
              legalBasis: [{ kind: 'Nghị quyết', number: '33/2021/QH15', date: '2021-11-12', issuer: 'Quốc hội' }],
            }
          : {}),
      };
      const file = `---\n${stringify(frontmatter)}---\n\n${lessonBody(pool, random, pick, shuffle)}`;
      await writeFile(path.join(dir, 'lessons', `${lessonId}.mdx`), file);
      await writeFile(
        path.join(dir, 'quizzes', `${lessonId}.yaml`),
        stringify(lessonQuiz(lessonId, title, pool, shuffle)),
      );
      lessonIds.push(lessonId);
      written++;
    }

    const course = {
      title: `${pool.name} ${angle} (khóa ${c + 1})`,
      summary: `Khóa học minh họa về ${pool.name.toLowerCase()} ${angle}, gồm ${lessonIds.length} bài ngắn có bước làm và danh sách kiểm tra.`,
      audience: shuffle(AUDIENCES).slice(0, 2),
      level: pick(LEVELS),
      estimatedHours: Math.max(1, Math.round(lessonIds.length * 0.6)),
      lessons: lessonIds,
      topic,
    };
    const intro = [GENERAL[c % GENERAL.length], shuffle(pool.sentences).slice(0, 3).join(' ')].join('\n\n');
    await writeFile(path.join(dir, 'courses', `${courseId}.mdx`), `---\n${stringify(course)}---\n\n${intro}\n`);
    generated.push({ id: courseId, lessons: lessonIds });
  }

  // Records at the scale of a province over a few years: seminars and write-ups per unit.
  const units = ['vksnd-huyen-my-xuyen', 'vksnd-huyen-van-yen', 'vksnd-thi-xa-vinh-chau', 'vksnd-huyen-tran-de'];
  const allLessons = generated.flatMap((g) => g.lessons);
  for (let i = 0; i < 60; i++) {
    const topic = topics[i % topics.length]!;
    const pool = TOPICS[topic];
    const unit = units[i % units.length]!;
    const year = 2023 + (i % 3);
    const seminar = {
      title: `Tọa đàm minh họa số ${i + 1} về ${pool.name.toLowerCase()}`,
      summary: `Bản ghi tọa đàm giả định dùng để đo hiệu năng: trao đổi về ${pick(pool.subjects)} và cách nhân rộng.`,
      date: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      hostUnit: unit,
      chair: { name: 'Người chủ trì (minh họa)', position: 'Viện trưởng' },
      participants: [{ unit: units[(i + 1) % units.length], role: 'Lãnh đạo và Kiểm sát viên' }],
      topics: [topic],
      difficulties: shuffle(GENERAL).slice(0, 2),
      solutions: shuffle(pool.steps).slice(0, 3),
      conclusions: shuffle(pool.sentences).slice(0, 2),
      followUps: [{ action: pick(pool.steps), owner: 'Bộ phận hình sự', deadline: `${year}-12-31` }],
      relatedLessons: shuffle(allLessons).slice(0, 2),
    };
    await writeFile(
      path.join(dir, 'seminars', `bench-toa-dam-${String(i + 1).padStart(3, '0')}.mdx`),
      `---\n${stringify(seminar)}---\n\n${shuffle([...pool.sentences, ...GENERAL])
        .slice(0, 8)
        .join(' ')}\n`,
    );
    const practice = {
      title: `Cách làm minh họa số ${i + 1}: ${pool.name.toLowerCase()}`,
      summary: `Bài viết giả định dùng để đo hiệu năng: kết quả áp dụng ${pick(pool.subjects)} tại đơn vị.`,
      unit,
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      fields: ['hinh-su'],
      topics: [topic],
      results: [{ value: 5 + Math.floor(random() * 40), label: `${pick(pool.subjects)} (số liệu giả định)` }],
      difficulties: shuffle(GENERAL).slice(0, 2),
      howToReplicate: shuffle(pool.steps).slice(0, 4),
      author: { name: 'Người viết minh họa' },
      relatedLessons: shuffle(allLessons).slice(0, 2),
    };
    await writeFile(
      path.join(dir, 'practices', `bench-cach-lam-${String(i + 1).padStart(3, '0')}.mdx`),
      `---\n${stringify(practice)}---\n\n${shuffle([...pool.sentences, ...GENERAL])
        .slice(0, 10)
        .join(' ')}\n`,
    );
  }

  return {
    dir,
    lessons: existingLessons + written,
    courses: existingCourses + generated.length,
    generated,
  };
}

// Run directly: `npx tsx scripts/bench/generate-corpus.ts <dir> [lessons] [courses]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, lessons, courses] = process.argv.slice(2);
  if (!dir) {
    console.error('Usage: npx tsx scripts/bench/generate-corpus.ts <dir> [lessons=2000] [courses=40]');
    process.exit(1);
  }
  const summary = await generateCorpus(path.resolve(dir), Number(lessons ?? 2000), Number(courses ?? 40));
  console.log(`${summary.lessons} lessons in ${summary.courses} courses written to ${summary.dir}`);
}
