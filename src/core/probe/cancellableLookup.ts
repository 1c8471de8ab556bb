import * as dns from 'dns';
import * as net from 'net';
import { isLocalhostName, isLoopbackAddress } from './loopback';

export interface CancellableLookup {
  lookup: net.LookupFunction;
  /** Ends every pending query at once: a stalled resolver then keeps nothing alive. */
  cancel(): void;
}

type Address = { address: string; family: number };

const LOOPBACK: Address[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/**
 * A DNS lookup a deadline can cut short. The system resolver (getaddrinfo) runs in a thread that nothing can
 * stop, so a stalled DNS server keeps a process alive for its own timeouts, whatever the test's timeout; this
 * asks the DNS servers directly (c-ares, cancellable) and falls back to the system resolver only for names DNS
 * does not know (/etc/hosts, mDNS), which it answers locally. `localhost` and `*.localhost` always resolve to
 * loopback addresses.
 */
export function cancellableLookup(options: { servers?: string[] } = {}): CancellableLookup {
  const resolver = new dns.Resolver({ tries: 2 });
  if (options.servers) {
    resolver.setServers(options.servers);
  }
  const lookup = ((hostname: string, rawOptions: dns.LookupOptions | number | undefined, callback: (...args: unknown[]) => void) => {
    const opts: dns.LookupOptions = typeof rawOptions === 'number' ? { family: rawOptions } : (rawOptions ?? {});
    const family = opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
    const answer = (addresses: Address[]) => (opts.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family));
    const literal = net.isIP(hostname);
    if (literal) {
      answer([{ address: hostname, family: literal }]);
      return;
    }
    if (isLocalhostName(hostname)) {
      // This machine, whatever a resolver says (RFC 6761): the hosts file may choose among loopback addresses,
      // an answer elsewhere (a hostile DNS server asked for a *.localhost name) is never used.
      dns.lookup(hostname, { ...opts, all: true }, (error, found) => {
        const loopback = error ? [] : found.filter((a) => isLoopbackAddress(a.address));
        answer(loopback.length > 0 ? loopback : LOOPBACK.filter((a) => family === 0 || a.family === family));
      });
      return;
    }
    const query = (wanted: 4 | 6): Promise<Address[]> =>
      family !== 0 && family !== wanted
        ? Promise.resolve([])
        : new Promise((resolve, reject) =>
            (wanted === 4 ? resolver.resolve4.bind(resolver) : resolver.resolve6.bind(resolver))(hostname, (error: NodeJS.ErrnoException | null, found: string[]) =>
              error ? reject(error) : resolve(found.map((address) => ({ address, family: wanted }))),
            ),
          );
    void Promise.allSettled([query(4), query(6)]).then((results) => {
      const addresses = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      if (addresses.length > 0) {
        answer(addresses);
        return;
      }
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as NodeJS.ErrnoException] : []));
      const stopped = errors.find((e) => e.code === dns.CANCELLED || e.code === dns.TIMEOUT);
      if (stopped) {
        callback(stopped);
        return;
      }
      dns.lookup(hostname, { ...opts, all: true }, (error, found) => (error ? callback(error) : answer(found)));
    });
  }) as unknown as net.LookupFunction;
  return { lookup, cancel: () => resolver.cancel() };
}
