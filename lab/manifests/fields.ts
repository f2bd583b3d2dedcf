// Reading one object of a manifest field by field, the way a controller decodes it, and refusing what it
// does not know: every key of an object must be read (or declared ignorable) before `done()`, so that a
// field the netns fabric does not implement stops the run with the file, the resource, the field and the
// value, instead of being silently ignored.
import { UserFacingError } from '../util/errors.js';
import { typoOf } from './typos.js';

/** Which resource a field belongs to. Example: {"file":"manifests/cilium-bgp.yaml","kind":"CiliumBGPPeerConfig","name":"cilium-peer"} */
export interface ResourceRef {
  /** relative to the repository, or as given */
  readonly file: string;
  readonly kind: string;
  /** "namespace/name" for namespaced resources */
  readonly name: string;
}

export class ManifestError extends UserFacingError {
  override name = 'ManifestError';
}

/**
 * A manifest the netns fabric cannot run, though a cluster would (a field, a kind, a shape it does not
 * implement): the run stops on the netns fabric, and the kind fabric applies the manifest as it is.
 */
export class NetnsCannotRun extends ManifestError {
  override name = 'NetnsCannotRun';
}

/** "manifests/cilium-bgp.yaml: CiliumBGPPeerConfig cilium-peer: spec.timers.holdTimeSeconds" */
export function where(ref: ResourceRef, path: string): string {
  return `${ref.file}: ${ref.kind}${ref.name ? ` ${ref.name}` : ''}${path ? `: ${path}` : ''}`;
}

/** The error for a field the API server would refuse as unknown: a slip of a field it knows. */
export function typo(ref: ResourceRef, path: string, meant: string): ManifestError {
  return new ManifestError(`${where(ref, path)} is not a field of ${ref.kind}: did you mean \`${meant}\`? (kubectl apply would refuse it as unknown)`);
}


/** The error for a field the netns fabric does not implement: the kind fabric applies it as it is. */
export function notImplemented(ref: ResourceRef, path: string, value: unknown, why = 'is not implemented by the netns fabric'): NetnsCannotRun {
  const kind = why.includes('LAB_FABRIC=kind') ? '' : ' (the kind fabric applies it as it is: LAB_FABRIC=kind)';
  return new NetnsCannotRun(`${where(ref, path)} = ${JSON.stringify(value)} ${why}${kind}`);
}

export function invalid(ref: ResourceRef, path: string, value: unknown, expected: string): ManifestError {
  return new ManifestError(`${where(ref, path)} = ${JSON.stringify(value)} is not valid: expected ${expected}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One object of a resource at `path`, read key by key. */
export class Fields {
  private readonly read = new Set<string>();

  private constructor(
    readonly ref: ResourceRef,
    readonly path: string,
    private readonly value: Record<string, unknown>,
  ) {}

  static of(ref: ResourceRef, path: string, value: unknown): Fields {
    if (!isObject(value)) throw invalid(ref, path, value, 'an object');
    return new Fields(ref, path, value);
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /**
   * The raw value of `key` (undefined when absent), marked as read. An absent key with a slip of it
   * present (`peerAsn` for `peerASN`) is a typo, said as such before its absence means anything.
   */
  raw(key: string): unknown {
    this.read.add(key);
    const value = this.value[key];
    if (value === undefined) {
      const slip = Object.keys(this.value).find((k) => !this.read.has(k) && typoOf(k, [key]) === key);
      if (slip !== undefined) throw typo(this.ref, this.at(slip), key);
    }
    return value;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  optionalString(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalid(this.ref, this.at(key), value, 'a string');
    return value;
  }

  string(key: string): string {
    const value = this.optionalString(key);
    if (value === undefined) throw new ManifestError(`${where(this.ref, this.at(key))} is missing`);
    return value;
  }

  optionalNumber(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(this.ref, this.at(key), value, 'an integer');
    return value;
  }

  number(key: string): number {
    const value = this.optionalNumber(key);
    if (value === undefined) throw new ManifestError(`${where(this.ref, this.at(key))} is missing`);
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalid(this.ref, this.at(key), value, 'true or false');
    return value;
  }

  optionalObject(key: string): Fields | undefined {
    const value = this.raw(key);
    return value === undefined || value === null ? undefined : Fields.of(this.ref, this.at(key), value);
  }

  object(key: string): Fields {
    const found = this.optionalObject(key);
    if (!found) throw new ManifestError(`${where(this.ref, this.at(key))} is missing`);
    return found;
  }

  /** The elements of the list at `key` (empty when absent), each with its path. */
  list(key: string): { readonly path: string; readonly value: unknown }[] {
    const value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalid(this.ref, this.at(key), value, 'a list');
    return value.map((element, i) => ({ path: `${this.at(key)}[${i}]`, value: element }));
  }

  /** The objects of the list at `key`. */
  objects(key: string): Fields[] {
    return this.list(key).map((e) => Fields.of(this.ref, e.path, e.value));
  }

  strings(key: string): string[] {
    return this.list(key).map((e) => {
      if (typeof e.value !== 'string') throw invalid(this.ref, e.path, e.value, 'a string');
      return e.value;
    });
  }

  /** A map of strings (labels, matchLabels). */
  stringMap(key: string): Record<string, string> {
    const found = this.optionalObject(key);
    if (!found) return {};
    return Object.fromEntries(Object.keys(found.value).map((k) => [k, found.string(k)]));
  }

  /** Marks keys as read on purpose: they do not change what the netns fabric does (say why at the call). */
  ignore(...keys: string[]): void {
    keys.forEach((k) => this.read.add(k));
  }

  /**
   * Throws for the first key that was not read: by default a field the netns fabric does not implement;
   * `unread` makes another error of it (a lab file's field that neither fabric reads).
   */
  done(unread?: (path: string, value: unknown) => Error): void {
    const key = Object.keys(this.value).find((k) => !this.read.has(k));
    if (key === undefined) return;
    const meant = typoOf(key, this.read);
    if (meant !== undefined) throw typo(this.ref, this.at(key), meant);
    throw unread
      ? unread(this.at(key), this.value[key])
      : notImplemented(this.ref, this.at(key), this.value[key], `is not a field the netns fabric reads: if ${this.ref.kind} has such a field, the kind fabric applies it as it is (LAB_FABRIC=kind); if not, the API server refuses it`);
  }

  /** The keys of this object, in the order written. */
  keys(): string[] {
    return Object.keys(this.value);
  }
}
