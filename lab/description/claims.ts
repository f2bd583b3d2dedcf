// Reads lab/claims.yaml, the lab's promises, strictly: every field is one the specs assert; an unknown,
// missing or malformed field stops the run with the file and the field. Which servers and pods a promise
// names is checked against the lab in read-lab.ts, once the topology and the manifests are read.
import { Fields, type ResourceRef } from '../manifests/fields.js';
import { parseYamlFile } from '../manifests/load.js';
import { LabFileError } from './containerlab.js';
import type { Claims, LoadBalancerService, PodRef } from './lab.js';

/** The Service promise before the servers are known: advertisedBy is still as written. */
export interface ServiceClaim extends Omit<LoadBalancerService, 'advertisedBy'> {
  readonly advertisedBy: 'every server' | readonly string[];
}

export interface ClaimsFile extends Claims {
  readonly client: string;
  readonly service: ServiceClaim;
  readonly podPool: { readonly cidr: string; readonly blockSizeBits: number };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const unread = (ref: ResourceRef) => (path: string, value: unknown): Error =>
  new LabFileError(`${ref.file}: ${path} = ${JSON.stringify(value)} is no promise the specs know`);

function positive(f: Fields, key: string): number {
  const n = f.number(key);
  if (n < 1) throw new LabFileError(`${f.ref.file}: ${f.path ? `${f.path}.` : ''}${key} = ${n}: expected a positive number`);
  return n;
}

function pod(ref: ResourceRef, path: string, value: unknown): PodRef {
  const [namespace, name, extra] = typeof value === 'string' ? value.split('/') : [];
  if (!namespace || !name || extra !== undefined) throw new LabFileError(`${ref.file}: ${path} = ${JSON.stringify(value)}: expected "namespace/name"`);
  return { namespace, name };
}

function community(f: Fields): readonly [number, number] {
  const text = f.string('community');
  const m = /^(\d{1,5}):(\d{1,5})$/.exec(text);
  if (!m || Number(m[1]) > 65535 || Number(m[2]) > 65535) throw new LabFileError(`${f.ref.file}: service.community = ${JSON.stringify(text)}: expected ASN:VALUE, each 0-65535`);
  return [Number(m[1]), Number(m[2])];
}

/** Reads the claims file; `shown` is its name in messages. */
export function readClaims(file: string, shown: string): ClaimsFile {
  const docs = parseYamlFile(file);
  const ref: ResourceRef = { file: shown, kind: 'claims', name: '' };
  if (docs.length !== 1) throw new LabFileError(`${shown}: expected one document of claims, found ${docs.length}`);
  const top = Fields.of(ref, '', docs[0]);
  const done = (f: Fields): void => f.done(unread(ref));

  const s = top.object('service');
  const ip = s.string('ip');
  if (!IPV4.test(ip)) throw new LabFileError(`${shown}: service.ip = ${JSON.stringify(ip)}: expected an IPv4 address`);
  const b = s.object('backend');
  const backend = { backend: pod(ref, 'service.backend.pod', b.raw('pod')), targetPort: positive(b, 'port'), answer: `${b.string('answers')}\n` };
  done(b);
  const by = s.raw('advertisedBy');
  if (by !== 'every server' && !(Array.isArray(by) && by.length > 0 && by.every((x) => typeof x === 'string'))) {
    throw new LabFileError(`${shown}: service.advertisedBy = ${JSON.stringify(by)}: expected "every server" or a list of server names`);
  }
  const service: ServiceClaim = {
    namespace: s.string('namespace'),
    name: s.string('name'),
    vip: ip,
    port: positive(s, 'port'),
    community: community(s),
    advertisedBy: by as ServiceClaim['advertisedBy'],
    ...backend,
  };
  done(s);

  const blocks = top.object('addressBlocks');
  const podPool = { cidr: blocks.string('pool'), blockSizeBits: blocks.number('blockSizeBits') };
  done(blocks);
  const ping = top.list('ping').map((p) => {
    if (!Array.isArray(p.value) || p.value.length !== 2) throw new LabFileError(`${shown}: ${p.path} = ${JSON.stringify(p.value)}: expected [namespace/pod, namespace/pod]`);
    return [pod(ref, `${p.path}[0]`, p.value[0]), pod(ref, `${p.path}[1]`, p.value[1])] as const;
  });
  const lb = top.object('lb');
  const lbRequests = positive(lb, 'requests');
  done(lb);
  const e = top.object('ecmp');
  const ecmp = { l3HashFlows: positive(e, 'l3HashFlows'), l4HashFlowsPerServer: positive(e, 'l4HashFlowsPerServer') };
  done(e);
  const d = top.object('dsr');
  const dispatch = d.string('dispatch');
  if (dispatch !== 'geneve') throw new LabFileError(`${shown}: dsr.dispatch = ${JSON.stringify(dispatch)}: the specs know Cilium's GENEVE dispatch only`);
  const dsr = { dispatch, vni: d.number('vni'), flowsPerServer: positive(d, 'flowsPerServer') } as const;
  done(d);
  const gr = top.object('gracefulRestart');
  const restartTimeSeconds = positive(gr, 'restartTimeSeconds');
  done(gr);
  const client = top.string('client');
  done(top);
  return { file: shown, client, service, podPool, ping, lbRequests, ecmp, dsr, restartTimeSeconds };
}
