// Reads a classic pcap file (microsecond timestamps, either byte order) into decoded frames.
// pcap-parser splits the file into records; it says nothing when the file ends inside one, so the
// bytes it consumed are counted here against the file's size.
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse, type PacketHeader } from 'pcap-parser';
import { decodeFrame, withUnprinted, type Frame } from './frame.js';
import { unsupportedLinkType } from './link-layer.js';
import { formatProblem } from './magic.js';
import { PcapError } from './pcap-error.js';

// pcap-savefile(5)
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export type RecordedFrame = Frame & {
  /** when the frame was captured, in microseconds since the epoch; not printed by `lab pcap` */
  readonly timestampMicros: number;
};

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function describeSystemError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a pcap capture';
    case 'EACCES':
      return 'permission denied (tcpdump run as root writes files only root can read: chown or chmod it)';
    default:
      return error.message;
  }
}

/** Why the file ended where it did, if that is not right after a whole record. */
function endProblem(fileSize: number, consumed: number, framesRead: number, unfinished: PacketHeader | undefined): string | undefined {
  if (consumed < FILE_HEADER_BYTES) return `pcap header cut short: ${fileSize} of ${FILE_HEADER_BYTES} bytes`;
  const next = `frame ${framesRead + 1} (after ${framesRead} whole frame${framesRead === 1 ? '' : 's'})`;
  const copiedTooSoon = 'was the file copied while tcpdump was still writing it?';
  if (unfinished) {
    const present = fileSize - consumed - RECORD_HEADER_BYTES;
    return `the file ends inside ${next}: ${present} of its ${unfinished.capturedLength} bytes are there (${copiedTooSoon})`;
  }
  const left = fileSize - consumed;
  if (left > 0) return `the file ends inside the record header of ${next}: ${left} of ${RECORD_HEADER_BYTES} bytes (${copiedTooSoon})`;
  return undefined;
}

function readRecords(file: string, input: Readable, fileSize: number): Promise<RecordedFrame[]> {
  return new Promise((resolve, reject) => {
    const parser = parse(input);
    const frames: RecordedFrame[] = [];
    let linkType = 0;
    let consumed = 0;
    let unfinished: PacketHeader | undefined;
    let failed = false;
    // pcap-parser goes on emitting what it has already buffered after a failure: that is ignored.
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (failed) return;
        try {
          handler(...args);
        } catch (error) {
          failed = true;
          input.destroy();
          reject(error);
        }
      };
    parser.on(
      'globalHeader',
      guarded((header) => {
        const problem = unsupportedLinkType(header.linkLayerType);
        if (problem) throw new PcapError(file, problem);
        linkType = header.linkLayerType;
        consumed = FILE_HEADER_BYTES;
      }),
    );
    parser.on(
      'packetHeader',
      guarded((header) => {
        unfinished = header;
      }),
    );
    parser.on(
      'packet',
      guarded(({ header, data }) => {
        const frame = decodeFrame(data, frames.length + 1, linkType);
        frames.push(withUnprinted(frame, { timestampMicros: header.timestampSeconds * 1_000_000 + header.timestampMicroseconds }));
        consumed += RECORD_HEADER_BYTES + header.capturedLength;
        unfinished = undefined;
      }),
    );
    parser.on(
      'error',
      guarded((error) => {
        throw new PcapError(file, isSystemError(error) ? describeSystemError(error) : error.message);
      }),
    );
    parser.on(
      'end',
      guarded(() => {
        const problem = endProblem(fileSize, consumed, frames.length, unfinished);
        if (problem) throw new PcapError(file, problem);
        resolve(frames);
      }),
    );
  });
}

async function readOpenFile(file: string, handle: FileHandle): Promise<RecordedFrame[]> {
  const { size } = await handle.stat();
  const magic = Buffer.alloc(4);
  const { bytesRead } = await handle.read(magic, 0, magic.length, 0);
  const problem = formatProblem(magic.subarray(0, bytesRead));
  if (problem) throw new PcapError(file, problem);
  return readRecords(file, handle.createReadStream({ start: 0, autoClose: false }), size);
}

/**
 * The frames of a classic pcap capture, decoded (see `Frame`). Rejects with a PcapError, naming the file
 * and what is wrong, for anything but a whole classic pcap file of a supported link type: a frame is
 * never left out silently. A frame that is malformed inside is returned, marked (`malformed`).
 */
export async function readPcap(file: string): Promise<RecordedFrame[]> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file);
    return await readOpenFile(file, handle);
  } catch (error) {
    throw isSystemError(error) ? new PcapError(file, describeSystemError(error)) : error;
  } finally {
    await handle?.close();
  }
}
