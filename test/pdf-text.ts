import { inflateSync } from 'node:zlib';

/**
 * The text a pdfkit PDF shows, in drawing order, with whitespace collapsed: each content stream is
 * inflated, and the hex strings of its TJ/Tj operators (pdfkit's standard fonts write WinAnsi bytes)
 * are decoded. Enough to check what a generated PDF says without a PDF library.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  // Each stream is read by its /Length: a regex up to "endstream" would cut off a compressed body
  // that happens to end in a CR byte, and that page's text would vanish.
  const streams = /\/Length (\d+)[^>]*>>\s*stream\r?\n/g;
  for (const match of raw.matchAll(streams)) {
    const start = (match.index ?? 0) + match[0].length;
    const body = Buffer.from(raw.slice(start, start + Number(match[1])), 'latin1');
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const inner = op[1] ?? `<${op[2] ?? ''}>`;
      const text = [...inner.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1')).join('');
      parts.push(text);
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The number of pages of a PDF. */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type \/Page\b/g)].length;
}
