// The link-layer header that starts every frame of a capture, by the file's link type
// (https://www.tcpdump.org/linktypes.html).
import { decodeEthernet } from './ethernet.js';
import type { LinkPayload } from './link-payload.js';
import { decodeLinuxSll, decodeLinuxSll2 } from './linux-sll.js';

const LINK_LAYERS = new Map<number, { readonly name: string; readonly decode: (bytes: Buffer) => LinkPayload }>([
  [1, { name: 'Ethernet', decode: decodeEthernet }],
  [113, { name: 'Linux cooked SLL', decode: decodeLinuxSll }],
  [276, { name: 'Linux cooked SLL2', decode: decodeLinuxSll2 }],
]);

/** Why frames of `linkType` cannot be decoded, or undefined when they can. */
export function unsupportedLinkType(linkType: number): string | undefined {
  if (LINK_LAYERS.has(linkType)) return undefined;
  const supported = [...LINK_LAYERS].map(([type, { name }]) => `${name} (${type})`).join(', ');
  return (
    `link type ${linkType} is not supported, only ${supported} (see https://www.tcpdump.org/linktypes.html); ` +
    'capture on an Ethernet interface or with tcpdump -i any'
  );
}

export function decodeLinkLayer(bytes: Buffer, linkType: number): LinkPayload {
  const layer = LINK_LAYERS.get(linkType);
  if (!layer) throw new Error(unsupportedLinkType(linkType));
  return layer.decode(bytes);
}
