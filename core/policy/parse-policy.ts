// Entry of the pipeline for text: size check -> JSON with positions -> grammar -> warnings.
import { LineIndex, fromValue, parseJson, pointerSegment, toValue, type TJsonNode } from "./json-parser";
import { MAX_INPUT_BYTES, POLICY_SIZE_LIMITS, measure, utf8Length, IAM_INLINE_LIMITS } from "./limits";
import { Collector, validateDocument } from "./validate";
import { securityWarnings } from "./warnings";
import type { TDiagnostic, TParsedPolicy, TPolicyDocument, TPolicyKind, TRange } from "./types";
import { POLICY_KINDS } from "./types";

function checkKind(kind: unknown): kind is TPolicyKind {
  return typeof kind === "string" && (POLICY_KINDS as readonly string[]).includes(kind);
}

function sizeDiagnostics(c: Collector, text: string, kind: TPolicyKind, root: TJsonNode | null): void {
  const limit = POLICY_SIZE_LIMITS[kind];
  const size = measure(text, limit);
  if (size > limit.max)
    c.add(
      "size-limit",
      "error",
      `the policy is ${size} ${limit.unit}${limit.countsWhitespace ? "" : " without white space"}, over the ${limit.max}-${limit.unit.slice(0, -1)} limit of a ${limit.label}`,
      "",
      root,
    );
  else if (kind === "identity" && size > IAM_INLINE_LIMITS.user)
    c.add(
      "size-limit-user-inline",
      "suggestion",
      `at ${size} characters this policy fits a managed policy but not a user's inline policies (2048 characters in total)`,
      "",
      root,
    );
}

function collectRanges(root: TJsonNode, lines: LineIndex): Record<string, TRange> {
  const ranges: Record<string, TRange> = { "": lines.range(root.from, root.to) };
  if (root.type !== "object") return ranges;
  let statement: TJsonNode | undefined;
  for (const e of root.entries) if (e.key === "Statement") statement = e.value;
  if (!statement) return ranges;
  const visit = (st: TJsonNode, path: string) => {
    ranges[path] = lines.range(st.from, st.to);
    if (st.type !== "object") return;
    for (const e of st.entries) {
      const p = `${path}/${pointerSegment(e.key)}`;
      ranges[p] = lines.range(e.value.from, e.value.to);
      if (e.key === "Condition" && e.value.type === "object")
        for (const op of e.value.entries) {
          const op_p = `${p}/${pointerSegment(op.key)}`;
          ranges[op_p] = lines.range(op.keyFrom, op.value.to);
          if (op.value.type === "object")
            for (const k of op.value.entries)
              ranges[`${op_p}/${pointerSegment(k.key)}`] = lines.range(k.keyFrom, k.value.to);
        }
    }
  };
  if (statement.type === "array") statement.items.forEach((st, i) => visit(st, `/Statement/${i}`));
  else visit(statement, "/Statement");
  return ranges;
}

export function parsePolicyText(
  text: string,
  options: { kind: TPolicyKind },
): { policy?: TParsedPolicy; diagnostics: TDiagnostic[] } {
  const kind = options?.kind;
  const zero = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, from: 0, to: 0 };
  if (!checkKind(kind))
    return {
      diagnostics: [
        {
          code: "kind-invalid",
          severity: "error",
          message: `unknown policy kind \`${String(kind)}\``,
          path: "",
          range: zero,
        },
      ],
    };
  if (typeof text !== "string")
    return {
      diagnostics: [
        {
          code: "input-not-text",
          severity: "error",
          message: "the policy must be given as text",
          path: "",
          range: zero,
        },
      ],
    };
  if (text.length > MAX_INPUT_BYTES || utf8Length(text) > MAX_INPUT_BYTES)
    return {
      diagnostics: [
        {
          code: "input-too-large",
          severity: "error",
          message: `the input is over ${MAX_INPUT_BYTES} bytes and was not parsed`,
          path: "",
          range: zero,
        },
      ],
    };
  const lines = new LineIndex(text);
  const parsed = parseJson(text, lines);
  if (!parsed.node) return { diagnostics: parsed.diagnostics };
  const c = new Collector(lines);
  sizeDiagnostics(c, text, kind, parsed.node);
  validateDocument(c, parsed.node, kind);
  if (parsed.node.type === "object") securityWarnings(c, parsed.node, kind);
  const diagnostics = c.diagnostics;
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  return {
    policy: { kind, document: toValue(parsed.node) as TPolicyDocument, ranges: collectRanges(parsed.node, lines) },
    diagnostics,
  };
}

export function validateValue(value: unknown, kind: TPolicyKind): TDiagnostic[] {
  const zero = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, from: 0, to: 0 };
  if (!checkKind(kind))
    return [
      {
        code: "kind-invalid",
        severity: "error",
        message: `unknown policy kind \`${String(kind)}\``,
        path: "",
        range: zero,
      },
    ];
  let text: string;
  try {
    text = JSON.stringify(value) ?? "";
  } catch {
    return [
      {
        code: "document-not-json",
        severity: "error",
        message: "the policy is not a JSON value",
        path: "",
        range: zero,
      },
    ];
  }
  if (utf8Length(text) > MAX_INPUT_BYTES)
    return [
      {
        code: "input-too-large",
        severity: "error",
        message: `the policy is over ${MAX_INPUT_BYTES} bytes`,
        path: "",
        range: zero,
      },
    ];
  const root = fromValue(value);
  const c = new Collector(null);
  sizeDiagnostics(c, text, kind, null);
  validateDocument(c, root, kind);
  if (root.type === "object") securityWarnings(c, root, kind);
  return c.diagnostics;
}
