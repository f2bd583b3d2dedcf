// Writing HTML and SVG as strings: text escaped once, here, so that no lab name, message or state dump
// can break the page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe in an element or a quoted attribute. Example: esc('a<b') === 'a&lt;b' */
export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Attributes from a record, values escaped; undefined and false leave an attribute out. */
export function attrs(values: Readonly<Record<string, string | number | boolean | undefined>>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v as string | number)}"`))
    .join('');
}

/** Milliseconds as people read them: "812 ms", "2.53 s". */
export const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** The colour of a BGP session's state: established, not established, not seen. */
export function stateColour(state: string | undefined): string {
  if (state === undefined) return '#8a8f98';
  return state === 'Established' ? '#1a7f37' : '#cf222e';
}
