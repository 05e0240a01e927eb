/**
 * Finds the file names a product file cites (the rule is spelled out in test/contract/citations.test.ts): document
 * names (`.md`, `.yaml`, `.yml`) in comments, strings and Markdown/YAML text, and source names (`.ts`, `.json`) in
 * comments and Markdown/YAML text. URL paths and URLs are not citations.
 */

const NAME = /(?<![\w*.$/-])((?:\.\.?\/)?[\w-]+(?:[./][\w-]+)*\.(md|ya?ml|ts|json))\b/g;
const DOCUMENT = new Set(['md', 'yaml', 'yml']);

export interface Citation {
  file: string;
  line: number;
  name: string;
}

/** The text of a TypeScript file that may cite: comments (any name) and string literals (documents only). */
function citableTexts(source: string): { text: string; offset: number; comment: boolean }[] {
  const parts: { text: string; offset: number; comment: boolean }[] = [];
  const token = /(\/\*[\s\S]*?\*\/)|(\/\/[^\n]*)|('(?:\\.|[^'\\\n])*')|("(?:\\.|[^"\\\n])*")|(`(?:\\.|[^`\\])*`)/g;
  for (const m of source.matchAll(token)) {
    parts.push({ text: m[0], offset: m.index, comment: m[1] !== undefined || m[2] !== undefined });
  }
  return parts;
}

/** Every citation in one file, with its line. */
export function citationsIn(file: string, source: string): Citation[] {
  const texts = file.endsWith('.ts') ? citableTexts(source) : [{ text: source, offset: 0, comment: true }];
  const found: Citation[] = [];
  for (const { text, offset, comment } of texts) {
    const withoutUrls = text.replace(/[a-z][\w+.-]*:\/\/[^\s'"`)>\]]+/gi, (url) => ' '.repeat(url.length));
    for (const m of withoutUrls.matchAll(NAME)) {
      const name = m[1]!;
      if (!comment && !DOCUMENT.has(m[2]!)) continue;
      const line = source.slice(0, offset + m.index).split('\n').length;
      found.push({ file, line, name });
    }
  }
  return found;
}
