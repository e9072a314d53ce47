/**
 * Which addresses the fetcher may connect to. A feed or a redirect must not make the job talk to
 * the machine itself, the LAN or a cloud metadata endpoint (169.254.169.254), so private,
 * loopback, link-local, CGNAT, unique-local, multicast, reserved and unspecified ranges are refused.
 * The check runs on the resolved address at connect time (see the lookup in fetch.ts), so a name
 * that resolves to a public address once and a private one later (DNS rebinding) is still caught.
 */
import dns from "node:dns";
import net from "node:net";

const blocked = new net.BlockList();
for (const [addr, prefix] of [
  ["0.0.0.0", 8], // "this network", includes the unspecified 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes broadcast
] as const) {
  blocked.addSubnet(addr, prefix, "ipv4");
}
for (const [addr, prefix] of [
  ["::", 96], // unspecified ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(addr, prefix, "ipv6");
}

/**
 * True for an IP literal (v4 or v6, brackets allowed) that we refuse to connect to. IPv6 forms
 * that embed an IPv4 address (::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
 * the IPv4 address inside. Anything that is not an IP literal is refused too (fail closed).
 */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = net.isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family !== 6) return true;
  const v6 = compressV6(bare);
  const embedded = embeddedV4(v6);
  if (embedded) return blocked.check(embedded, "ipv4");
  return blocked.check(v6, "ipv6");
}

/** The compressed lower-case form ("0:0:0:0:0:ffff:7f00:1" → "::ffff:7f00:1") via the URL parser. */
function compressV6(ip: string): string {
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

function embeddedV4(v6: string): string | null {
  // "::ffff:7f00:1" (mapped), "64:ff9b::7f00:1" (NAT64)
  const tail = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (tail) return hexPairToV4(tail[1]!, tail[2]!);
  // "2002:7f00:1::" (6to4 carries the IPv4 address in the next 32 bits)
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/.exec(v6);
  if (sixToFour) return hexPairToV4(sixToFour[1]!, sixToFour[2]!);
  return null;
}

function hexPairToV4(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return [a >> 8, a & 0xff, b >> 8, b & 0xff].join(".");
}

/** Error code set on lookup errors for refused addresses, so the fetcher can tell them from DNS failures. */
export const PRIVATE_HOST_CODE = "EPRIVATEHOST";

/** Resolves every address of a name (dns.lookup with all: true); replaceable in tests. */
export type ResolveAll = (
  hostname: string,
  options: dns.LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

const defaultResolveAll: ResolveAll = (hostname, options, callback) =>
  dns.lookup(hostname, { ...options, all: true }, callback);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves like dns.lookup but fails with
 * PRIVATE_HOST_CODE when any resolved address is refused (unless `allowPrivate`). Any address
 * counts, because the socket may try each of them.
 */
export function createGuardedLookup(allowPrivate: boolean, resolveAll: ResolveAll = defaultResolveAll) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolveAll(hostname, options, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) {
        const e: NodeJS.ErrnoException = new Error(`ingest: refusing to connect to private address ${bad.address} (${hostname})`);
        e.code = PRIVATE_HOST_CODE;
        return callback(e, []);
      }
      const first = addresses[0];
      if (!first) {
        const e: NodeJS.ErrnoException = new Error(`ingest: no address for ${hostname}`);
        e.code = "ENOTFOUND";
        return callback(e, []);
      }
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
