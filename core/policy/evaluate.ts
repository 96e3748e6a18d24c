// Stage 4b: the authorizer. Follows AWS's documented order: explicit deny anywhere, then RCPs and
// SCPs (every level must allow), then the resource-based policy, identity policies, permissions
// boundary and session policy, with the same-account / cross-account, KMS key policy and role
// trust policy rules. See README.md for the exact rules and their sources.
import { toCompiled } from "./compile";
import type { TPrincipalMatch } from "./principal";
import { prepareRequest } from "./request";
import { actionMatches, conditionsMatch, firstMismatch, principalMatches, resourceMatches, type TPrincipalMode } from "./statement";
import { buildSummary } from "./summary";
import type {
  TAnyPolicy,
  TCompiledPolicy,
  TDecision,
  TEvaluation,
  TExplain,
  TLayer,
  TPolicyExplain,
  TPolicySet,
  TPreparedRequest,
  TRequest,
  TStatementExplain,
} from "./types";

/** Result of scanning one policy. */
interface TScan {
  isDeny: boolean;
  /** best principal match among applying Allow statements (resource policies), "direct" otherwise */
  allow: TPrincipalMatch;
}

const RANK: Record<string, number> = { direct: 4, wildcard: 4, role: 2, account: 1 };

function better(a: TPrincipalMatch, b: TPrincipalMatch): TPrincipalMatch {
  if (!a) return b;
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

/** Fast path: no allocation per statement; stops at the first applying Deny. */
function scanFast(p: TCompiledPolicy, req: TPreparedRequest, mode: TPrincipalMode, hasBoundary: boolean, out: TScan): void {
  out.isDeny = false;
  out.allow = null;
  const sts = p.statements;
  for (let i = 0; i < sts.length; i++) {
    const st = sts[i];
    if (!actionMatches(st, req) || !resourceMatches(st, req)) continue;
    const pm = principalMatches(st, req, mode, hasBoundary);
    if (pm === null || !conditionsMatch(st, req)) continue;
    if (st.effect === "Deny") {
      out.isDeny = true;
      return;
    }
    out.allow = better(out.allow, pm);
  }
}

function scanExplain(
  p: TCompiledPolicy,
  req: TPreparedRequest,
  mode: TPrincipalMode,
  hasBoundary: boolean,
  out: TScan,
  layer: TLayer,
  label: string,
): TPolicyExplain {
  out.isDeny = false;
  out.allow = null;
  const statements: TStatementExplain[] = [];
  for (const st of p.statements) {
    const mismatch = firstMismatch(st, req, mode, hasBoundary);
    const s: TStatementExplain = { index: st.index, effect: st.effect, isApplied: mismatch === null };
    if (st.sid !== undefined) s.sid = st.sid;
    if (mismatch) s.mismatch = mismatch;
    if (st.range) s.range = st.range;
    statements.push(s);
    if (!mismatch) {
      if (st.effect === "Deny") out.isDeny = true;
      else out.allow = better(out.allow, principalMatches(st, req, mode, hasBoundary));
    }
  }
  return { layer, label, outcome: out.isDeny ? "deny" : out.allow ? "allow" : "none", statements };
}

interface TEvalState {
  req: TPreparedRequest;
  explain: TPolicyExplain[] | null;
  scan: TScan;
  hasBoundary: boolean;
}

/** Scans a policy; returns true when it explicitly denies (fast mode may stop early). */
function run(s: TEvalState, p: TCompiledPolicy, mode: TPrincipalMode, layer: TLayer, label: string): void {
  if (s.explain) s.explain.push(scanExplain(p, s.req, mode, s.hasBoundary, s.scan, layer, label));
  else scanFast(p, s.req, mode, s.hasBoundary, s.scan);
}

function skipped(s: TEvalState, policies: TCompiledPolicy[], layer: TLayer, label: (i: number) => string, note: string): void {
  if (!s.explain) return;
  policies.forEach((p, i) =>
    s.explain!.push({ layer, label: label(i), outcome: "none", note, statements: [] }),
  );
}

const IAM_TYPES = new Set(["user", "role", "assumed-role", "federated-user"]);

/** Evaluates one request. INVARIANT: never throws for any input shape (bad input denies). */
export function evaluateRequest(input: { request: TRequest; policies: TPolicySet }, options?: { explain?: boolean }): TEvaluation {
  const wantExplain = options?.explain === true;
  const request = input?.request ?? ({} as TRequest);
  const ps: TPolicySet = input?.policies && typeof input.policies === "object" ? input.policies : {};
  const req = prepareRequest(request);
  const pr = req.principal;
  const mgmt = request.managementAccount;
  const isIam = IAM_TYPES.has(pr.type);
  const isRoot = pr.type === "root";
  const isServiceLinked = pr.type === "role" && (pr.rolePath ?? "").startsWith("/aws-service-role/");

  const asList = (x: unknown): TAnyPolicy[] => (Array.isArray(x) ? (x as TAnyPolicy[]) : []);
  const identity = asList(ps.identity).map(toCompiled);
  const resource = ps.resource ? toCompiled(ps.resource) : null;
  const boundary = ps.permissionBoundary ? toCompiled(ps.permissionBoundary) : null;
  const session = ps.session ? toCompiled(ps.session) : null;
  const scp = asList(ps.scp).map((lvl) => asList(lvl).map(toCompiled));
  const rcp = asList(ps.rcp).map((lvl) => asList(lvl).map(toCompiled));

  const scpApplies = scp.length > 0 && (isIam || isRoot) && !isServiceLinked && !(mgmt && req.principalAccount === mgmt);
  const rcpApplies = rcp.length > 0 && pr.type !== "service" && !isServiceLinked && !(mgmt && req.resourceAccount === mgmt);
  const identityApplies = isIam;
  const sessionApplies = pr.type === "assumed-role" || pr.type === "federated-user";
  const resourceLayer: TLayer = req.rule === "kms-key" ? "key-policy" : req.rule === "role-trust" ? "trust-policy" : "resource";

  const explainList: TPolicyExplain[] | null = wantExplain ? [] : null;
  const s: TEvalState = { req, explain: explainList, scan: { isDeny: false, allow: null }, hasBoundary: boundary !== null && isIam };
  let denyLayer: TLayer | null = null;
  const noteDeny = (layer: TLayer) => {
    if (s.scan.isDeny && denyLayer === null) denyLayer = layer;
  };
  const finish = (decision: TDecision, layer: TLayer): TEvaluation => {
    if (!explainList) return { decision };
    const explain: TExplain = {
      decidingLayer: layer,
      summary: [],
      request: {
        principalType: pr.type,
        principalAccount: req.principalAccount,
        resourceAccount: req.resourceAccount,
        isCrossAccount: isCross,
        rule: req.rule,
      },
      policies: explainList,
    };
    explain.summary = buildSummary(decision, layer, req, explain);
    return { decision, explain };
  };
  const isCross = !(req.resourceAccount === undefined || (req.principalAccount !== undefined && req.principalAccount === req.resourceAccount));

  // 1. every policy is scanned for an explicit deny (and its allows, kept for later)
  const rcpLevelAllows: boolean[] = [];
  if (rcpApplies) {
    for (let l = 0; l < rcp.length; l++) {
      let isAllowed = false;
      for (let i = 0; i < rcp[l].length; i++) {
        run(s, rcp[l][i], "rcp", "rcp", `rcp[${l}][${i}]`);
        noteDeny("rcp");
        if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
        if (s.scan.allow) isAllowed = true;
      }
      rcpLevelAllows.push(isAllowed);
    }
  } else
    rcp.forEach((lvl, l) =>
      skipped(s, lvl, "rcp", (i) => `rcp[${l}][${i}]`, pr.type === "service" ? "rcps do not apply to aws service principals" : "rcps do not apply to this resource (management account or service-linked role)"),
    );

  const scpLevelAllows: boolean[] = [];
  if (scpApplies) {
    for (let l = 0; l < scp.length; l++) {
      let isAllowed = false;
      for (let i = 0; i < scp[l].length; i++) {
        run(s, scp[l][i], "ignore", "scp", `scp[${l}][${i}]`);
        noteDeny("scp");
        if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
        if (s.scan.allow) isAllowed = true;
      }
      scpLevelAllows.push(isAllowed);
    }
  } else
    scp.forEach((lvl, l) =>
      skipped(
        s,
        lvl,
        "scp",
        (i) => `scp[${l}][${i}]`,
        isIam || isRoot ? "scps do not apply to this principal (management account or service-linked role)" : "scps only apply to iam principals of member accounts",
      ),
    );

  let resourceAllow: TPrincipalMatch = null;
  if (resource) {
    run(s, resource, "resource", resourceLayer, "resource");
    noteDeny(resourceLayer);
    if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
    resourceAllow = s.scan.allow;
  }

  let isIdentityAllowed = false;
  if (identityApplies) {
    for (let i = 0; i < identity.length; i++) {
      run(s, identity[i], "ignore", "identity", `identity[${i}]`);
      noteDeny("identity");
      if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
      if (s.scan.allow) isIdentityAllowed = true;
    }
  } else
    skipped(s, identity, "identity", (i) => `identity[${i}]`, isRoot ? "the root user has full access in its own account; identity policies do not apply" : "identity policies only apply to iam users and roles");

  let isBoundaryOk = true;
  if (boundary) {
    if (identityApplies) {
      run(s, boundary, "ignore", "boundary", "permissionBoundary");
      noteDeny("boundary");
      if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
      isBoundaryOk = s.scan.allow !== null;
    } else skipped(s, [boundary], "boundary", () => "permissionBoundary", "permissions boundaries only apply to iam users and roles");
  }

  let isSessionOk = pr.type !== "federated-user"; // GetFederationToken without a session policy grants nothing
  if (session) {
    if (sessionApplies) {
      run(s, session, "ignore", "session", "session");
      noteDeny("session");
      if (denyLayer && !explainList) return finish("ExplicitDeny", denyLayer);
      isSessionOk = s.scan.allow !== null;
    } else skipped(s, [session], "session", () => "session", "session policies only apply to role sessions and federated user sessions");
  }

  if (denyLayer) return finish("ExplicitDeny", denyLayer);

  // 2. organization guardrails: every level must allow
  for (let l = 0; l < rcpLevelAllows.length; l++) if (!rcpLevelAllows[l]) return finish("ImplicitDeny", "rcp");
  for (let l = 0; l < scpLevelAllows.length; l++) if (!scpLevelAllows[l]) return finish("ImplicitDeny", "scp");

  // 3. grants
  const isSpecial = req.rule !== "generic";
  if (isSpecial && !resourceAllow) return finish("ImplicitDeny", resourceLayer);

  if (!isIam && !isRoot) {
    // anonymous callers, AWS services and identity providers have no identity policies
    if (resourceAllow) return finish("Allow", resourceLayer);
    return finish("ImplicitDeny", resource ? resourceLayer : "default");
  }

  const identitySide = isRoot || (isIdentityAllowed && isBoundaryOk && isSessionOk);
  const identityFailure: TLayer = !isIdentityAllowed ? "identity" : !isBoundaryOk ? "boundary" : "session";

  if (isCross) {
    if (!resourceAllow) return finish("ImplicitDeny", identitySide || isIdentityAllowed ? resourceLayer : "default");
    if (!identitySide) return finish("ImplicitDeny", identityFailure);
    return finish("Allow", isRoot ? resourceLayer : "identity");
  }

  // same account
  if (isRoot) return finish("Allow", resourceAllow && resourceAllow !== "account" ? resourceLayer : "identity");
  if (resourceAllow === "direct" || resourceAllow === "wildcard") return finish("Allow", resourceLayer);
  if (resourceAllow === "role") {
    // a grant to the role ARN is limited by the session's boundary and session policy
    if (isBoundaryOk && isSessionOk) return finish("Allow", resourceLayer);
    return finish("ImplicitDeny", !isBoundaryOk ? "boundary" : "session");
  }
  if (identitySide) return finish("Allow", "identity");
  if (!isIdentityAllowed) return finish("ImplicitDeny", isSpecial ? "identity" : "default");
  return finish("ImplicitDeny", identityFailure);
}
