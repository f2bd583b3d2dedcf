/**
 * A header inside one frame that cannot be decoded: cut short by the capture, or with a field no valid
 * header has. It stops the decoding of that frame only (see `malformed` in frame.ts).
 */
export class MalformedHeader extends Error {
  override name = 'MalformedHeader';
}

/** Throws unless `bytes` holds the `length` bytes that `header` needs. */
export function need(bytes: Uint8Array, length: number, header: string): void {
  if (bytes.length < length) throw new MalformedHeader(`${header} cut short: ${length} bytes needed, ${bytes.length} captured`);
}
