// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}` and the escapes
// `${*}` `${?}` `${$}`. Split once at compile time into parts, resolved per request.
import type { TPreparedRequest, TTemplatePart } from "./types";
import { contextValue as contextValueImported, lowerKey } from "./request";

// module-local alias: tsx's CommonJS interop makes each call of an imported function costly
const contextValue = contextValueImported;

const VAR_RE = /^\s*([A-Za-z0-9_.:/-]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Splits `raw` into literal text, variables and (when `hasWildcards`) `*` / `?` wildcards.
 * With `hasVariables` false (Version 2008-10-17 or missing) `${...}` stays literal text.
 */
export function parseTemplate(raw: string, hasVariables: boolean, hasWildcards: boolean): TTemplatePart[] {
  const parts: TTemplatePart[] = [];
  let lit = "";
  const flush = () => {
    if (lit) parts.push({ t: "lit", v: lit });
    lit = "";
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (hasVariables && c === "$" && raw[i + 1] === "{") {
      const end = raw.indexOf("}", i + 2);
      if (end > 0) {
        const inner = raw.slice(i + 2, end);
        if (inner === "*" || inner === "?" || inner === "$") {
          lit += inner;
          i = end;
          continue;
        }
        const m = VAR_RE.exec(inner);
        if (m) {
          flush();
          parts.push(
            m[2] === undefined ? { t: "var", key: lowerKey(m[1]) } : { t: "var", key: lowerKey(m[1]), def: m[2] },
          );
          i = end;
          continue;
        }
      }
    }
    if (hasWildcards && (c === "*" || c === "?")) {
      flush();
      parts.push(c === "*" ? { t: "star" } : { t: "q" });
      continue;
    }
    lit += c;
  }
  flush();
  return parts;
}

export function hasVariableParts(parts: TTemplatePart[]): boolean {
  for (const p of parts) if (p.t === "var") return true;
  return false;
}

/** True when the text contains something that looks like a variable (for validation). */
export function looksLikeVariable(raw: string): boolean {
  return raw.includes("${");
}

/** The single value a variable resolves to, its default, or null (missing or multivalued key). */
function variableValue(p: { key: string; def?: string }, req: TPreparedRequest | null): string | null {
  const v = req ? contextValue(req, p.key) : undefined;
  if (typeof v === "string") return v;
  return p.def !== undefined ? p.def : null;
}

/**
 * Resolves variables. Returns the pattern text and a mask (1 = wildcard char) or null when a
 * variable has no value and no default (AWS: the element then does not match).
 */
export function resolveTemplate(
  parts: TTemplatePart[],
  req: TPreparedRequest | null,
): { text: string; mask: Uint8Array | null } | null {
  let text = "";
  let wild: number[] | null = null;
  for (const p of parts) {
    if (p.t === "lit") text += p.v;
    else if (p.t === "var") {
      const v = variableValue(p, req);
      if (v === null) return null;
      text += v;
    } else {
      (wild ??= []).push(text.length);
      text += p.t === "star" ? "*" : "?";
    }
  }
  if (!wild) return { text, mask: null };
  const mask = new Uint8Array(text.length);
  for (const i of wild) mask[i] = 1;
  return { text, mask };
}

/**
 * Resolves parts that hold no wildcard (`star` / `q`) to plain text, without allocating a mask;
 * null when a variable does not resolve. Callers check the parts' shape at compile time.
 */
export function resolveText(parts: TTemplatePart[], req: TPreparedRequest | null): string | null {
  let text = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.t === "lit") text += p.v;
    else if (p.t === "var") {
      const v = variableValue(p, req);
      if (v === null) return null;
      text += v;
    } else return null;
  }
  return text;
}

/**
 * Whether `value` starts with (or, with `isExact`, equals) the text of wildcard-free parts,
 * compared piece by piece without building the text; false when a variable does not resolve.
 */
export function matchesTextParts(
  parts: TTemplatePart[],
  req: TPreparedRequest | null,
  value: string,
  isExact: boolean,
): boolean {
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    let t: string | null;
    if (p.t === "lit") t = p.v;
    else if (p.t === "var") t = variableValue(p, req);
    else return false;
    if (t === null || !value.startsWith(t, pos)) return false;
    pos += t.length;
  }
  return !isExact || pos === value.length;
}
