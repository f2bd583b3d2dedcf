// What a node's BIRD config says about the lab: its router id and every BGP session it runs (local AS,
// neighbor address and AS, rr client, direct or multihop, passive), templates applied; the kernel tables
// it scans; its `define`d constants. The expected sessions of the bgp spec are these, identified by
// neighbor address and AS: protocol names are only for messages. Semantics from the BIRD 2.0 User's
// Guide, "BGP" (protocol options `local`, `neighbor`, `rr client`, `direct`, `multihop`, `passive`,
// `disabled`) and "Protocol templates" (`template bgp NAME`, `protocol bgp NAME from TEMPLATE`: the
// protocol's own options after the template's). Options that change which session exists and that this
// reader cannot pin to one neighbor (a `neighbor range`, an interface-scoped link-local neighbor) are
// refused, naming file, line and option; every other option (timers, channels, filters) is BIRD's own
// business, since both fabrics run BIRD itself on these files.
import { birdStatements, birdTokens, BirdConfigError, type BirdStatement, type BirdToken } from './bird-tokens.js';

/** One configured BGP session. Example: {"protocol":"server0","neighborAddress":"10.0.1.2","neighborAs":65001,"localAs":65001,"rrClient":true,"multihop":false,"passive":false} */
export interface BirdSession {
  /** the protocol's name, for messages and evidence only */
  readonly protocol: string;
  readonly neighborAddress: string;
  readonly neighborAs: number;
  readonly localAs: number;
  readonly rrClient: boolean;
  /** `multihop` (or the iBGP default); false: `direct` (or the eBGP default) */
  readonly multihop: boolean;
  /** BIRD waits for the neighbor to connect */
  readonly passive: boolean;
  /** `hold time N`; absent: BIRD's default, 240 s */
  readonly holdTimeSeconds?: number;
}

/** A BIRD config as the lab reads it. Example: {"file":"bird/server0.conf","routerId":"10.0.1.2","sessions":[...],"kernelTables":[119]} */
export interface BirdConfig {
  readonly file: string;
  readonly routerId?: string;
  /** `define NAME = value;`, the value as written without spaces: {"CILIUM_LB_VIP":"(65000,300)"} */
  readonly defines: Readonly<Record<string, string>>;
  /** every enabled `protocol bgp`; a `disabled` one is configured not to run, so it is expected nowhere */
  readonly sessions: readonly BirdSession[];
  /** `kernel table N` of every kernel protocol */
  readonly kernelTables: readonly number[];
}

type Options = Map<string, { readonly args: readonly BirdToken[]; readonly at: BirdToken }>;

const text = (tokens: readonly BirdToken[]): string => tokens.map((t) => t.text).join(' ');

/** Reads `file` (following its includes). `shown` names a file in messages. */
export function readBirdConfig(file: string, shown: (path: string) => string = (p) => p): BirdConfig {
  const statements = birdStatements(birdTokens(file, shown), shown);
  const defines: Record<string, string> = {};
  const templates = new Map<string, Options>();
  const sessions: BirdSession[] = [];
  const kernelTables: number[] = [];
  let routerId: string | undefined;
  const fail = (at: BirdToken, what: string): never => {
    throw new BirdConfigError(`${shown(at.file)}:${at.line}: ${what}`);
  };
  const resolve = (t: BirdToken): string => defines[t.text] ?? t.text;

  for (const s of statements) {
    const [first, second] = s.words;
    if (!first) continue;
    if (first.text === 'define' && s.words[2]?.text === '=') defines[second!.text] = s.words.slice(3).map((t) => t.text).join('');
    else if (first.text === 'router' && second?.text === 'id' && s.words[2]) routerId = resolve(s.words[2]);
    else if ((first.text === 'protocol' || first.text === 'template') && second?.text === 'bgp' && s.block) {
      const named = s.words[2] && s.words[2].text !== 'from' ? s.words[2] : undefined;
      const fromAt = s.words.findIndex((w) => w.text === 'from');
      const base = fromAt >= 0 ? s.words[fromAt + 1] : undefined;
      const inherited = base ? templates.get(base.text) ?? fail(base, `protocol ${named?.text ?? ''} is made from template ${base.text}, which is not defined before it`) : new Map();
      const options: Options = new Map([...inherited, ...bgpOptions(s.block)]);
      if (first.text === 'template') templates.set(named?.text ?? fail(first, 'a BGP template needs a name'), options);
      else if (!options.has('disabled') || /^(off|no)$/.test(options.get('disabled')!.args[0]?.text ?? 'yes')) {
        sessions.push(session(named?.text ?? `bgp${sessions.length + 1}`, options, first, resolve, fail));
      }
    } else if (first.text === 'protocol' && second?.text === 'kernel' && s.block) {
      for (const o of s.block) if (o.words[0]?.text === 'kernel' && o.words[1]?.text === 'table') kernelTables.push(Number(resolve(o.words[2]!)));
    }
  }
  return { file, ...(routerId ? { routerId } : {}), defines, sessions, kernelTables };
}

/** The options a BGP protocol's block sets, by keyword; channels (ipv4 { … }) are BIRD's own. */
function bgpOptions(block: readonly BirdStatement[]): Options {
  const options: Options = new Map();
  for (const o of block) {
    const [keyword, next] = o.words;
    if (!keyword || o.block) continue;
    const key = keyword.text === 'rr' && next?.text === 'client' ? 'rr client' : keyword.text;
    options.set(key, { args: o.words.slice(key === 'rr client' ? 2 : 1), at: keyword });
  }
  return options;
}

const isOn = (args: readonly BirdToken[]): boolean => !/^(off|no)$/.test(args[0]?.text ?? 'on');

function session(
  protocol: string,
  options: Options,
  at: BirdToken,
  resolve: (t: BirdToken) => string,
  fail: (at: BirdToken, what: string) => never,
): BirdSession {
  const neighbor = options.get('neighbor') ?? fail(at, `protocol bgp ${protocol} has no neighbor`);
  const n = neighbor.args;
  if (n[0]?.text === 'range') fail(neighbor.at, `protocol bgp ${protocol}: neighbor range (dynamic BGP) makes sessions the config cannot name; give each neighbor its own protocol`);
  if (n.some((t) => t.text === '%')) fail(neighbor.at, `protocol bgp ${protocol}: an interface-scoped neighbor (${text(n)}) is not one the lab can address`);
  const asAt = n.findIndex((t) => t.text === 'as');
  const neighborAddress = n[0] && n[0].text !== 'as' && n[0].text !== 'port' ? resolve(n[0]) : fail(neighbor.at, `protocol bgp ${protocol}: neighbor ${text(n)} has no address`);
  const local = options.get('local') ?? fail(at, `protocol bgp ${protocol} has no local as`);
  const localAsAt = local.args.findIndex((t) => t.text === 'as');
  const asn = (args: readonly BirdToken[], i: number, what: string): number => {
    const value = Number(args[i + 1] ? resolve(args[i + 1]!) : NaN);
    return i >= 0 && Number.isInteger(value) && value > 0 ? value : fail(at, `protocol bgp ${protocol}: ${what} has no AS number`);
  };
  const localAs = asn(local.args, localAsAt, `local ${text(local.args)}`);
  // `neighbor ADDRESS internal` names no AS: the local one (BIRD 2.0 User's Guide, BGP, neighbor).
  const neighborAs = asAt < 0 && n.some((t) => t.text === 'internal') ? localAs : asn(n, asAt, `neighbor ${text(n)}`);
  const holdArgs = options.get('hold')?.args;
  const hold = holdArgs?.[0]?.text === 'time' && holdArgs[1] ? Number(resolve(holdArgs[1])) : undefined;
  // BIRD 2.0 User's Guide, BGP, "direct" and "multihop": direct is eBGP's default, multihop iBGP's.
  const multihop = options.has('direct') ? false : options.has('multihop') ? isOn(options.get('multihop')!.args) : localAs === neighborAs;
  return {
    protocol,
    neighborAddress,
    neighborAs,
    localAs,
    rrClient: options.has('rr client') && isOn(options.get('rr client')!.args),
    multihop,
    passive: options.has('passive') && isOn(options.get('passive')!.args),
    ...(hold ? { holdTimeSeconds: hold } : {}),
  };
}
