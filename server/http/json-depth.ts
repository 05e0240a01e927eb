/**
 * How deeply a JSON text nests, measured on its bytes before it is parsed: a body nested thousands of levels deep is
 * refused before anything (the parser, the validator, the idempotency hash) walks it recursively.
 */

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * True when `text` (UTF-8 JSON) opens more than `maxDepth` objects or arrays inside one another. Brackets inside
 * strings do not count; the text need not be valid JSON (the parser judges that).
 *
 * @example
 * exceedsDepth(Buffer.from('{"a":[1]}'), 1) // → true (depth 2)
 */
export function exceedsDepth(text: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return false;
}
