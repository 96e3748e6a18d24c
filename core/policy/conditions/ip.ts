// IpAddress / NotIpAddress: IPv4 and IPv6 addresses and CIDR blocks (a bare address is /32 or /128).

import type { TOperatorFamily } from "./operator";

/** An address as 16 bytes (IPv4 mapped to ::ffff:a.b.c.d) plus whether it was IPv4. */
interface TIp {
  bytes: Uint8Array;
  isV4: boolean;
}

function parseV4(s: string): Uint8Array | null {
  const p = s.split(".");
  if (p.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(p[i])) return null;
    const n = Number(p[i]);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseV6(s: string): Uint8Array | null {
  if (s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail4: Uint8Array | null = null;
  const lastColon = s.lastIndexOf(":");
  if (s.includes(".")) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (!tail4) return null;
    s = s.slice(0, lastColon + 1) + "0:0";
  }
  const dbl = s.indexOf("::");
  if (dbl !== s.lastIndexOf("::")) return null;
  const groups: string[] = [];
  if (dbl >= 0) {
    const left = s.slice(0, dbl) ? s.slice(0, dbl).split(":") : [];
    const right = s.slice(dbl + 2) ? s.slice(dbl + 2).split(":") : [];
    const fill = 8 - left.length - right.length;
    if (fill < 1) return null;
    groups.push(...left, ...Array(fill).fill("0"), ...right);
  } else groups.push(...s.split(":"));
  if (groups.length !== 8) return null;
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(groups[i])) return null;
    const n = parseInt(groups[i], 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 255;
  }
  if (tail4) out.set(tail4, 12);
  return out;
}

export function parseIp(s: string): TIp | null {
  const v4 = parseV4(s);
  if (v4) {
    const bytes = new Uint8Array(16);
    bytes[10] = 255;
    bytes[11] = 255;
    bytes.set(v4, 12);
    return { bytes, isV4: true };
  }
  const v6 = parseV6(s);
  return v6 ? { bytes: v6, isV4: false } : null;
}

export interface TCidr {
  base: Uint8Array;
  bits: number;
}

/** Parses `a.b.c.d/n`, `x::y/n` or a bare address; the prefix length is counted over 128 bits. */
export function parseCidr(s: string): TCidr | null {
  const slash = s.indexOf("/");
  const addr = parseIp(slash < 0 ? s.trim() : s.slice(0, slash).trim());
  if (!addr) return null;
  let bits = addr.isV4 ? 32 : 128;
  if (slash >= 0) {
    const b = s.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(b)) return null;
    bits = Number(b);
    if (bits > (addr.isV4 ? 32 : 128)) return null;
  }
  return { base: addr.bytes, bits: addr.isV4 ? bits + 96 : bits };
}

export function cidrContains(c: TCidr, ip: Uint8Array): boolean {
  let bits = c.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (0xff << (8 - bits)) & 255;
    if ((c.base[i] & mask) !== (ip[i] & mask)) return false;
  }
  return true;
}

/** A request address: its 16 bytes, and as a 32-bit number when it is IPv4 (or IPv4-mapped), else -1. */
interface TRequestIp {
  bytes: Uint8Array;
  v4: number;
}

function v4Of(b: Uint8Array): number {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return -1;
  if (b[10] !== 255 || b[11] !== 255) return -1;
  return ((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) >>> 0;
}

// request values repeat across requests (the same client address); parse each once
const ipCache = new Map<string, TRequestIp | null>();
function requestIp(v: string): TRequestIp | null {
  let hit = ipCache.get(v);
  if (hit === undefined) {
    const ip = parseIp(v.trim());
    hit = ip ? { bytes: ip.bytes, v4: v4Of(ip.bytes) } : null;
    if (ipCache.size > 10000) ipCache.clear();
    ipCache.set(v, hit);
  }
  return hit;
}

export const ipFamily: TOperatorFamily = {
  operators: { IpAddress: { isNegated: false }, NotIpAddress: { isNegated: true } },
  hasVariables: false,
  compileValue(raw) {
    const c = parseCidr(raw);
    if (!c) return { ok: false, error: `\`${raw}\` is not an IP address or CIDR block` };
    const base4 = c.bits >= 96 ? v4Of(c.base) : -1;
    if (base4 >= 0) {
      // an IPv4 block: one masked 32-bit comparison
      const n = c.bits - 96;
      const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
      const want = (base4 & mask) >>> 0;
      return {
        ok: true,
        test: (v) => {
          const ip = requestIp(v);
          return ip !== null && ip.v4 >= 0 && (ip.v4 & mask) >>> 0 === want;
        },
      };
    }
    return {
      ok: true,
      test: (v) => {
        const ip = requestIp(v);
        return ip !== null && cidrContains(c, ip.bytes);
      },
    };
  },
};
