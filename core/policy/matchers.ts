// Wildcard and ARN matching, compiled once. `*` matches any run of characters (including `/`),
// `?` exactly one. ARNs are matched segment by segment for the first five colons, as AWS does.
import type { TPreparedRequest, TStringMatcher, TTemplatePart } from "./types";
import { internSegment, splitArn } from "./arn-split";
import { resolveTemplate as resolveTemplateImported } from "./variables";

// tsx runs these modules as CommonJS, where every call of an imported function goes through a
// getter chain (~40 ns); hot paths call module-local aliases instead.
const resolveTemplate = resolveTemplateImported;

const ALWAYS: TStringMatcher = () => true;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Index of the first `*` or `?` in `s`, or -1. */
function firstWildcard(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 42 || c === 63) return i;
  }
  return -1;
}

/** Compiles a glob (`*`, `?`) into the cheapest matcher that does the job (no regex for exact / prefix / suffix / prefix*suffix). */
export function compileGlob(pattern: string, ignoreCase: boolean): TStringMatcher {
  if (pattern === "*") return ALWAYS;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const first = firstWildcard(p);
  if (first < 0) return ignoreCase ? (v) => v.length === p.length && v.toLowerCase() === p : (v) => v === p;
  const q = p.indexOf("?");
  const star = p.indexOf("*");
  if (q < 0 && star === p.lastIndexOf("*")) {
    // exactly one `*`: prefix, suffix or prefix*suffix
    const prefix = p.slice(0, star);
    const suffix = p.slice(star + 1);
    const min = prefix.length + suffix.length;
    if (suffix === "") return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
    if (prefix === "") return ignoreCase ? (v) => v.toLowerCase().endsWith(suffix) : (v) => v.endsWith(suffix);
    if (ignoreCase)
      return (v) => {
        if (v.length < min) return false;
        const l = v.toLowerCase();
        return l.startsWith(prefix) && l.endsWith(suffix);
      };
    return (v) => v.length >= min && v.startsWith(prefix) && v.endsWith(suffix);
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

export { splitArn };

/** A resource (or Arn* condition) matcher: takes the value and its pre-split parts. */
export type TArnMatcher = (value: string, parts: string[] | null) => boolean;

const ALWAYS_ARN: TArnMatcher = () => true;

/**
 * `value.startsWith(prefix)`, compared from the end of the prefix: resource prefixes of one
 * policy tend to share their beginning (`bucket/home/`, `thing-`) and differ near the end.
 */
function startsWithBackward(value: string, prefix: string): boolean {
  let n = prefix.length;
  if (value.length < n) return false;
  while (n-- > 0) if (value.charCodeAt(n) !== prefix.charCodeAt(n)) return false;
  return true;
}

/** One ARN segment pattern as data (interpreted inline: no closure call per segment). */
const SEG_EXACT = 1;
const SEG_PREFIX = 2;
const SEG_GLOB = 3;

/**
 * Compiles a Resource / ArnLike pattern without variables. Each ARN segment becomes data (any /
 * exact / prefix / glob) interpreted inline, last segment first: the resource part is what differs
 * between statements, and the leading segments (`arn`, `aws`, the service, the account) are shared
 * by most of them. Exact segments are interned, as are the request's (`splitArnInterned`), so
 * their comparison is usually an identity check.
 */
export function compileArnPattern(pattern: string): TArnMatcher {
  if (pattern === "*") return ALWAYS_ARN;
  const whole = compileGlob(pattern, false);
  const pp = splitArn(pattern);
  if (!pp) return (v) => whole(v);
  const idx: number[] = [];
  const kinds: number[] = [];
  const texts: string[] = [];
  const globs: (TStringMatcher | null)[] = [];
  for (let i = 5; i >= 0; i--) {
    const seg = pp[i];
    if (seg === "*") continue;
    const w = firstWildcard(seg);
    const kind = w < 0 ? SEG_EXACT : w === seg.length - 1 && seg[w] === "*" ? SEG_PREFIX : SEG_GLOB;
    idx.push(i);
    kinds.push(kind);
    texts.push(kind === SEG_PREFIX ? seg.slice(0, -1) : internSegment(seg));
    globs.push(kind === SEG_GLOB ? compileGlob(seg, false) : null);
  }
  const n = kinds.length;
  return (value, parts) => {
    if (!parts) return whole(value);
    for (let j = 0; j < n; j++) {
      const v = parts[idx[j]];
      const k = kinds[j];
      if (k === SEG_EXACT) {
        if (v !== texts[j]) return false;
      } else if (k === SEG_PREFIX) {
        if (!startsWithBackward(v, texts[j])) return false;
      } else if (!globs[j]!(v)) return false;
    }
    return true;
  };
}

/** Matches a pattern with variables: resolve, then glob per ARN segment. */
export function matchArnTemplate(
  parts: TTemplatePart[],
  req: TPreparedRequest,
  value: string,
  valueParts: string[] | null,
): boolean {
  const r = resolveTemplate(parts, req);
  if (!r) return false;
  if (r.text === "*" && r.mask) return true;
  if (!valueParts || !r.text.startsWith("arn:")) return maskedGlob(r.text, r.mask, value, false);
  // split the resolved pattern at colons (colons are never wildcards)
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = r.text.indexOf(":", from);
    if (c < 0) return maskedGlob(r.text, r.mask, value, false);
    if (!maskedGlob(r.text.slice(from, c), r.mask ? r.mask.subarray(from, c) : null, valueParts[i], false))
      return false;
    from = c + 1;
  }
  return maskedGlob(r.text.slice(from), r.mask ? r.mask.subarray(from) : null, valueParts[5], false);
}

/** Action patterns are `service:Name` with wildcards, matched case-insensitively. */
export function compileActionList(patterns: string[]): (lowerAction: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const globs: TStringMatcher[] = [];
  for (const p of patterns) {
    const l = p.toLowerCase();
    if (l === "*") return () => true;
    const w = firstWildcard(l);
    if (w < 0) exact.add(l);
    else if (w === l.length - 1 && l[w] === "*") prefixes.push(l.slice(0, -1));
    else globs.push(compileGlob(l, false));
  }
  if (globs.length === 0 && prefixes.length === 0) {
    if (exact.size === 1) {
      const only = exact.values().next().value as string;
      return (a) => a === only;
    }
    return (a) => exact.has(a);
  }
  const hasExact = exact.size > 0;
  return (a) => {
    for (let i = 0; i < prefixes.length; i++) if (a.startsWith(prefixes[i])) return true;
    if (hasExact && exact.has(a)) return true;
    for (let i = 0; i < globs.length; i++) if (globs[i](a)) return true;
    return false;
  };
}
