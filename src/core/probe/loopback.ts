import * as net from 'net';

/** `localhost` and the names under it (RFC 6761: they are this machine, whatever a DNS server says). */
export function isLocalhostName(hostname: string): boolean {
  return /^localhost\.?$|\.localhost\.?$/i.test(hostname);
}

/** 127.0.0.0/8, ::1 and ::ffff:127.x.y.z, in any spelling `net` accepts (brackets of a URL host allowed). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = net.isIP(bare);
  if (family === 4) {
    return bare.startsWith('127.');
  }
  if (family === 6) {
    const list = new net.BlockList();
    list.addAddress('::1', 'ipv6');
    list.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
    return list.check(bare, 'ipv6');
  }
  return false;
}

/**
 * A URL host that is this machine: a loopback address, `localhost`, and, when the caller's resolver pins them
 * to loopback (the CLI's does; a system resolver may ask DNS, which can answer anything), `*.localhost`.
 */
export function isLoopbackHost(hostname: string, options: { localhostNamesPinned?: boolean } = {}): boolean {
  if (isLoopbackAddress(hostname)) {
    return true;
  }
  return options.localhostNamesPinned ? isLocalhostName(hostname) : hostname.toLowerCase() === 'localhost';
}
