// Reads a folder of manifests (manifests/, or LAB_MANIFESTS) as both fabrics see it: Kubernetes resources
// in every *.yaml, Cilium's Helm values in cilium-values.yaml, Coil's CNI chain in coil/netconf.json.
// Parsing only: a YAML error names the file, line and column; a document without apiVersion and kind, or
// a folder without the values, says so. What the resources mean is for the readers beside this file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../util/paths.js';
import { Fields, ManifestError, type ResourceRef } from './fields.js';

/** The files of a manifests folder that are not Kubernetes resources, and what they are. */
export const MANIFEST_LAYOUT = {
  /** Helm values for Cilium's chart */
  ciliumValues: 'cilium-values.yaml',
  /** the CNI chain Coil writes onto each node */
  cniChain: join('coil', 'netconf.json'),
} as const;

/** One Kubernetes resource as written. Example: ref {"file":"manifests/lb-pool.yaml","kind":"CiliumLoadBalancerIPPool","name":"ip-pool-green"} */
export interface RawResource {
  readonly ref: ResourceRef;
  readonly apiVersion: string;
  readonly namespace?: string;
  /** the whole document, apiVersion, kind and metadata.name already read */
  readonly fields: Fields;
  readonly metadata: Fields;
}

export interface ManifestSet {
  /** the folder, e.g. "/work/main/manifests" */
  readonly dir: string;
  readonly resources: readonly RawResource[];
  readonly ciliumValues: Fields;
  readonly cniChain: Fields;
}

/** How a file is named in messages: relative to the repository when it is inside it. */
export function displayPath(file: string): string {
  const rel = relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

/** Every document of a YAML (or JSON) file, as plain values; a syntax error names file, line and column. */
export function parseYamlFile(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.map((doc) => {
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ManifestError(`${displayPath(file)}${at ? `:${at.line}:${at.col}` : ''}: YAML: ${message}`);
    }
    return doc.toJS() as unknown;
  }).filter((value) => value !== null && value !== undefined);
}

/** Coil's resources: applied once Coil's webhooks answer, before Cilium (lab/kind/bring-up-plan.ts). */
export function isCoilFile(dir: string, file: string): boolean {
  return relative(dir, file).split(sep)[0] === 'coil';
}

/** Every resource file of a manifests folder, sorted: its *.yaml but Cilium's values. */
export function resourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.ya?ml$/.test(path) && path !== MANIFEST_LAYOUT.ciliumValues)
    .sort()
    .map((path) => join(dir, path.split('/').join(sep)));
}

function resourcesOf(file: string): RawResource[] {
  return parseYamlFile(file).map((doc, index) => {
    const unnamed: ResourceRef = { file: displayPath(file), kind: `document ${index + 1}`, name: '' };
    const top = Fields.of(unnamed, '', doc);
    const apiVersion = top.optionalString('apiVersion');
    const kind = top.optionalString('kind');
    if (!apiVersion || !kind) {
      throw new ManifestError(`${unnamed.file}: document ${index + 1} has no ${apiVersion ? 'kind' : 'apiVersion'}: every document must be a Kubernetes resource`);
    }
    const metadata = top.object('metadata');
    const name = metadata.string('name');
    const namespace = metadata.optionalString('namespace');
    const ref: ResourceRef = { file: unnamed.file, kind, name: namespace ? `${namespace}/${name}` : name };
    const fields = Fields.of(ref, '', doc);
    fields.ignore('apiVersion', 'kind', 'metadata');
    const meta = Fields.of(ref, 'metadata', (doc as Record<string, unknown>)['metadata']);
    meta.ignore('name', 'namespace');
    return { ref, apiVersion, ...(namespace ? { namespace } : {}), fields, metadata: meta };
  });
}

function single(dir: string, file: string, what: string): Fields {
  const path = join(dir, file);
  let docs: unknown[];
  try {
    docs = file.endsWith('.json') ? [JSON.parse(readFileSync(path, 'utf8'))] : parseYamlFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestError(`${displayPath(dir)} has no ${file} (${what})`);
    if (error instanceof SyntaxError) throw new ManifestError(`${displayPath(path)}: JSON: ${error.message}`);
    throw error;
  }
  if (docs.length !== 1) throw new ManifestError(`${displayPath(path)}: expected one document (${what}), found ${docs.length}`);
  return Fields.of({ file: displayPath(path), kind: what, name: '' }, '', docs[0]);
}

/** Reads the manifests folder `dir`. */
export function loadManifests(dir: string): ManifestSet {
  return {
    dir,
    resources: resourceFiles(dir).flatMap(resourcesOf),
    ciliumValues: single(dir, MANIFEST_LAYOUT.ciliumValues, "Cilium's Helm values"),
    cniChain: single(dir, MANIFEST_LAYOUT.cniChain, "Coil's CNI chain"),
  };
}
