// Canonical forms of wrong answers, so that equivalent ones cluster together.
// Policies: parsed JSON with sorted keys, Sid dropped, single values as one-element arrays,
// lowercased action names and sorted arrays of actions, resources and statements.
// Trigger code: comments removed and white space kept only where it separates two words.

const LIST_KEYS = new Set(["action", "notaction", "resource", "notresource"]);
const ACTION_KEYS = new Set(["action", "notaction"]);

type TJson = null | boolean | number | string | TJson[] | { [k: string]: TJson };

function sortKeys(o: { [k: string]: TJson }): { [k: string]: TJson } {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

const asArray = (v: TJson): TJson[] => (Array.isArray(v) ? v : [v]);
const sortedStrings = (v: TJson[]) => [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

function canonicalPrincipal(v: TJson): TJson {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  return sortKeys(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortedStrings(asArray(x))])));
}

function canonicalCondition(v: TJson): TJson {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  // operator -> key -> values; keys are case-insensitive in AWS, operators are not.
  return sortKeys(
    Object.fromEntries(
      Object.entries(v).map(([op, block]) => {
        if (block === null || typeof block !== "object" || Array.isArray(block)) return [op, block];
        return [
          op,
          sortKeys(
            Object.fromEntries(Object.entries(block).map(([k, x]) => [k.toLowerCase(), sortedStrings(asArray(x))])),
          ),
        ];
      }),
    ),
  );
}

function canonicalStatement(st: TJson): TJson {
  if (st === null || typeof st !== "object" || Array.isArray(st)) return st;
  const out: { [k: string]: TJson } = {};
  for (const [key, value] of Object.entries(st)) {
    const k = key.toLowerCase();
    if (k === "sid") continue;
    if (LIST_KEYS.has(k)) {
      const list = asArray(value).map((x) => (ACTION_KEYS.has(k) && typeof x === "string" ? x.toLowerCase() : x));
      out[key] = sortedStrings([...new Set(list.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x) as TJson));
    } else if (k === "principal" || k === "notprincipal") out[key] = canonicalPrincipal(value);
    else if (k === "condition") out[key] = canonicalCondition(value);
    else out[key] = value;
  }
  return sortKeys(out);
}

/** The canonical form of a policy document, or null when the text is not a JSON object. */
export function canonicalPolicy(text: string): string | null {
  let doc: TJson;
  try {
    doc = JSON.parse(text) as TJson;
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return null;
  const out: { [k: string]: TJson } = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key.toLowerCase() === "statement") {
      out[key] = asArray(value)
        .map(canonicalStatement)
        .map((s) => JSON.stringify(s))
        .sort()
        .map((s) => JSON.parse(s) as TJson);
    } else if (key.toLowerCase() !== "id") out[key] = value;
  }
  return JSON.stringify(sortKeys(out));
}

const WORD = /[A-Za-z0-9_$]/;

/** Code without comments, with white space only where it separates two words (strings kept as written). */
export function canonicalCode(text: string): string {
  let out = "";
  let pendingSpace = false;
  let i = 0;
  const n = text.length;
  const emit = (s: string) => {
    if (pendingSpace && out && WORD.test(out[out.length - 1]!) && WORD.test(s[0]!)) out += " ";
    pendingSpace = false;
    out += s;
  };
  while (i < n) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === "/" && next === "/") {
      while (i < n && text[i] !== "\n") i++;
      pendingSpace = true;
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      pendingSpace = true;
    } else if (/\s/.test(ch)) {
      pendingSpace = true;
      i++;
    } else if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      while (j < n && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else {
      emit(ch);
      i++;
    }
  }
  return out;
}

/** The clustering key of an answer to a challenge of `kind`. */
export function canonicalAnswer(kind: string, text: string): string {
  if (kind.startsWith("cognito-")) return canonicalCode(text);
  return canonicalPolicy(text) ?? canonicalCode(text);
}
