/**
 * Leaders' completion dashboard and reports (issue 6): the matrix, people lists, timeline,
 * one person's record, exports (XLSX, CSV) and the printed report (HTML and PDF). Reads the
 * progress, assignment and quiz tables; writes nothing. See docs/decisions/070-leader-reports.md.
 */
export * from './person';
export * from './printed';
export * from './report';
export * from './report-pdf';
export * from './scope';
export * from './spreadsheet';
export * from './status-query';
export * from './tables';
export * from './request';
