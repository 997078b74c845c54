/**
 * The address login throttling counts against. By default the socket's address (Astro's
 * clientAddress). Behind a reverse proxy that you run, set TRUST_PROXY=1 to use the first
 * address of X-Forwarded-For instead; never set it when clients reach the app directly, or
 * anyone could pick their own address. IPv6 addresses are grouped by /64, the block one
 * subscriber usually holds.
 */
export function clientAddress(request: Request, socketAddress: () => string, trustProxy: boolean): string {
  let address: string | undefined;
  if (trustProxy) address = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (!address) {
    try {
      address = socketAddress();
    } catch {
      address = 'unknown';
    }
  }
  return groupAddress(address);
}

/** Strips IPv4-mapped prefixes and reduces IPv6 to its /64 prefix. */
export function groupAddress(address: string): string {
  const value = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped?.[1]) return mapped[1];
  if (!value.includes(':')) return value;
  const [head = '', tail = ''] = value.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - headParts.length - tailParts.length);
  const full = value.includes('::') ? [...headParts, ...Array<string>(missing).fill('0'), ...tailParts] : headParts;
  return `${full
    .slice(0, 4)
    .map((p) => p.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
