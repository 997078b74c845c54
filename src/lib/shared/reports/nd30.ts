/**
 * Wording rules of administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I) used by the
 * printed report and its PDF: agency names in capitals, the national motto, the number line
 * and the place-and-date line.
 */

/** The national name, first line of the motto block. */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/** The motto, second line (initial capitals, hyphens with spaces, underlined). */
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * An agency name as printed in the header: the abbreviation "VKSND" written out and
 * everything in capitals ("VKSND huyện Mỹ Xuyên" → "VIỆN KIỂM SÁT NHÂN DÂN HUYỆN MỸ XUYÊN").
 * @param name the unit's name
 */
export function agencyHeading(name: string): string {
  return name
    .replace(/\s*\((?:dữ liệu mẫu|mẫu)\)\s*/giu, ' ')
    .replace(/^VKSND\b/u, 'Viện kiểm sát nhân dân')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleUpperCase('vi');
}

/**
 * Day and month as Nghị định 30 writes them: a zero before days below 10 and before months 1
 * and 2 only ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 11 năm 2026").
 * @param isoDay yyyy-mm-dd
 */
export function formatDocumentDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/**
 * The place-and-date line: "Mỹ Xuyên, ngày 05 tháng 02 năm 2026".
 * @param place place name
 * @param isoDay yyyy-mm-dd
 */
export function documentDateLine(place: string, isoDay: string): string {
  return `${place}, ${formatDocumentDate(isoDay)}`;
}

/**
 * The number line: "Số: 15/BC-VKS", or "Số:      /BC-VKS" with room to write the number by hand.
 * @param number the document number, when known
 * @param symbol what follows "BC-" (default "VKS")
 */
export function documentNumberLine(number: string | undefined, symbol: string | undefined): string {
  return `Số: ${number ?? '\u00a0'.repeat(6)}/BC-${symbol ?? 'VKS'}`;
}

/**
 * A default place name for the date line from a unit: its short name, else its name without
 * the "VKSND" prefix and the level word ("VKSND huyện Mỹ Xuyên" → "Mỹ Xuyên").
 * @param unit the issuing unit
 */
export function defaultPlace(unit: { name: string; shortName: string | null }): string {
  if (unit.shortName) return unit.shortName;
  return (
    unit.name
      .replace(/\s*\([^)]*\)\s*/g, ' ')
      .replace(/^(VKSND|Viện kiểm sát nhân dân)\s+/iu, '')
      .replace(/^(tỉnh|thành phố|huyện|thị xã|quận|khu vực)\s+/iu, '')
      .trim() || unit.name
  );
}
