// Stage 2: grammar per policy kind, on the position-tracking node tree. Collects diagnostics and
// never throws; security warnings live in warnings.ts.
import { parseOperatorName, compileConditionProgram } from "./conditions/index";
import { NO_RANGE, pointerSegment, type LineIndex, type TJsonNode } from "./json-parser";
import type { TDiagnostic, TPolicyKind, TRange, TSeverity } from "./types";

export const PRINCIPAL_REQUIRED: ReadonlySet<TPolicyKind> = new Set(["resource", "key", "trust", "rcp", "vault-lock"]);
export const PRINCIPAL_FORBIDDEN: ReadonlySet<TPolicyKind> = new Set(["identity", "boundary", "session", "scp"]);
const NOTPRINCIPAL_FORBIDDEN: ReadonlySet<TPolicyKind> = new Set(["trust", "scp", "rcp"]);

const TOP_KEYS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const ACTION_RE = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?_-]+$/;
const ACCOUNT_RE = /^\d{12}$/;

export class Collector {
  readonly diagnostics: TDiagnostic[] = [];
  constructor(private readonly lines: LineIndex | null) {}
  range(node: { from: number; to: number } | null): TRange {
    if (!this.lines || !node) return NO_RANGE;
    return this.lines.range(node.from, node.to);
  }
  add(
    code: string,
    severity: TSeverity,
    message: string,
    path: string,
    node: { from: number; to: number } | null,
  ): void {
    // a pathological document (100k bad statements) still yields a bounded, useful list
    if (this.diagnostics.length >= 1000) return;
    this.diagnostics.push({ code, severity, message, path, range: this.range(node) });
  }
}

export function entryOf(node: TJsonNode, key: string): TJsonNode | undefined {
  if (node.type !== "object") return undefined;
  let hit: TJsonNode | undefined;
  for (const e of node.entries) if (e.key === key) hit = e.value;
  return hit;
}

function typeName(n: TJsonNode): string {
  return n.type;
}

/** Strings of a `string | string[]` element, reporting anything else. */
function stringList(
  c: Collector,
  node: TJsonNode,
  path: string,
  element: string,
): { value: string; node: TJsonNode; path: string }[] {
  if (node.type === "string") return [{ value: node.value, node, path }];
  if (node.type === "array") {
    if (node.items.length === 0) c.add("element-empty", "error", `\`${element}\` is an empty list`, path, node);
    const out: { value: string; node: TJsonNode; path: string }[] = [];
    node.items.forEach((it, i) => {
      if (it.type === "string") out.push({ value: it.value, node: it, path: `${path}/${i}` });
      else
        c.add(
          "element-type",
          "error",
          `\`${element}\` entries must be strings, found ${typeName(it)}`,
          `${path}/${i}`,
          it,
        );
    });
    return out;
  }
  c.add(
    "element-type",
    "error",
    `\`${element}\` must be a string or a list of strings, found ${typeName(node)}`,
    path,
    node,
  );
  return [];
}

function checkDuplicateKeys(c: Collector, node: TJsonNode, path: string): void {
  if (node.type !== "object") return;
  const seen = new Set<string>();
  for (const e of node.entries) {
    if (seen.has(e.key))
      c.add(
        "duplicate-key",
        "error",
        `duplicate key \`${e.key}\`; only the last one would count`,
        `${path}/${pointerSegment(e.key)}`,
        { from: e.keyFrom, to: e.keyTo },
      );
    seen.add(e.key);
  }
}

function checkPrincipal(c: Collector, node: TJsonNode, path: string, element: string, kind: TPolicyKind): void {
  if (node.type === "string") {
    if (node.value !== "*")
      c.add(
        "principal-invalid",
        "error",
        `\`${element}\` must be \`*\` or an object such as {"AWS": ...}, found \`${node.value}\``,
        path,
        node,
      );
    return;
  }
  if (node.type !== "object") {
    c.add(
      "principal-invalid",
      "error",
      `\`${element}\` must be \`*\` or an object, found ${typeName(node)}`,
      path,
      node,
    );
    return;
  }
  checkDuplicateKeys(c, node, path);
  if (node.entries.length === 0) c.add("principal-empty", "error", `\`${element}\` names no principal`, path, node);
  for (const e of node.entries) {
    const p = `${path}/${pointerSegment(e.key)}`;
    if (!PRINCIPAL_TYPES.has(e.key)) {
      c.add(
        "principal-type-unknown",
        "error",
        `unknown principal type \`${e.key}\`; use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\``,
        p,
        { from: e.keyFrom, to: e.keyTo },
      );
      continue;
    }
    for (const v of stringList(c, e.value, p, `${element}.${e.key}`)) {
      if (v.value === "") c.add("principal-empty-string", "error", `empty principal`, v.path, v.node);
      else if (v.value !== "*" && v.value.includes("*"))
        c.add(
          "principal-wildcard-partial",
          "error",
          `\`${v.value}\`: a wildcard cannot match part of a principal; use \`*\` with a condition on \`aws:PrincipalArn\``,
          v.path,
          v.node,
        );
      else if (
        e.key === "AWS" &&
        v.value !== "*" &&
        !ACCOUNT_RE.test(v.value) &&
        !/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(v.value)
      )
        c.add(
          "principal-aws-invalid",
          "error",
          `\`${v.value}\` is not an account id or an iam/sts arn`,
          v.path,
          v.node,
        );
      else if (e.key === "Service" && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v.value) && v.value !== "*")
        c.add(
          "principal-service-invalid",
          "warning",
          `\`${v.value}\` does not look like a service principal such as \`s3.amazonaws.com\``,
          v.path,
          v.node,
        );
    }
  }
  if (kind === "rcp")
    c.add(
      "rcp-principal",
      "error",
      `rcps require \`"Principal": "*"\`; restrict principals with conditions`,
      path,
      node,
    );
}

function checkCondition(c: Collector, node: TJsonNode, path: string, hasVariables: boolean): void {
  if (node.type !== "object") {
    c.add(
      "condition-invalid",
      "error",
      `\`Condition\` must be an object of operators, found ${typeName(node)}`,
      path,
      node,
    );
    return;
  }
  checkDuplicateKeys(c, node, path);
  for (const e of node.entries) {
    const p = `${path}/${pointerSegment(e.key)}`;
    const info = parseOperatorName(e.key);
    if (!info) {
      c.add("condition-operator-unknown", "error", `unknown condition operator \`${e.key}\``, p, {
        from: e.keyFrom,
        to: e.keyTo,
      });
      continue;
    }
    if (info.isNull && info.setOperator)
      c.add("condition-operator-set-null", "warning", `\`${e.key}\`: set operators do not apply to \`Null\``, p, {
        from: e.keyFrom,
        to: e.keyTo,
      });
    if (e.value.type !== "object") {
      c.add(
        "condition-block-invalid",
        "error",
        `\`${e.key}\` must map condition keys to values, found ${typeName(e.value)}`,
        p,
        e.value,
      );
      continue;
    }
    checkDuplicateKeys(c, e.value, p);
    if (e.value.entries.length === 0)
      c.add("condition-block-empty", "error", `\`${e.key}\` has no condition keys`, p, e.value);
    for (const k of e.value.entries) {
      const kp = `${p}/${pointerSegment(k.key)}`;
      if (k.key === "")
        c.add("condition-key-empty", "error", `empty condition key`, kp, { from: k.keyFrom, to: k.keyTo });
      const valueNodes = k.value.type === "array" ? k.value.items : [k.value];
      if (k.value.type === "array" && k.value.items.length === 0)
        c.add("condition-values-empty", "error", `\`${k.key}\` has an empty list of values`, kp, k.value);
      const values: string[] = [];
      valueNodes.forEach((vn, i) => {
        const vp = k.value.type === "array" ? `${kp}/${i}` : kp;
        if (vn.type === "string") values.push(vn.value);
        else if (vn.type === "number") values.push(vn.raw);
        else if (vn.type === "boolean") values.push(String(vn.value));
        else
          c.add(
            "condition-value-type",
            "error",
            `condition values must be strings, numbers or booleans, found ${typeName(vn)}`,
            vp,
            vn,
          );
        if (vn.type === "string" && !hasVariables && vn.value.includes("${") && info.family.hasVariables)
          c.add(
            "variable-literal",
            "warning",
            `\`${vn.value}\` is literal text: policy variables need \`"Version": "2012-10-17"\``,
            vp,
            vn,
          );
      });
      for (let i = 0; i < values.length; i++) {
        const { errors } = compileConditionProgram(info, k.key, [values[i]], hasVariables);
        if (errors.length) {
          const vn = valueNodes[i];
          c.add(
            "condition-value-invalid",
            "error",
            `${errors[0]} (operator \`${info.base}\`)`,
            k.value.type === "array" ? `${kp}/${i}` : kp,
            vn ?? k.value,
          );
        }
      }
      if (info.setOperator === null && /^(aws:tagkeys|aws:calledvia)$/i.test(k.key) && !info.isNull)
        c.add(
          "condition-multivalued-key",
          "warning",
          `\`${k.key}\` is multivalued; use \`ForAnyValue:\` or \`ForAllValues:\` with \`${info.base}\``,
          kp,
          { from: k.keyFrom, to: k.keyTo },
        );
      if (info.setOperator === "ForAllValues" && !info.isNegated && !info.isNull)
        c.add(
          "forallvalues-empty-matches",
          "suggestion",
          `\`ForAllValues\` is also true when \`${k.key}\` is missing or empty; add a \`Null\` check if the key must be present`,
          kp,
          { from: k.keyFrom, to: k.keyTo },
        );
    }
  }
}

function checkStatement(
  c: Collector,
  st: TJsonNode,
  path: string,
  kind: TPolicyKind,
  hasVariables: boolean,
  sids: Map<string, string>,
): void {
  if (st.type !== "object") {
    c.add("statement-not-object", "error", `a statement must be an object, found ${typeName(st)}`, path, st);
    return;
  }
  checkDuplicateKeys(c, st, path);
  for (const e of st.entries) {
    if (!STATEMENT_KEYS.has(e.key))
      c.add(
        "statement-unknown-element",
        "error",
        `unknown statement element \`${e.key}\``,
        `${path}/${pointerSegment(e.key)}`,
        { from: e.keyFrom, to: e.keyTo },
      );
  }
  const sid = entryOf(st, "Sid");
  if (sid) {
    if (sid.type !== "string") c.add("sid-invalid", "error", `\`Sid\` must be a string`, `${path}/Sid`, sid);
    else {
      if (sids.has(sid.value))
        c.add(
          "sid-duplicate",
          "error",
          `duplicate Sid \`${sid.value}\`; Sids must be unique within a policy`,
          `${path}/Sid`,
          sid,
        );
      else sids.set(sid.value, path);
      if (
        (kind === "identity" || kind === "boundary" || kind === "trust" || kind === "scp") &&
        !/^[A-Za-z0-9]*$/.test(sid.value)
      )
        c.add(
          "sid-characters",
          "error",
          `Sid \`${sid.value}\` may only contain letters and digits in this policy type`,
          `${path}/Sid`,
          sid,
        );
    }
  }
  const effect = entryOf(st, "Effect");
  if (!effect) c.add("effect-missing", "error", `the statement has no \`Effect\``, path, st);
  else if (effect.type !== "string" || (effect.value !== "Allow" && effect.value !== "Deny")) {
    const v = effect.type === "string" ? effect.value : typeName(effect);
    const fix =
      effect.type === "string" && /^allow$/i.test(v)
        ? "; did you mean `Allow`"
        : effect.type === "string" && /^deny$/i.test(v)
          ? "; did you mean `Deny`"
          : "";
    c.add(
      "effect-invalid",
      "error",
      `\`Effect\` must be \`Allow\` or \`Deny\`, found \`${v}\`${fix}`,
      `${path}/Effect`,
      effect,
    );
  }

  const action = entryOf(st, "Action");
  const notAction = entryOf(st, "NotAction");
  if (action && notAction)
    c.add("action-and-notaction", "error", `a statement cannot have both \`Action\` and \`NotAction\``, path, st);
  if (!action && !notAction)
    c.add("action-missing", "error", `the statement needs \`Action\` or \`NotAction\``, path, st);
  for (const [name, node] of [
    ["Action", action],
    ["NotAction", notAction],
  ] as const) {
    if (!node) continue;
    for (const v of stringList(c, node, `${path}/${name}`, name)) {
      if (v.value === "") c.add("action-empty", "error", `empty action`, v.path, v.node);
      else if (v.value !== "*" && !ACTION_RE.test(v.value))
        c.add(
          "action-invalid",
          "error",
          `\`${v.value}\` is not an action of the form \`service:Action\``,
          v.path,
          v.node,
        );
    }
  }

  const resource = entryOf(st, "Resource");
  const notResource = entryOf(st, "NotResource");
  if (resource && notResource)
    c.add(
      "resource-and-notresource",
      "error",
      `a statement cannot have both \`Resource\` and \`NotResource\``,
      path,
      st,
    );
  if (kind === "trust") {
    if (resource || notResource)
      c.add(
        "trust-resource",
        "warning",
        `role trust policies do not use \`Resource\`; the role itself is the resource`,
        `${path}/${resource ? "Resource" : "NotResource"}`,
        resource ?? notResource ?? st,
      );
  } else if (!resource && !notResource)
    c.add("resource-missing", "error", `the statement needs \`Resource\` or \`NotResource\``, path, st);
  for (const [name, node] of [
    ["Resource", resource],
    ["NotResource", notResource],
  ] as const) {
    if (!node) continue;
    for (const v of stringList(c, node, `${path}/${name}`, name)) {
      if (v.value === "") c.add("resource-empty", "error", `empty resource`, v.path, v.node);
      else if (v.value !== "*" && !v.value.startsWith("arn:"))
        c.add("resource-invalid", "error", `\`${v.value}\` is not an arn or \`*\``, v.path, v.node);
      else if (v.value.startsWith("arn:") && v.value.split(":").length < 6)
        c.add(
          "resource-arn-invalid",
          "error",
          `\`${v.value}\` has fewer than six colon-separated parts`,
          v.path,
          v.node,
        );
      if (!hasVariables && v.value.includes("${"))
        c.add(
          "variable-literal",
          "warning",
          `\`${v.value}\` is literal text: policy variables need \`"Version": "2012-10-17"\``,
          v.path,
          v.node,
        );
    }
  }

  const principal = entryOf(st, "Principal");
  const notPrincipal = entryOf(st, "NotPrincipal");
  if (principal && notPrincipal)
    c.add(
      "principal-and-notprincipal",
      "error",
      `a statement cannot have both \`Principal\` and \`NotPrincipal\``,
      path,
      st,
    );
  if (PRINCIPAL_FORBIDDEN.has(kind)) {
    for (const [name, node] of [
      ["Principal", principal],
      ["NotPrincipal", notPrincipal],
    ] as const)
      if (node)
        c.add(
          "principal-forbidden",
          "error",
          `\`${name}\` is not allowed in a ${kind} policy; the principal is whoever the policy is attached to`,
          `${path}/${name}`,
          node,
        );
  } else {
    if (PRINCIPAL_REQUIRED.has(kind) && !principal && !notPrincipal)
      c.add("principal-missing", "error", `a ${kind} policy statement needs \`Principal\``, path, st);
    if (principal)
      checkPrincipal(
        c,
        principal,
        `${path}/Principal`,
        "Principal",
        kind === "rcp" && principal.type === "string" && principal.value === "*" ? "resource" : kind,
      );
    if (notPrincipal) {
      if (NOTPRINCIPAL_FORBIDDEN.has(kind))
        c.add(
          "notprincipal-forbidden",
          "error",
          `\`NotPrincipal\` is not supported in a ${kind} policy`,
          `${path}/NotPrincipal`,
          notPrincipal,
        );
      else checkPrincipal(c, notPrincipal, `${path}/NotPrincipal`, "NotPrincipal", kind);
      if (effect?.type === "string" && effect.value === "Allow")
        c.add(
          "notprincipal-with-allow",
          "error",
          `\`NotPrincipal\` must be used with \`"Effect": "Deny"\``,
          `${path}/NotPrincipal`,
          notPrincipal,
        );
    }
  }

  const cond = entryOf(st, "Condition");
  if (cond) checkCondition(c, cond, `${path}/Condition`, hasVariables);
}

/** Grammar diagnostics for a whole document. Returns whether variables are enabled. */
export function validateDocument(c: Collector, root: TJsonNode, kind: TPolicyKind): void {
  if (root.type !== "object") {
    c.add("document-not-object", "error", `a policy must be a JSON object, found ${typeName(root)}`, "", root);
    return;
  }
  checkDuplicateKeys(c, root, "");
  for (const e of root.entries)
    if (!TOP_KEYS.has(e.key))
      c.add(
        "unknown-element",
        "error",
        `unknown top-level element \`${e.key}\`; a policy has \`Version\`, \`Id\` and \`Statement\``,
        `/${pointerSegment(e.key)}`,
        { from: e.keyFrom, to: e.keyTo },
      );
  const version = entryOf(root, "Version");
  let hasVariables = false;
  if (!version)
    c.add(
      "version-missing",
      "warning",
      `no \`Version\`: AWS assumes \`2008-10-17\`, where policy variables are literal text; add \`"Version": "2012-10-17"\``,
      "",
      root,
    );
  else if (version.type !== "string" || (version.value !== "2012-10-17" && version.value !== "2008-10-17"))
    c.add(
      "version-invalid",
      "error",
      `\`Version\` must be \`2012-10-17\` (or the legacy \`2008-10-17\`), found \`${version.type === "string" ? version.value : typeName(version)}\``,
      "/Version",
      version,
    );
  else if (version.value === "2008-10-17")
    c.add(
      "version-legacy",
      "suggestion",
      `\`2008-10-17\` is the legacy version: policy variables are literal text; use \`2012-10-17\``,
      "/Version",
      version,
    );
  else hasVariables = true;
  const id = entryOf(root, "Id");
  if (id && id.type !== "string") c.add("id-invalid", "error", `\`Id\` must be a string`, "/Id", id);
  const statement = entryOf(root, "Statement");
  if (!statement) {
    c.add("statement-missing", "error", `the policy has no \`Statement\``, "", root);
    return;
  }
  const sids = new Map<string, string>();
  if (statement.type === "array") {
    if (statement.items.length === 0)
      c.add("statement-empty", "error", `\`Statement\` is an empty list`, "/Statement", statement);
    statement.items.forEach((st, i) => checkStatement(c, st, `/Statement/${i}`, kind, hasVariables, sids));
  } else if (statement.type === "object") checkStatement(c, statement, "/Statement", kind, hasVariables, sids);
  else
    c.add(
      "statement-invalid",
      "error",
      `\`Statement\` must be an object or a list of objects, found ${typeName(statement)}`,
      "/Statement",
      statement,
    );
}
