// Types for pcap-parser 0.2.1, which ships none: the parts lab/pcap/read.ts uses.
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface GlobalHeader {
    readonly magicNumber: number;
    readonly majorVersion: number;
    readonly minorVersion: number;
    readonly gmtOffset: number;
    readonly timestampAccuracy: number;
    readonly snapshotLength: number;
    readonly linkLayerType: number;
  }

  export interface PacketHeader {
    readonly timestampSeconds: number;
    readonly timestampMicroseconds: number;
    readonly capturedLength: number;
    readonly originalLength: number;
  }

  export interface Packet {
    readonly header: PacketHeader;
    readonly data: Buffer;
  }

  /**
   * Emits `end` also when the input stops in the middle of a header or a packet: that silence is the
   * caller's to detect.
   */
  export type Parser = EventEmitter<{
    globalHeader: [GlobalHeader];
    packetHeader: [PacketHeader];
    packet: [Packet];
    error: [Error];
    end: [];
  }>;

  export function parse(input: string | Readable): Parser;
}
