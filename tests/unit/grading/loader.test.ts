import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkChallenges } from "../../../server/challenges/check-challenges";
import { challengeJsonSchemas } from "../../../server/challenges/json-schema";
import { loadAllChallenges, loadChallenge, toStudentSpec } from "../../../server/challenges/load-challenge";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const FIX = join(ROOT, "tests", "fixtures", "challenges");
const temps: string[] = [];
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), "bastion-challenges-"));
  temps.push(d);
  return d;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("loadChallenge", () => {
  it("loads a valid folder into a spec without solution or mutants, with a content hash", () => {
    const it = loadChallenge(join(FIX, "valid", "alpha-identity"));
    expect(it.errors).toEqual([]);
    expect(it.spec).toMatchObject({
      uuid: "86bb1528-2660-4e15-8538-06c4c406f0bb",
      slug: "alpha-identity",
      kind: "identity-policy",
      language: "json",
    });
    expect(it.spec!.constraints).toEqual({
      sizeLimit: true,
      noWildcardAction: true,
      noNotAction: false,
      maxStatements: 2,
    });
    expect(it.spec!.cases[0]).toMatchObject({ visibility: "visible", points: 1 });
    expect(it.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(it.spec);
    expect(stored).not.toContain('DeleteObject"], "Resource'); // mutant text
    expect(Object.keys(it.spec!)).not.toContain("solution");
    expect(it.assets!.mutants).toHaveLength(2);
  });

  it("reports invalid YAML, missing files and unknown keys per folder, without throwing", () => {
    const items = loadAllChallenges(join(FIX, "broken"));
    const by = Object.fromEntries(items.map((i) => [i.slug, i]));
    expect(by["bad-yaml"].spec).toBeUndefined();
    expect(by["bad-yaml"].errors[0]).toMatch(/^challenge\.yaml: invalid YAML: .*line 4, column 1$/);
    expect(by["missing-files"].errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^solution\.json: missing/),
        expect.stringMatching(/^cases\.yaml: missing/),
        expect.stringMatching(/^explanation\.md: missing/),
        expect.stringMatching(/^mutants\/: missing/),
      ]),
    );
    expect(by["unknown-key"].errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Unrecognized key: "colour"'),
        expect.stringMatching(/`difficulty`/),
        expect.stringMatching(/`domain`/),
      ]),
    );
  });

  it("a duplicate uuid is an error on both folders and neither loads; the others still do", () => {
    const d = temp();
    cpSync(join(FIX, "valid", "alpha-identity"), join(d, "first"), { recursive: true });
    cpSync(join(FIX, "valid", "alpha-identity"), join(d, "second"), { recursive: true });
    cpSync(join(FIX, "valid", "beta-scp"), join(d, "beta-scp"), { recursive: true });
    const items = loadAllChallenges(d);
    const by = Object.fromEntries(items.map((i) => [i.slug, i]));
    for (const s of ["first", "second"]) {
      expect(by[s].spec).toBeUndefined();
      expect(by[s].errors.join("\n")).toMatch(/uuid `86bb1528-.*` is also used by/);
    }
    expect(by["beta-scp"].spec).toBeDefined();
  });

  it("cross-file references: undeclared misconceptions, unknown case ids and world names are errors", () => {
    const d = temp();
    const dir = join(d, "alpha-identity");
    cpSync(join(FIX, "valid", "alpha-identity"), dir, { recursive: true });
    const cases = readFileSync(join(dir, "cases.yaml"), "utf8")
      .replace("misconception: no-mfa", "misconception: nope")
      .replace("principal: dev, action: s3:GetObject", "principal: ghost, action: s3:GetObject");
    writeFileSync(join(dir, "cases.yaml"), cases);
    writeFileSync(
      join(dir, "mutants", "mutants.yaml"),
      "mutants:\n  - { file: no-mfa.json, misconception: no-mfa, mustFail: [no-such-case] }\n  - { file: absent.json, misconception: no-mfa, mustFail: [read-with-mfa] }\n",
    );
    const it = loadChallenge(dir);
    const text = it.errors.join("\n");
    expect(text).toMatch(/misconception `nope` is not declared/);
    expect(text).toMatch(/`ghost` is neither a principal of the world/);
    expect(text).toMatch(/`no-such-case`, which is not a case id/);
    expect(text).toMatch(/mutants\/absent\.json: missing/);
  });

  it("the content hash changes with the content, not with the folder name", () => {
    const d = temp();
    cpSync(join(FIX, "valid", "alpha-identity"), join(d, "a"), { recursive: true });
    cpSync(join(FIX, "valid", "alpha-identity"), join(d, "b"), { recursive: true });
    const [a, b] = [loadChallenge(join(d, "a")), loadChallenge(join(d, "b"))];
    expect(a.contentHash).toBe(b.contentHash);
    writeFileSync(join(d, "b", "prompt.md"), "changed");
    expect(loadChallenge(join(d, "b")).contentHash).not.toBe(a.contentHash);
  });
});

describe("toStudentSpec", () => {
  it("drops hidden cases (count and points only), instructor notes, and the explanation until solved", () => {
    const spec = loadChallenge(join(FIX, "valid", "alpha-identity")).spec!;
    const view = toStudentSpec(spec, { isSolved: false });
    const text = JSON.stringify(view);
    expect(text).not.toContain("HIDDEN-MARKER-7f1c");
    expect(text).not.toContain("INSTRUCTOR-ONLY-NOTE-3b2a");
    expect(view.explanation).toBeUndefined();
    expect(view.hiddenCases).toEqual({ count: 1, points: 2 });
    expect(view.cases).toHaveLength(2);
    expect(toStudentSpec(spec, { isSolved: true }).explanation).toBe(spec.explanation);
  });
});

describe("checkChallenges", () => {
  it("passes the valid fixtures and flags a mutant that passes its declared case and a starter that solves", async () => {
    const ok = await checkChallenges({ dir: join(FIX, "valid") });
    expect(ok.map((r) => [r.slug, r.errors])).toEqual([
      ["alpha-identity", []],
      ["beta-scp", []],
    ]);
    const d = temp();
    const dir = join(d, "alpha-identity");
    cpSync(join(FIX, "valid", "alpha-identity"), dir, { recursive: true });
    writeFileSync(join(dir, "mutants", "no-mfa.json"), readFileSync(join(dir, "solution.json")));
    writeFileSync(join(dir, "starter.json"), readFileSync(join(dir, "solution.json")));
    const [bad] = await checkChallenges({ dir: d });
    expect(bad.errors.join("\n")).toMatch(/mutants\/no-mfa\.json: must fail `read-without-mfa` but passes/);
    expect(bad.errors.join("\n")).toMatch(/starter: scores 1/);
  });
});

describe("challenges/*.schema.json", () => {
  it("are up to date with server/challenges/schema.ts (run `npx tsx scripts/gen-challenge-schema.ts`)", () => {
    for (const [name, text] of Object.entries(challengeJsonSchemas())) {
      expect(readFileSync(join(ROOT, "challenges", name), "utf8"), `challenges/${name} is stale`).toBe(text);
    }
  });
});
