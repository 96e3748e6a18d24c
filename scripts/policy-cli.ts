// CLI for the policy core (public contract, see issue 3):
//   npm run --silent policy -- evaluate            < request.json | requests.json
//   npm run --silent policy -- validate --kind K   < policy.json
// evaluate prints one result per request ({decision, explain} or {error: {code, message, path}});
// exit 0 when the input was read, 2 when it was not JSON, 1 on a usage error.
import { readFileSync } from "node:fs";
import { evaluate, parsePolicy, validatePolicyDocument, POLICY_KINDS, type TPolicyKind } from "../core/index";

type TCliError = { error: { code: string; message: string; path: string } };

function fail(code: string, message: string, path: string): TCliError {
  return { error: { code, message, path } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const REQUEST_KEYS = new Set([
  "principal",
  "principalAccount",
  "action",
  "resource",
  "resourceAccount",
  "context",
  "managementAccount",
]);
const POLICY_KEYS = new Set(["identity", "resource", "permissionBoundary", "session", "scp", "rcp"]);

function resourceKind(request: Record<string, unknown>): TPolicyKind {
  const action = String(request.action ?? "").toLowerCase();
  const resource = String(request.resource ?? "");
  if (action.startsWith("kms:") && /^arn:[^:]+:kms:[^:]*:[^:]*:key\//.test(resource)) return "key";
  if (
    /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity|setcontext)$/.test(
      action,
    ) &&
    /^arn:[^:]+:iam::[^:]*:role\//.test(resource)
  )
    return "trust";
  return "resource";
}

function checkPolicy(doc: unknown, kind: TPolicyKind, path: string): TCliError | null {
  const diags = validatePolicyDocument(doc, kind);
  const err = diags.find((d) => d.severity === "error");
  return err ? fail(err.code, err.message, path + err.path) : null;
}

function checkItem(item: unknown): TCliError | null {
  if (!isObject(item)) return fail("request-invalid", "each item must be an object with `request` and `policies`", "");
  for (const k of Object.keys(item))
    if (k !== "request" && k !== "policies") return fail("request-unknown-field", `unknown field \`${k}\``, `/${k}`);
  const r = item.request;
  if (!isObject(r)) return fail("request-invalid", "`request` must be an object", "/request");
  for (const k of Object.keys(r))
    if (!REQUEST_KEYS.has(k)) return fail("request-unknown-field", `unknown request field \`${k}\``, `/request/${k}`);
  for (const k of ["principal", "action", "resource"]) {
    if (typeof r[k] !== "string" || r[k] === "")
      return fail("request-invalid", `\`${k}\` must be a non-empty string`, `/request/${k}`);
  }
  if (!/^[a-zA-Z0-9-]+:[a-zA-Z0-9_-]+$/.test(r.action as string))
    return fail(
      "request-invalid",
      `\`${r.action}\` is not an action of the form \`service:Action\``,
      "/request/action",
    );
  for (const k of ["principalAccount", "resourceAccount", "managementAccount"]) {
    if (r[k] !== undefined && (typeof r[k] !== "string" || !/^\d{12}$/.test(r[k] as string)))
      return fail("request-invalid", `\`${k}\` must be 12 digits`, `/request/${k}`);
  }
  if (r.context !== undefined) {
    if (!isObject(r.context)) return fail("request-invalid", "`context` must be an object", "/request/context");
    for (const [k, v] of Object.entries(r.context)) {
      const ok = (x: unknown) =>
        typeof x === "string" || typeof x === "boolean" || (typeof x === "number" && Number.isFinite(x));
      if (!(ok(v) || (Array.isArray(v) && v.every(ok))))
        return fail(
          "request-invalid",
          `context value of \`${k}\` must be a string, number, boolean or a list of them`,
          `/request/context/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        );
    }
  }
  const p = item.policies;
  if (p === undefined) return null;
  if (!isObject(p)) return fail("policies-invalid", "`policies` must be an object", "/policies");
  for (const k of Object.keys(p))
    if (!POLICY_KEYS.has(k))
      return fail("policies-unknown-field", `unknown policy set field \`${k}\``, `/policies/${k}`);
  if (p.identity !== undefined) {
    if (!Array.isArray(p.identity))
      return fail("policies-invalid", "`identity` must be a list of policies", "/policies/identity");
    for (let i = 0; i < p.identity.length; i++) {
      const e = checkPolicy(p.identity[i], "identity", `/policies/identity/${i}`);
      if (e) return e;
    }
  }
  if (p.resource !== undefined) {
    const e = checkPolicy(p.resource, resourceKind(r), "/policies/resource");
    if (e) return e;
  }
  if (p.permissionBoundary !== undefined) {
    const e = checkPolicy(p.permissionBoundary, "boundary", "/policies/permissionBoundary");
    if (e) return e;
  }
  if (p.session !== undefined) {
    const e = checkPolicy(p.session, "session", "/policies/session");
    if (e) return e;
  }
  for (const org of ["scp", "rcp"] as const) {
    const levels = p[org];
    if (levels === undefined) continue;
    if (!Array.isArray(levels) || !levels.every(Array.isArray))
      return fail(
        "policies-invalid",
        `\`${org}\` must be a list of levels, each a list of policies`,
        `/policies/${org}`,
      );
    for (let l = 0; l < levels.length; l++)
      for (let i = 0; i < levels[l].length; i++) {
        const e = checkPolicy(levels[l][i], org, `/policies/${org}/${l}/${i}`);
        if (e) return e;
      }
  }
  return null;
}

function evaluateOne(item: unknown): unknown {
  const err = checkItem(item);
  if (err) return err;
  const { request, policies } = item as { request: never; policies?: never };
  return evaluate({ request, policies: policies ?? {} }, { explain: true });
}

function readStdin(): string {
  try {
    return readFileSync(0, "utf8");
  } catch {
    return "";
  }
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "evaluate") {
    const text = readStdin();
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      process.stdout.write(JSON.stringify(fail("input-not-json", "the input is not JSON", "")) + "\n");
      return 2;
    }
    const out = Array.isArray(input) ? input.map(evaluateOne) : evaluateOne(input);
    process.stdout.write(JSON.stringify(out) + "\n");
    return 0;
  }
  if (command === "validate") {
    const i = rest.indexOf("--kind");
    const kind = i >= 0 ? rest[i + 1] : undefined;
    if (!kind || !(POLICY_KINDS as readonly string[]).includes(kind)) {
      process.stderr.write(`usage: policy validate --kind ${POLICY_KINDS.join("|")} < policy.json\n`);
      return 1;
    }
    const { diagnostics } = parsePolicy(readStdin(), { kind: kind as TPolicyKind });
    process.stdout.write(JSON.stringify(diagnostics) + "\n");
    const isNotJson = diagnostics.some((d) => d.code.startsWith("json-") || d.code === "input-too-large");
    return isNotJson ? 2 : 0;
  }
  process.stderr.write("usage: policy evaluate < requests.json\n       policy validate --kind <kind> < policy.json\n");
  return 1;
}

process.exitCode = main(process.argv.slice(2));
