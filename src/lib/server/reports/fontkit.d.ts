// fontkit is pdfkit's own font engine (a dependency of pdfkit); only `create` is used, to parse
// the report fonts once per process instead of once per PDF.
declare module 'fontkit' {
  /** A parsed font; pdfkit accepts it wherever it accepts font bytes. */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
