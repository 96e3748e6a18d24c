// Stage 1: a JSON parser that remembers where every value is, so diagnostics can point into the
// student's text. Never throws; nesting deeper than MAX_DEPTH stops with a diagnostic.
import type { TDiagnostic, TJsonValue, TRange } from "./types";

export const MAX_DEPTH = 64;

export type TJsonNode =
  | { type: "object"; entries: TJsonEntry[]; from: number; to: number }
  | { type: "array"; items: TJsonNode[]; from: number; to: number }
  | { type: "string"; value: string; from: number; to: number }
  | { type: "number"; value: number; raw: string; from: number; to: number }
  | { type: "boolean"; value: boolean; from: number; to: number }
  | { type: "null"; value: null; from: number; to: number };

export interface TJsonEntry {
  key: string;
  keyFrom: number;
  keyTo: number;
  value: TJsonNode;
}

/** Maps character offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  range(from: number, to: number): TRange {
    return { start: this.position(from), end: this.position(to), from, to };
  }
}

/** A range for values that did not come from text (validatePolicyDocument). */
export const NO_RANGE: TRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, from: 0, to: 0 };

class ParseError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly from: number,
    readonly to: number,
  ) {}
}

export function parseJson(text: string, lines: LineIndex): { node?: TJsonNode; diagnostics: TDiagnostic[] } {
  let pos = 0;
  const len = text.length;

  const skipWs = () => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
  };
  const fail = (code: string, message: string, from = pos, to = Math.min(pos + 1, len)): never => {
    throw new ParseError(code, message, from, to);
  };
  // the whole code point: half of a surrogate pair in a message cannot be stored (jsonb) or shown
  const describe = () => (pos >= len ? "end of input" : `\`${String.fromCodePoint(text.codePointAt(pos)!)}\``);

  const parseString = (): { value: string; from: number; to: number } => {
    const from = pos;
    pos++; // opening quote
    let out = "";
    let chunk = pos;
    while (true) {
      if (pos >= len) fail("json-unterminated-string", "unterminated string", from, len);
      const c = text.charCodeAt(pos);
      if (c === 34) {
        out += text.slice(chunk, pos);
        pos++;
        return { value: out, from, to: pos };
      }
      if (c === 92) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1];
        if (e === undefined) fail("json-unterminated-string", "unterminated string", from, len);
        if (e === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            fail("json-invalid-escape", "invalid unicode escape in string", pos, pos + 2);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else {
          const map: Record<string, string> = {
            '"': '"',
            "\\": "\\",
            "/": "/",
            b: "\b",
            f: "\f",
            n: "\n",
            r: "\r",
            t: "\t",
          };
          const v = map[e];
          if (v === undefined) fail("json-invalid-escape", `invalid escape \`\\${e}\` in string`, pos, pos + 2);
          out += v;
          pos += 2;
        }
        chunk = pos;
        continue;
      }
      if (c < 32) fail("json-control-character", "control character inside a string", pos, pos + 1);
      pos++;
    }
  };

  const parseValue = (depth: number): TJsonNode => {
    if (depth > MAX_DEPTH) fail("json-too-deep", `nesting deeper than ${MAX_DEPTH} levels`);
    skipWs();
    if (pos >= len) fail("json-unexpected-end", "unexpected end of input, expected a value");
    const c = text[pos];
    const from = pos;
    if (c === "{") {
      pos++;
      const entries: TJsonEntry[] = [];
      skipWs();
      if (text[pos] === "}") {
        pos++;
        return { type: "object", entries, from, to: pos };
      }
      while (true) {
        skipWs();
        if (text[pos] !== '"') fail("json-expected-key", `expected a quoted key, found ${describe()}`);
        const k = parseString();
        skipWs();
        if (text[pos] !== ":") fail("json-expected-colon", `expected \`:\` after a key, found ${describe()}`);
        pos++;
        const value = parseValue(depth + 1);
        entries.push({ key: k.value, keyFrom: k.from, keyTo: k.to, value });
        skipWs();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return { type: "object", entries, from, to: pos };
        }
        fail("json-expected-comma", `expected \`,\` or \`}\`, found ${describe()}`);
      }
    }
    if (c === "[") {
      pos++;
      const items: TJsonNode[] = [];
      skipWs();
      if (text[pos] === "]") {
        pos++;
        return { type: "array", items, from, to: pos };
      }
      while (true) {
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return { type: "array", items, from, to: pos };
        }
        fail("json-expected-comma", `expected \`,\` or \`]\`, found ${describe()}`);
      }
    }
    if (c === '"') {
      const s = parseString();
      return { type: "string", value: s.value, from: s.from, to: s.to };
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return { type: "boolean", value: true, from, to: pos };
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return { type: "boolean", value: false, from, to: pos };
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return { type: "null", value: null, from, to: pos };
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = pos;
    const hit = m.exec(text);
    if (hit && hit[0].length > 0 && hit[0] !== "-") {
      pos += hit[0].length;
      return { type: "number", value: Number(hit[0]), raw: hit[0], from, to: pos };
    }
    return fail("json-unexpected-token", `unexpected ${describe()}, expected a value`);
  };

  try {
    const node = parseValue(0);
    skipWs();
    if (pos < len) fail("json-trailing-content", `unexpected ${describe()} after the end of the document`, pos, len);
    return { node, diagnostics: [] };
  } catch (e) {
    if (e instanceof ParseError) {
      return {
        diagnostics: [
          {
            code: e.code,
            severity: "error",
            message: e.message,
            path: "",
            range: lines.range(e.from, Math.max(e.to, e.from)),
          },
        ],
      };
    }
    // a stack overflow on hostile input is still a diagnostic, never an exception
    return {
      diagnostics: [
        {
          code: "json-invalid",
          severity: "error",
          message: "the text could not be read as JSON",
          path: "",
          range: lines.range(0, 0),
        },
      ],
    };
  }
}

/** Plain JSON value of a node (duplicate keys: the last wins, as in JSON.parse). */
export function toValue(node: TJsonNode): TJsonValue {
  switch (node.type) {
    case "object": {
      const o: { [k: string]: TJsonValue } = {};
      for (const e of node.entries) {
        if (e.key === "__proto__")
          Object.defineProperty(o, e.key, {
            value: toValue(e.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else o[e.key] = toValue(e.value);
      }
      return o;
    }
    case "array":
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

/** Turns an already-parsed value into a node tree (all positions 0) so one validator serves both paths. */
export function fromValue(value: unknown, depth = 0): TJsonNode {
  if (depth > MAX_DEPTH) return { type: "null", value: null, from: 0, to: 0 };
  if (value === null || value === undefined) return { type: "null", value: null, from: 0, to: 0 };
  if (typeof value === "string") return { type: "string", value, from: 0, to: 0 };
  if (typeof value === "number") return { type: "number", value, raw: String(value), from: 0, to: 0 };
  if (typeof value === "boolean") return { type: "boolean", value, from: 0, to: 0 };
  if (Array.isArray(value)) return { type: "array", items: value.map((v) => fromValue(v, depth + 1)), from: 0, to: 0 };
  if (typeof value === "object") {
    const entries: TJsonEntry[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      entries.push({ key, keyFrom: 0, keyTo: 0, value: fromValue(v, depth + 1) });
    }
    return { type: "object", entries, from: 0, to: 0 };
  }
  return { type: "null", value: null, from: 0, to: 0 };
}

/** JSON pointer escaping (RFC 6901). */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, "~0").replace(/\//g, "~1");
}
