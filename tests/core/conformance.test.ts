// Walks tests/core/cases/<topic>/*.json: each file is a list of cases taken from an AWS page.
// The runner is typed and strict: an unknown field anywhere in a case fails the suite, so a typo
// cannot silently turn into an untested case.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, type TDecision, type TLayer, type TPolicySet, type TRequest } from "../../core/index";

interface TCase {
  name: string;
  source: string;
  request: TRequest;
  policies: TPolicySet;
  decision: TDecision;
  layer: TLayer;
}

const CASE_KEYS = ["name", "source", "request", "policies", "decision", "layer"];
const REQUEST_KEYS = [
  "principal",
  "principalAccount",
  "action",
  "resource",
  "resourceAccount",
  "context",
  "managementAccount",
];
const POLICY_KEYS = ["identity", "resource", "permissionBoundary", "session", "scp", "rcp"];
const DECISIONS = ["Allow", "ExplicitDeny", "ImplicitDeny"];
const LAYERS = ["scp", "rcp", "resource", "key-policy", "trust-policy", "identity", "boundary", "session", "default"];

function fields(v: unknown, allowed: string[], where: string): void {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`${where}: expected an object`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new Error(`${where}: unknown field \`${k}\``);
}

function readCase(raw: unknown, where: string): TCase {
  fields(raw, CASE_KEYS, where);
  const c = raw as TCase;
  for (const k of CASE_KEYS) if (!(k in c)) throw new Error(`${where}: missing \`${k}\``);
  fields(c.request, REQUEST_KEYS, `${where}.request`);
  fields(c.policies, POLICY_KEYS, `${where}.policies`);
  if (!DECISIONS.includes(c.decision)) throw new Error(`${where}: bad decision \`${c.decision}\``);
  if (!LAYERS.includes(c.layer)) throw new Error(`${where}: bad layer \`${c.layer}\``);
  if (!/^https:\/\/docs\.aws\.amazon\.com\//.test(c.source))
    throw new Error(`${where}: source must be an AWS documentation url`);
  return c;
}

export function loadCorpus(): { topic: string; file: string; cases: TCase[] }[] {
  const root = join(__dirname, "cases");
  const out: { topic: string; file: string; cases: TCase[] }[] = [];
  for (const topic of readdirSync(root).sort()) {
    for (const file of readdirSync(join(root, topic))
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const raw: unknown = JSON.parse(readFileSync(join(root, topic, file), "utf8"));
      if (!Array.isArray(raw)) throw new Error(`${topic}/${file}: expected a list of cases`);
      out.push({ topic, file, cases: raw.map((c, i) => readCase(c, `${topic}/${file}[${i}]`)) });
    }
  }
  return out;
}

const corpus = loadCorpus();

describe("conformance corpus", () => {
  it("has at least 300 cases with unique names per topic", () => {
    const all = corpus.flatMap((f) => f.cases.map((c) => `${f.topic}/${c.name}`));
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all).size).toBe(all.length);
  });
  for (const f of corpus) {
    describe(`${f.topic}/${f.file}`, () => {
      for (const c of f.cases) {
        it(c.name, () => {
          const fast = evaluate({ request: c.request, policies: c.policies });
          const full = evaluate({ request: c.request, policies: c.policies }, { explain: true });
          expect({ decision: full.decision, layer: full.explain?.decidingLayer }).toEqual({
            decision: c.decision,
            layer: c.layer,
          });
          expect(fast.decision).toBe(full.decision);
        });
      }
    });
  }
});
