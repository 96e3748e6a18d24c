// Builds the request and the policy set of one case: the fixed world plus the student's policy in its slot.
import type { TAnyPolicy, TPolicyDocument, TPolicyKind, TPolicySet, TRequest } from "../policy/types";
import type { TPolicyCase, TPolicyChallengeKind, TPolicySlot, TWorld, TWorldPrincipal, TWorldResource } from "./types";

/** The core policy kind (grammar and size limit) of each policy challenge kind. */
export const POLICY_KIND_OF: Readonly<Record<TPolicyChallengeKind, TPolicyKind>> = {
  "identity-policy": "identity",
  "permission-boundary": "boundary",
  "session-policy": "session",
  "role-trust-policy": "trust",
  "s3-bucket-policy": "resource",
  "sqs-queue-policy": "resource",
  "sns-topic-policy": "resource",
  "secrets-manager-policy": "resource",
  "glacier-vault-lock": "vault-lock",
  "kms-key-policy": "key",
  scp: "scp",
  rcp: "rcp",
};

/** Which part of the slot each kind needs: a principal, a resource, or an organization level. */
export function slotTarget(kind: TPolicyChallengeKind): "principal" | "resource" | "organization" {
  if (kind === "identity-policy" || kind === "permission-boundary" || kind === "session-policy") return "principal";
  if (kind === "scp" || kind === "rcp") return "organization";
  return "resource";
}

export function isPolicyChallengeKind(kind: string): kind is TPolicyChallengeKind {
  return Object.prototype.hasOwnProperty.call(POLICY_KIND_OF, kind);
}

function accountOf(arnOrId: string | undefined): string | undefined {
  if (!arnOrId) return undefined;
  if (/^\d{12}$/.test(arnOrId)) return arnOrId;
  const seg = arnOrId.split(":")[4];
  return seg && /^\d{12}$/.test(seg) ? seg : undefined;
}

/** `arn:aws:sts::A:assumed-role/R/S` -> `A|R` */
function sessionRoleKey(arn: string): string | undefined {
  const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return m ? `${m[1]}|${m[2]}` : undefined;
}

/** `arn:aws:iam::A:role/path/R` -> `A|R` */
function roleKey(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}|${m[2]}` : undefined;
}

interface TResolvedPrincipal {
  arn: string;
  account?: string;
  /** the world entry named or matched by ARN */
  entry?: TWorldPrincipal;
  /** for a session: the world entry of its role */
  roleEntry?: TWorldPrincipal;
}

function resolvePrincipal(world: TWorld, ref: string): TResolvedPrincipal {
  const named = world.principals[ref];
  const arn = named ? named.arn : ref;
  const entry = named ?? Object.values(world.principals).find((p) => p.arn === arn);
  const sk = sessionRoleKey(arn);
  const roleEntry = sk ? Object.values(world.principals).find((p) => roleKey(p.arn) === sk) : undefined;
  return { arn, account: entry?.account ?? accountOf(arn), entry, roleEntry };
}

function resolveResource(world: TWorld, ref: string): { arn: string; entry?: TWorldResource } {
  const named = world.resources[ref];
  if (named) return { arn: named.arn, entry: named };
  const slash = ref.indexOf("/");
  if (slash > 0 && !ref.startsWith("arn:")) {
    const base = world.resources[ref.slice(0, slash)];
    if (base) return { arn: `${base.arn}/${ref.slice(slash + 1)}`, entry: base };
  }
  const entry = Object.values(world.resources).find((r) => ref === r.arn || ref.startsWith(`${r.arn}/`));
  return { arn: ref, entry };
}

/**
 * Whether the student's policy is attached to this caller: the slot's principal (the entry itself or
 * a session of the slot's role), or one of `alsoAttachedTo` (the other members of a group, so a
 * policy written for `${aws:username}` is tested on more than one user).
 */
function isSlotPrincipal(world: TWorld, slot: TPolicySlot, p: TResolvedPrincipal): boolean {
  const names = [slot.principal, ...(slot.alsoAttachedTo ?? [])].filter((n): n is string => !!n);
  return names.some((name) => {
    const target = world.principals[name];
    if (!target) return false;
    if (p.entry === target || p.arn === target.arn) return true;
    return p.roleEntry === target;
  });
}

function mergeDocuments(a: TPolicyDocument, b: TPolicyDocument): TPolicyDocument {
  const list = (d: TPolicyDocument) => (Array.isArray(d.Statement) ? d.Statement : d.Statement ? [d.Statement] : []);
  return { Version: b.Version ?? a.Version ?? "2012-10-17", Statement: [...list(a), ...list(b)] };
}

/**
 * The request and the policies of one case. `student` is the compiled student policy, or its
 * document when the slot has to merge it with a policy already in place (a vault's access policy
 * next to its lock policy: both are resource policies of the same vault).
 */
export function buildCaseInput(
  kind: TPolicyChallengeKind,
  world: TWorld,
  slot: TPolicySlot,
  c: TPolicyCase,
  student: { compiled: TAnyPolicy; document: TPolicyDocument },
): { request: TRequest; policies: TPolicySet } {
  const principal = resolvePrincipal(world, c.request.principal);
  const resource = resolveResource(world, c.request.resource);
  const request: TRequest = { principal: principal.arn, action: c.request.action, resource: resource.arn };
  const principalAccount = c.request.principalAccount ?? principal.entry?.account;
  if (principalAccount) request.principalAccount = principalAccount;
  const resourceAccount = c.request.resourceAccount ?? resource.entry?.account;
  if (resourceAccount) request.resourceAccount = resourceAccount;
  if (c.request.context) request.context = c.request.context;
  const org = world.organization;
  if (org?.managementAccount) request.managementAccount = org.managementAccount;

  const owner =
    principal.entry?.identityPolicies || principal.entry?.permissionBoundary
      ? principal.entry
      : (principal.roleEntry ?? principal.entry);
  const policies: TPolicySet = {};
  const identity: TAnyPolicy[] = [...(owner?.identityPolicies ?? [])];
  let boundary: TAnyPolicy | undefined = owner?.permissionBoundary;
  let session: TAnyPolicy | undefined = principal.entry?.sessionPolicy;
  let resourcePolicy: TAnyPolicy | undefined = resource.entry?.policy;

  const target = slotTarget(kind);
  if (target === "principal" && isSlotPrincipal(world, slot, principal)) {
    if (kind === "identity-policy") identity.push(student.compiled);
    else if (kind === "permission-boundary") boundary = student.compiled;
    else session = student.compiled;
  }
  if (target === "resource" && slot.resource && resource.entry && resource.entry === world.resources[slot.resource]) {
    resourcePolicy =
      kind === "glacier-vault-lock" && resource.entry.policy
        ? mergeDocuments(resource.entry.policy, student.document)
        : student.compiled;
  }
  if (identity.length > 0) policies.identity = identity;
  if (boundary) policies.permissionBoundary = boundary;
  if (session) policies.session = session;
  if (resourcePolicy) policies.resource = resourcePolicy;

  if (org) {
    const governed = new Set(org.accounts ?? world.accounts.map((a) => a.id));
    const levels = (base: TPolicyDocument[][] | undefined, isStudent: boolean): TAnyPolicy[][] => {
      const out: TAnyPolicy[][] = (base ?? []).map((l) => [...l]);
      if (isStudent) {
        if (out.length === 0) out.push([]);
        const at = slot.level === undefined ? out.length - 1 : Math.min(Math.max(slot.level, 0), out.length - 1);
        out[at].push(student.compiled);
      }
      return out;
    };
    const pAccount = principalAccount ?? principal.account;
    if (pAccount && governed.has(pAccount)) {
      const scp = levels(org.scp, kind === "scp");
      if (scp.length > 0) policies.scp = scp;
    }
    const rAccount = resourceAccount ?? accountOf(resource.arn);
    if (rAccount && governed.has(rAccount)) {
      const rcp = levels(org.rcp, kind === "rcp");
      if (rcp.length > 0) policies.rcp = rcp;
    }
  }
  return { request, policies };
}
