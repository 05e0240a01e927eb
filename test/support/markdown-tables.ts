/**
 * Markdown tables with their cell padding taken out: Biome formats README tables with aligned columns, while
 * generated tables and the strings tests look for have single spaces. Both normalise to the same text.
 */

/** Each table row as `| a | b |` (cells trimmed, separator cells `---`); other lines unchanged. */
export function unpadTables(markdown: string): string {
  return markdown.replace(/^\|.*\|[ \t]*$/gm, (row) => {
    const cells = row
      .trim()
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim())
      .map((c) => (/^:?-{3,}:?$/.test(c) ? '---' : c));
    return `| ${cells.join(' | ')} |`;
  });
}
