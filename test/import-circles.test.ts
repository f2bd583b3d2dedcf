// No module of lab/ imports itself through others, type imports included: a circle makes a module's
// meaning depend on load order, and hid three concepts that belonged together (run-state, the fabric
// description and GoBGP's launch; the kind plan and Coil's steps; the manifests' intent and speakers).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Each module's relative imports (import and export ... from), as files. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(/^(?:import|export)[^'"]*?from '(\.[^']+)'/gm), ...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      return [file, targets.filter((t) => files.includes(t))];
    }),
  );
}

/** The first circle found, as the files around it. */
function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const circle = visit(file);
    if (circle) return circle;
  }
  return undefined;
}

describe("lab/'s modules", () => {
  it('import no circle', () => {
    const circle = findCircle(importGraph(sources(join(repoRoot, 'lab'))));
    expect(circle?.map((f) => relative(repoRoot, f)).join(' -> ')).toBeUndefined();
  });
});
