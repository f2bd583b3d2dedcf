// Reads the facts the drift test compares with lab/topology.ts out of a BIRD config: router id,
// defined constants, BGP sessions (with their templates). Follows `include`; not a full BIRD parser.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BirdBgpProtocol {
  readonly name: string;
  readonly localAs?: number;
  readonly neighborAddress?: string;
  readonly neighborAs?: number;
}

export interface BirdConfigFacts {
  readonly routerId?: string;
  readonly defines: Readonly<Record<string, string>>;
  readonly bgpProtocols: readonly BirdBgpProtocol[];
  /** `kernel table N` of every kernel protocol */
  readonly kernelTables: readonly number[];
}

/** The config's text with includes inlined and comments removed. */
export function flattenBirdConfig(file: string): string {
  const text = readFileSync(file, 'utf8').replace(/#.*$/gm, '');
  return text.replace(/include\s+"([^"]+)"\s*;/g, (_, included: string) => flattenBirdConfig(join(dirname(file), included)));
}

/** The text between the brace that opens at `open` and its matching close. */
function block(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced braces in BIRD config');
}

export function birdConfigFacts(file: string): BirdConfigFacts {
  const text = flattenBirdConfig(file);
  const defines: Record<string, string> = {};
  for (const m of text.matchAll(/define\s+(\w+)\s*=\s*([^;]+);/g)) defines[m[1]!] = m[2]!.trim();
  const resolve = (value: string): string => defines[value] ?? value;

  const bodies = new Map<string, { from?: string; body: string }>();
  for (const m of text.matchAll(/(?:protocol|template)\s+bgp\s+(\w+)(?:\s+from\s+(\w+))?\s*\{/g)) {
    bodies.set(m[1]!, { ...(m[2] ? { from: m[2] } : {}), body: block(text, m.index + m[0].length - 1) });
  }
  const fact = (name: string, pattern: RegExp): RegExpExecArray | undefined => {
    const entry = bodies.get(name);
    if (!entry) return undefined;
    return pattern.exec(entry.body) ?? (entry.from ? fact(entry.from, pattern) : undefined);
  };
  const bgpProtocols = [...text.matchAll(/protocol\s+bgp\s+(\w+)/g)].map(([, name]) => {
    const local = fact(name!, /local\s+as\s+(\w+)\s*;/);
    const neighbor = fact(name!, /neighbor\s+([\w.:]+)\s+as\s+(\w+)\s*;/);
    return {
      name: name!,
      ...(local ? { localAs: Number(resolve(local[1]!)) } : {}),
      ...(neighbor ? { neighborAddress: resolve(neighbor[1]!), neighborAs: Number(resolve(neighbor[2]!)) } : {}),
    };
  });
  const routerId = /router\s+id\s+([\w.]+)\s*;/.exec(text)?.[1];
  return {
    ...(routerId ? { routerId: resolve(routerId) } : {}),
    defines,
    bgpProtocols,
    kernelTables: [...text.matchAll(/kernel\s+table\s+(\d+)\s*;/g)].map((m) => Number(m[1])),
  };
}
