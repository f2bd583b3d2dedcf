// lab/util/paths.ts finds the repository from where it runs: lab/util/paths.ts from the sources, and
// .build/js/lab/util/paths.js in the build, two directories deeper. Both must name the repository, or the
// built `lab` would look for bird/*.conf, lab/kind/*.yaml and manifests/ under .build/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../bin/build-stamp.mjs';
import { findRepoRoot, PACKAGE_NAME, repoRoot } from '../lab/util/paths.js';

/** The repository, as this test file's own location says. */
const expected = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/** The named exports of a built module, as a plain node process sees them. */
async function builtExports(module: string, names: readonly string[]): Promise<Record<string, unknown>> {
  const url = pathToFileURL(join(repoRoot, BUILD_DIR, module)).href;
  const script = `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify({ ${names.map((n) => `${n}: m.${n}`).join(', ')} }));`;
  const { stdout } = await execa('node', ['--input-type=module', '-e', script], { cwd: tmpdir() });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('repoRoot', () => {
  it('is the repository when run from the sources', () => {
    expect(repoRoot).toBe(expected);
  });

  it('is the repository when run from the build, and so are the paths of the files the build reads', async () => {
    expect(await builtExports('lab/util/paths.js', ['repoRoot', 'birdConfigDir'])).toEqual({ repoRoot: expected, birdConfigDir: join(expected, 'bird') });
    const { DATAPATH_OBJECT } = await builtExports('lab/netns/datapath.js', ['DATAPATH_OBJECT']);
    expect(DATAPATH_OBJECT).toBe(join(expected, '.build', 'lb_dsr.o'));
  });
});

describe('findRepoRoot', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'repo-root-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('skips directories whose package.json names another package, or that have none', () => {
    const repo = join(scratch, 'repo');
    mkdirSync(join(repo, 'vendor', 'other', 'lab'), { recursive: true });
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: PACKAGE_NAME }));
    writeFileSync(join(repo, 'vendor', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(findRepoRoot(join(repo, 'vendor', 'other', 'lab'))).toBe(repo);
  });

  it('says so when no directory above is the repository', () => {
    expect(() => findRepoRoot(scratch)).toThrow(`no package.json named ${PACKAGE_NAME} in ${scratch} or above it`);
  });
});
