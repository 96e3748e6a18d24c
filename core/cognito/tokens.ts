import { type TriggerEvent } from "./events";
import { finding, type TriggerFinding } from "./findings";

/**
 * Claims Cognito never lets pre token generation add, change or suppress (ID and access tokens).
 * Source: the Cognito developer guide, pre token generation page (archived V1 text) plus the
 * access-token-only names for V2.
 */
export const RESERVED_CLAIMS: readonly string[] = [
  "acr",
  "amr",
  "aud",
  "at_hash",
  "auth_time",
  "azp",
  "cognito:username",
  "exp",
  "iat",
  "identities",
  "iss",
  "jti",
  "nbf",
  "nonce",
  "origin_jti",
  "sub",
  "token_use",
];
/** Also fixed in access tokens (V2): scopes change only through scopesToAdd / scopesToSuppress. */
export const RESERVED_ACCESS_CLAIMS: readonly string[] = ["client_id", "username", "scope"];

/** The claims the tokens would carry after Cognito applied the handler's response. */
export interface EffectiveTokens {
  idToken: Record<string, unknown>;
  /** Access token claims; V1 responses cannot change them (except groups). */
  accessToken: Record<string, unknown>;
  /** `cognito:groups` after `groupOverrideDetails`; `null` when the claim is absent. */
  groups: string[] | null;
  scopes: string[];
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function baseTokens(event: TriggerEvent): EffectiveTokens {
  const attrs = (obj(event.request.userAttributes) ?? {}) as Record<string, string>;
  const groupCfg = obj(event.request.groupConfiguration);
  const groups = groupCfg ? strings(groupCfg.groupsToOverride) : [];
  const scopes = Array.isArray(event.request.scopes)
    ? strings(event.request.scopes)
    : ["aws.cognito.signin.user.admin"];
  const idToken: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "cognito:user_status") continue;
    // Tokens carry the verified flags as booleans, not the attribute strings.
    idToken[k] = k === "email_verified" || k === "phone_number_verified" ? v === "true" : v;
  }
  Object.assign(idToken, {
    "cognito:username": event.userName,
    aud: event.callerContext.clientId,
    iss: `https://cognito-idp.${event.region}.amazonaws.com/${event.userPoolId}`,
    token_use: "id",
  });
  const accessToken: Record<string, unknown> = {
    sub: attrs.sub,
    client_id: event.callerContext.clientId,
    username: event.userName,
    scope: scopes.join(" "),
    token_use: "access",
  };
  if (groups.length > 0) {
    idToken["cognito:groups"] = groups;
    accessToken["cognito:groups"] = groups;
  }
  return { idToken, accessToken, groups: groups.length > 0 ? groups : null, scopes };
}

interface Section {
  add: Record<string, unknown>;
  suppress: string[];
}

function applySection(claims: Record<string, unknown>, s: Section, reserved: readonly string[]): void {
  for (const [k, v] of Object.entries(s.add)) {
    if (reserved.includes(k) || k.startsWith("cognito:")) continue;
    claims[k] = v;
  }
  // Suppression wins over addition.
  for (const k of s.suppress) {
    if (reserved.includes(k)) continue;
    delete claims[k];
  }
}

function applyGroups(t: EffectiveTokens, g: Record<string, unknown>): void {
  const groups = strings(g.groupsToOverride);
  t.groups = groups.length > 0 ? groups : null;
  for (const claims of [t.idToken, t.accessToken]) {
    if (groups.length > 0) claims["cognito:groups"] = groups;
    else delete claims["cognito:groups"];
  }
}

/**
 * Computes the ID/access token claims Cognito would issue for a pre token generation event and the
 * handler's `response`. Follows the version of the REQUEST event: a V1 event reads only
 * `claimsOverrideDetails`, a V2 event only `claimsAndScopeOverrideDetails`.
 * INVARIANT: `event` is a built `TokenGeneration_*` event.
 */
export function applyTokenGeneration(event: TriggerEvent, response: unknown): EffectiveTokens {
  const t = baseTokens(event);
  const r = obj(response) ?? {};
  if (event.version === "1") {
    const d = obj(r.claimsOverrideDetails);
    if (!d) return t;
    applySection(
      t.idToken,
      { add: obj(d.claimsToAddOrOverride) ?? {}, suppress: strings(d.claimsToSuppress) },
      RESERVED_CLAIMS,
    );
    if ("groupOverrideDetails" in d) applyGroups(t, obj(d.groupOverrideDetails) ?? {});
    return t;
  }
  const d = obj(r.claimsAndScopeOverrideDetails);
  if (!d) return t;
  const id = obj(d.idTokenGeneration);
  if (id)
    applySection(
      t.idToken,
      { add: obj(id.claimsToAddOrOverride) ?? {}, suppress: strings(id.claimsToSuppress) },
      RESERVED_CLAIMS,
    );
  const ac = obj(d.accessTokenGeneration);
  if (ac) {
    applySection(t.accessToken, { add: obj(ac.claimsToAddOrOverride) ?? {}, suppress: strings(ac.claimsToSuppress) }, [
      ...RESERVED_CLAIMS,
      ...RESERVED_ACCESS_CLAIMS,
    ]);
    const toSuppress = strings(ac.scopesToSuppress);
    const scopes = [...t.scopes, ...strings(ac.scopesToAdd).filter((s) => !t.scopes.includes(s))].filter(
      (s) => !toSuppress.includes(s),
    );
    t.scopes = scopes;
    t.accessToken.scope = scopes.join(" ");
  }
  if ("groupOverrideDetails" in d) applyGroups(t, obj(d.groupOverrideDetails) ?? {});
  return t;
}

function checkSection(
  out: TriggerFinding[],
  section: unknown,
  base: string,
  reserved: readonly string[],
  stringsOnly: boolean,
): void {
  const s = obj(section);
  if (!s) return;
  const add = obj(s.claimsToAddOrOverride) ?? {};
  const suppress = strings(s.claimsToSuppress);
  if (s.claimsToSuppress !== undefined && s.claimsToSuppress !== null && !Array.isArray(s.claimsToSuppress)) {
    out.push(
      finding(
        "pretoken.suppress-not-array",
        "error",
        "`claimsToSuppress` must be an array of claim names",
        `${base}/claimsToSuppress`,
      ),
    );
  }
  for (const [k, v] of Object.entries(add)) {
    const p = `${base}/claimsToAddOrOverride/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (reserved.includes(k)) {
      out.push(
        finding(
          "pretoken.reserved-claim",
          "warning",
          `claim \`${k}\` is reserved: Cognito does not let a trigger add or change it`,
          p,
        ),
      );
    } else if (k.startsWith("cognito:")) {
      out.push(
        finding(
          "pretoken.cognito-prefix-claim",
          "warning",
          `claim \`${k}\` cannot be added: \`cognito:\` claims are Cognito's own (groups go through \`groupOverrideDetails\`)`,
          p,
        ),
      );
    }
    if (stringsOnly && typeof v !== "string") {
      out.push(
        finding(
          "pretoken.v1-claim-not-string",
          "error",
          `claim \`${k}\` must be a string in a V1 response (got ${v === null ? "null" : typeof v})`,
          p,
        ),
      );
    }
    if (suppress.includes(k)) {
      out.push(
        finding(
          "pretoken.suppress-wins",
          "warning",
          `claim \`${k}\` is both added and suppressed: Cognito suppresses it`,
          p,
        ),
      );
    }
  }
  for (const k of suppress) {
    if (reserved.includes(k)) {
      out.push(
        finding(
          "pretoken.reserved-claim",
          "warning",
          `claim \`${k}\` is reserved: Cognito does not let a trigger suppress it`,
          `${base}/claimsToSuppress`,
        ),
      );
    }
  }
}

function checkGroups(out: TriggerFinding[], details: Record<string, unknown>, base: string, event: TriggerEvent): void {
  if (!("groupOverrideDetails" in details)) return;
  const g = obj(details.groupOverrideDetails);
  const had = strings(obj(event.request.groupConfiguration)?.groupsToOverride).length > 0;
  if ((!g || strings(g.groupsToOverride).length === 0) && had) {
    out.push(
      finding(
        "pretoken.groups-removed",
        "warning",
        "`groupOverrideDetails` replaces the user's groups: an empty or null value removes `cognito:groups` (copy `request.groupConfiguration` to keep them)",
        `${base}/groupOverrideDetails`,
      ),
    );
  }
}

/** Pre token generation rules (V1 vs V2 fields, reserved claims, suppression, groups). */
export function checkTokenGenerationResponse(event: TriggerEvent, response: Record<string, unknown>): TriggerFinding[] {
  const out: TriggerFinding[] = [];
  if (event.version === "1") {
    if (response.claimsAndScopeOverrideDetails != null) {
      out.push(
        finding(
          "pretoken.v2-response-on-v1",
          "warning",
          "`claimsAndScopeOverrideDetails` is a V2 field: this trigger is configured as V1_0, so it is not applied (use `claimsOverrideDetails`)",
          "/response/claimsAndScopeOverrideDetails",
        ),
      );
    }
    const d = obj(response.claimsOverrideDetails);
    if (d) {
      checkSection(out, d, "/response/claimsOverrideDetails", RESERVED_CLAIMS, true);
      checkGroups(out, d, "/response/claimsOverrideDetails", event);
    }
    return out;
  }
  if (response.claimsOverrideDetails != null) {
    out.push(
      finding(
        "pretoken.v1-response-on-v2",
        "warning",
        "`claimsOverrideDetails` is the V1 field: this trigger is configured as V2_0, so it is not applied (use `claimsAndScopeOverrideDetails`)",
        "/response/claimsOverrideDetails",
      ),
    );
  }
  const d = obj(response.claimsAndScopeOverrideDetails);
  if (d) {
    const base = "/response/claimsAndScopeOverrideDetails";
    checkSection(out, d.idTokenGeneration, `${base}/idTokenGeneration`, RESERVED_CLAIMS, false);
    checkSection(
      out,
      d.accessTokenGeneration,
      `${base}/accessTokenGeneration`,
      [...RESERVED_CLAIMS, ...RESERVED_ACCESS_CLAIMS],
      false,
    );
    const id = obj(d.idTokenGeneration);
    const add = obj(id?.claimsToAddOrOverride) ?? {};
    for (const k of ["email_verified", "phone_number_verified"]) {
      if (k in add && typeof add[k] !== "boolean" && add[k] !== "true" && add[k] !== "false") {
        out.push(
          finding(
            "pretoken.standard-claim-type",
            "warning",
            `claim \`${k}\` must keep its standard boolean type in the ID token`,
            `${base}/idTokenGeneration/claimsToAddOrOverride/${k}`,
          ),
        );
      }
    }
    checkGroups(out, d, base, event);
  }
  return out;
}
