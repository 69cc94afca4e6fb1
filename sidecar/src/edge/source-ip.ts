import { BlockList, isIP } from 'node:net';

/** `AWS:SourceIp` check: a CIDR (or a bare address, meaning /32 or /128) containing the client. */
export function ipInCidr(clientIp: string, cidr: string): boolean {
  const ip = clientIp.startsWith('::ffff:') && isIP(clientIp.slice(7)) === 4 ? clientIp.slice(7) : clientIp;
  const [net, maskText, extra] = cidr.split('/');
  if (net === undefined || extra !== undefined) return false;
  const family = isIP(net);
  if (family === 0 || isIP(ip) !== family) return false;
  const max = family === 4 ? 32 : 128;
  const mask = maskText === undefined ? max : /^\d{1,3}$/.test(maskText) ? Number(maskText) : NaN;
  if (!(mask >= 0 && mask <= max)) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(net, mask, type);
  return list.check(ip, type);
}
