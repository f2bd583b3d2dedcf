// The type check as a unit test: `npm test` runs it beside the other tests and the specs rather than
// before them all (about 1.2 s of the run's wall time), and a type error fails the run as a failing test
// does, with the compiler's own words. `npm run typecheck` is the same check alone.
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';

it('the TypeScript type-checks (tsc --noEmit with tsconfig.json: lab/, specs/, test/, scripts/ and the configs)', { timeout: 120_000 }, async () => {
  const tsc = await execa(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--pretty', 'false'], { cwd: repoRoot, reject: false, all: true });
  // what tsc says is the failure's message: it says nothing when every file checks
  expect(tsc.all?.trim() ?? '', 'tsc --noEmit').toBe('');
  expect(tsc.exitCode, 'tsc --noEmit exit status').toBe(0);
});
