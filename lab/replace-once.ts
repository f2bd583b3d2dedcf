// A change made to a copy of a file the project ships (a BIRD config for a fault, a manifest for a
// mistake) must land where it is meant to: the text it replaces must be there exactly once, or the
// control would silently break something else, or nothing.

/**
 * `text` with `from` replaced by `to`; throws, naming `where`, unless `from` occurs exactly once.
 * Example: replaceOnce('a;b;', 'b;', 'c;', 'bird/server0.conf') is 'a;c;'
 */
export function replaceOnce(text: string, from: string, to: string, where: string): string {
  const found = text.split(from).length - 1;
  if (found !== 1) throw new Error(`${where} must contain ${JSON.stringify(from)} exactly once, not ${found} times`);
  return text.replace(from, to);
}
