// Stage 5: sentences a student can act on, built from the structured explain.
import type { TDecision, TExplain, TLayer, TPolicyExplain, TPreparedRequest, TStatementExplain } from "./types";

const LAYER_NAME: Record<TLayer, string> = {
  scp: "service control policies",
  rcp: "resource control policies",
  resource: "the resource-based policy",
  "key-policy": "the kms key policy",
  "trust-policy": "the role trust policy",
  identity: "the identity-based policies",
  boundary: "the permissions boundary",
  session: "the session policy",
  default: "no policy",
};

function stName(st: TStatementExplain, p: TPolicyExplain): string {
  return `statement ${st.sid ? `\`${st.sid}\`` : `#${st.index}`} of \`${p.label}\``;
}

/** Allow statements whose action matched but something else failed: the likely fix. */
function nearMisses(ex: TExplain, layers: TLayer[]): string[] {
  const out: string[] = [];
  for (const p of ex.policies) {
    if (!layers.includes(p.layer)) continue;
    for (const st of p.statements) {
      if (st.effect !== "Allow" || !st.mismatch || st.mismatch.kind === "action") continue;
      out.push(`${stName(st, p)} would allow it, but ${st.mismatch.message}`);
      if (out.length >= 3) return out;
    }
  }
  return out;
}

export function buildSummary(decision: TDecision, layer: TLayer, req: TPreparedRequest, ex: TExplain): string[] {
  const what = `\`${req.action}\` on \`${req.resource}\` by \`${req.principal.raw}\``;
  const out: string[] = [];
  if (decision === "ExplicitDeny") {
    for (const p of ex.policies) {
      if (p.layer !== layer) continue;
      const st = p.statements.find((s) => s.isApplied && s.effect === "Deny");
      if (st) {
        out.push(`${stName(st, p)} explicitly denies ${what}; an explicit deny overrides every allow`);
        out.push(
          `to permit the request, narrow that statement's Action, Resource or Condition so it no longer matches`,
        );
        return out;
      }
    }
    out.push(`${LAYER_NAME[layer]} explicitly deny ${what}`);
    return out;
  }
  if (decision === "Allow") {
    const p = ex.policies.find((x) => x.layer === layer && x.outcome === "allow");
    const st = p?.statements.find((s) => s.isApplied && s.effect === "Allow");
    if (p && st) out.push(`${stName(st, p)} allows ${what}, and no statement denies it`);
    else if (req.principal.type === "root")
      out.push(`the account root user has full access in its own account, and no statement denies ${what}`);
    else out.push(`${LAYER_NAME[layer]} allow ${what}, and no statement denies it`);
    if (ex.request.isCrossAccount && ["user", "role", "assumed-role", "federated-user"].includes(req.principal.type))
      out.push(
        `this is a cross-account request: both the resource-based policy and the caller's identity policies allow it`,
      );
    return out;
  }
  // implicit deny
  switch (layer) {
    case "scp":
    case "rcp": {
      const kind = layer === "scp" ? "scp" : "rcp";
      out.push(
        `no ${kind} at one of the organization levels allows ${what}; every level (root, each ou, the account) must allow it, because ${kind}s never grant but only limit`,
      );
      break;
    }
    case "key-policy":
      out.push(
        `the kms key policy does not allow ${what}; the key policy is the root of trust, so identity policies only count when the key policy allows the account (the \`Enable IAM User Permissions\` statement) or the caller directly`,
      );
      break;
    case "trust-policy":
      out.push(
        `the role's trust policy does not allow ${what}; a role can only be assumed by principals its trust policy names`,
      );
      break;
    case "resource":
      out.push(
        ex.request.isCrossAccount
          ? `this is a cross-account request and the resource-based policy does not allow ${what}; across accounts both the resource policy and the caller's identity policies must allow it`
          : `the resource-based policy does not allow ${what}`,
      );
      break;
    case "identity":
      out.push(
        ex.request.isCrossAccount
          ? `the resource-based policy allows ${what}, but across accounts the caller's own identity policies must allow it too, and none does`
          : `no identity-based policy allows ${what}${req.rule === "kms-key" ? "; the key policy delegates to iam policies, so one must allow it" : req.rule === "role-trust" ? "; the trust policy names the account, so an identity policy must allow sts:AssumeRole" : ""}`,
      );
      break;
    case "boundary":
      out.push(
        `an identity policy allows ${what}, but the permissions boundary does not; effective permissions are the intersection of both`,
      );
      break;
    case "session":
      out.push(
        req.principal.type === "federated-user" && !ex.policies.some((p) => p.layer === "session")
          ? `a federated user session created without a session policy has no permissions`
          : `the session policy does not allow ${what}; a session's permissions are the intersection of the role's policies and the session policy`,
      );
      break;
    default:
      out.push(`no policy allows ${what}, so it is denied by default; add an Allow statement that matches it`);
  }
  out.push(
    ...nearMisses(ex, [layer === "default" ? "identity" : layer, "resource", "key-policy", "trust-policy", "identity"]),
  );
  return out;
}
