// Wildcard and ARN matching, compiled once. `*` matches any run of characters (including `/`),
// `?` exactly one. ARNs are matched segment by segment for the first five colons, as AWS does.
import type { TPreparedRequest, TStringMatcher, TTemplatePart } from "./types";
import { resolveTemplate } from "./variables";

const ALWAYS: TStringMatcher = () => true;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Compiles a glob (`*`, `?`) into the cheapest matcher that does the job. */
export function compileGlob(pattern: string, ignoreCase: boolean): TStringMatcher {
  if (pattern === "*") return ALWAYS;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const star = p.indexOf("*");
  const q = p.indexOf("?");
  if (star < 0 && q < 0) return ignoreCase ? (v) => v.length === p.length && v.toLowerCase() === p : (v) => v === p;
  if (q < 0 && star === p.length - 1) {
    const prefix = p.slice(0, -1);
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  let src = "^";
  for (const ch of p) src += ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : escapeRe(ch);
  const re = new RegExp(src + "$", ignoreCase ? "i" : "");
  return (v) => re.test(v);
}

/** Glob over a pattern whose wildcard characters are flagged by `mask` (literal `*` from variables stays literal). */
export function maskedGlob(pat: string, mask: Uint8Array | null, value: string, ignoreCase: boolean): boolean {
  if (!mask) return ignoreCase ? pat.toLowerCase() === value.toLowerCase() : pat === value;
  if (ignoreCase) {
    pat = pat.toLowerCase();
    value = value.toLowerCase();
  }
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    if (p < pat.length && mask[p] && pat[p] === "*") {
      starP = p++;
      starV = v;
    } else if (p < pat.length && ((mask[p] && pat[p] === "?") || (!mask[p] && pat[p] === value[v]))) {
      p++;
      v++;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else return false;
  }
  while (p < pat.length && mask[p] && pat[p] === "*") p++;
  return p === pat.length;
}

/** Splits an ARN into its six parts (the last keeps its colons), or null when it is not an ARN. */
export function splitArn(s: string): string[] | null {
  if (!s.startsWith("arn:")) return null;
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = s.indexOf(":", from);
    if (c < 0) return null;
    out.push(s.slice(from, c));
    from = c + 1;
  }
  out.push(s.slice(from));
  return out;
}

/** A resource (or Arn* condition) matcher: takes the value and its pre-split parts. */
export type TArnMatcher = (value: string, parts: string[] | null) => boolean;

/** Compiles a Resource / ArnLike pattern without variables. */
export function compileArnPattern(pattern: string): TArnMatcher {
  if (pattern === "*") return () => true;
  const pp = splitArn(pattern);
  if (!pp) {
    const g = compileGlob(pattern, false);
    return (v) => g(v);
  }
  const ms = pp.map((seg) => compileGlob(seg, false));
  const whole = compileGlob(pattern, false);
  return (value, parts) => {
    if (!parts) return whole(value);
    for (let i = 0; i < 6; i++) if (!ms[i](parts[i])) return false;
    return true;
  };
}

/** Matches a pattern with variables: resolve, then glob per ARN segment. */
export function matchArnTemplate(parts: TTemplatePart[], req: TPreparedRequest, value: string, valueParts: string[] | null): boolean {
  const r = resolveTemplate(parts, req);
  if (!r) return false;
  if (r.text === "*" && r.mask) return true;
  if (!valueParts || !r.text.startsWith("arn:")) return maskedGlob(r.text, r.mask, value, false);
  // split the resolved pattern at colons (colons are never wildcards)
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = r.text.indexOf(":", from);
    if (c < 0) return maskedGlob(r.text, r.mask, value, false);
    if (!maskedGlob(r.text.slice(from, c), r.mask ? r.mask.subarray(from, c) : null, valueParts[i], false)) return false;
    from = c + 1;
  }
  return maskedGlob(r.text.slice(from), r.mask ? r.mask.subarray(from) : null, valueParts[5], false);
}

/** Action patterns are `service:Name` with wildcards, matched case-insensitively. */
export function compileActionList(patterns: string[]): (lowerAction: string) => boolean {
  const exact = new Set<string>();
  const globs: TStringMatcher[] = [];
  for (const p of patterns) {
    const l = p.toLowerCase();
    if (l === "*") return () => true;
    if (l.includes("*") || l.includes("?")) globs.push(compileGlob(l, false));
    else exact.add(l);
  }
  if (globs.length === 0) {
    if (exact.size === 1) {
      const only = exact.values().next().value as string;
      return (a) => a === only;
    }
    return (a) => exact.has(a);
  }
  return (a) => {
    if (exact.has(a)) return true;
    for (let i = 0; i < globs.length; i++) if (globs[i](a)) return true;
    return false;
  };
}
