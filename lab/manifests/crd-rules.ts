// Rules of Cilium 1.18's CRDs (pkg/k8s/apis/cilium.io/client/crds/v2/*.yaml) that the API server holds
// manifests to before Cilium sees them: a number field's bounds and default, a standard community's
// pattern. The reader applies them as the API server would, so that what it accepts a cluster accepts.
import { invalid, type Fields } from './fields.js';

/**
 * A number field of the CRD's schema (pkg/k8s/apis/cilium.io/client/crds/v2/ciliumbgppeerconfigs.yaml,
 * Cilium 1.18): absent, its default; present, within its minimum and maximum, as the API server holds it.
 */
export function bounded(fields: Fields | undefined, key: string, [min, max]: readonly [number, number], fallback: number): number {
  const value = fields?.optionalNumber(key);
  if (value === undefined) return fallback;
  if (value < min || value > max) throw invalid(fields!.ref, `${fields!.path}.${key}`, value, `${min} to ${max}, the CRD's bounds`);
  return value;
}

/**
 * A standard community as the CRD's pattern takes it (crds/v2/ciliumbgpadvertisements.yaml
 * communities.standard): a 32-bit decimal or <0-65535>:<0-65535>, with no leading zeros; as text, the
 * ASN:VALUE form. Example: "4259840300" and "65000:300" are both "65000:300"; "065000:0300" is undefined.
 */
export function standardCommunity(text: string): string | undefined {
  const decimal = '(0|[1-9][0-9]{0,9})';
  const half = '(0|[1-9][0-9]{0,4})';
  const m = new RegExp(`^(?:${decimal}|${half}:${half})$`).exec(text);
  if (!m) return undefined;
  if (m[1] !== undefined) {
    const n = Number(m[1]);
    return n > 0xffffffff ? undefined : `${Math.floor(n / 65536)}:${n % 65536}`;
  }
  return Number(m[2]) > 65535 || Number(m[3]) > 65535 ? undefined : `${Number(m[2])}:${Number(m[3])}`;
}

