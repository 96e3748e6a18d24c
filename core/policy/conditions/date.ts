// Date operators: DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan,
// DateGreaterThanEquals. Dates are ISO 8601 (W3C profile) or epoch seconds.
import type { TOperatorFamily } from "./operator";

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_RE = /^-?\d+(\.\d+)?$/;

/** Milliseconds since the epoch, or null when the text is not a date AWS accepts. */
export function parseDate(s: string): number | null {
  const t = s.trim();
  if (EPOCH_RE.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n * 1000 : null;
  }
  const m = ISO_RE.exec(t);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", sec = "00", frac, tz] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +sec > 60) return null;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, frac ? Math.floor(Number("0." + frac) * 1000) : 0);
  if (tz && tz !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
  }
  return Number.isFinite(ms) ? ms : null;
}

const dateCache = new Map<string, number | null>();
function requestDate(v: string): number | null {
  let hit = dateCache.get(v);
  if (hit === undefined) {
    hit = parseDate(v);
    if (dateCache.size > 10000) dateCache.clear();
    dateCache.set(v, hit);
  }
  return hit;
}

const CMP: Record<string, (a: number, b: number) => boolean> = {
  DateEquals: (a, b) => a === b,
  DateNotEquals: (a, b) => a === b,
  DateLessThan: (a, b) => a < b,
  DateLessThanEquals: (a, b) => a <= b,
  DateGreaterThan: (a, b) => a > b,
  DateGreaterThanEquals: (a, b) => a >= b,
};

export const dateFamily: TOperatorFamily = {
  operators: {
    DateEquals: { isNegated: false },
    DateNotEquals: { isNegated: true },
    DateLessThan: { isNegated: false },
    DateLessThanEquals: { isNegated: false },
    DateGreaterThan: { isNegated: false },
    DateGreaterThanEquals: { isNegated: false },
  },
  hasVariables: false,
  compileValue(raw, operator) {
    const p = parseDate(raw);
    if (p === null) return { ok: false, error: `\`${raw}\` is not an ISO 8601 date or epoch seconds` };
    const cmp = CMP[operator];
    return {
      ok: true,
      test: (v) => {
        const n = requestDate(v);
        return n !== null && cmp(n, p);
      },
    };
  },
};
