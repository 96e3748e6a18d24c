import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { syncChallenges } from "@/server/challenges/sync-challenges";

const FIX = join(import.meta.dirname, "..", "fixtures", "challenges");
const ALPHA = "86bb1528-2660-4e15-8538-06c4c406f0bb";
const BETA = "9b832230-7c11-4c39-8387-c84b105bc574";

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bastion-sync-"));
  cpSync(join(FIX, "valid"), dir, { recursive: true });
  // this suite owns the Challenge table of the test database
  await db().challenge.deleteMany({});
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const counts = async () => ({
  challenges: await db().challenge.count(),
  versions: await db().challengeVersion.count(),
});

describe("syncChallenges", () => {
  it("creates every challenge with one version, and a second run creates nothing", async () => {
    const first = await syncChallenges({ dir });
    expect(first.created.sort()).toEqual(["alpha-identity", "beta-scp"]);
    expect(first.newVersions.sort()).toEqual(["alpha-identity", "beta-scp"]);
    expect(first.skipped).toEqual([]);
    const alpha = await db().challenge.findUniqueOrThrow({ where: { id: ALPHA }, include: { currentVersion: true } });
    expect(alpha).toMatchObject({
      slug: "alpha-identity",
      kind: "identity-policy",
      difficulty: 1,
      points: 50,
      domain: "Identity and Access Management",
      tags: ["iam", "mfa"],
      retiredAt: null,
    });
    expect(alpha.currentVersion!.spec).toMatchObject({ uuid: ALPHA, slug: "alpha-identity" });
    expect(JSON.stringify(alpha.currentVersion!.spec)).not.toContain("solution");
    expect(alpha.syncIssues).toMatchObject({ warnings: expect.arrayContaining([expect.stringMatching(/at least 6/)]) });

    const before = await counts();
    const second = await syncChallenges({ dir });
    expect(second.created).toEqual([]);
    expect(second.newVersions).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged.sort()).toEqual(["alpha-identity", "beta-scp"]);
    expect(await counts()).toEqual(before);
  });

  it("a renamed and edited folder keeps its uuid and its history; old submissions still resolve", async () => {
    const v1 = await db().challenge.findUniqueOrThrow({ where: { id: ALPHA }, select: { currentVersionId: true } });
    const user = await db().user.create({
      data: { email: `sync-${Date.now()}@example.com`, name: "S", displayName: "S", passwordHash: "x" },
    });
    const sub = await db().submission.create({
      data: { userId: user.id, challengeId: ALPHA, challengeVersionId: v1.currentVersionId!, answer: "{}" },
    });

    renameSync(join(dir, "alpha-identity"), join(dir, "alpha-renamed"));
    appendFileSync(join(dir, "alpha-renamed", "prompt.md"), "\nNow with more words.\n");
    const s = await syncChallenges({ dir });
    expect(s.created).toEqual([]);
    expect(s.retired).toEqual([]);
    expect(s.newVersions).toEqual(["alpha-renamed"]);
    expect(s.updated).toEqual(["alpha-renamed"]);

    const row = await db().challenge.findUniqueOrThrow({ where: { id: ALPHA }, include: { versions: true } });
    expect(row.slug).toBe("alpha-renamed");
    expect(row.versions).toHaveLength(2);
    expect(row.currentVersionId).not.toBe(v1.currentVersionId);
    const old = await db().submission.findUniqueOrThrow({
      where: { id: sub.id },
      include: { challengeVersion: true, challenge: true },
    });
    expect(old.challengeVersion.id).toBe(v1.currentVersionId);
    expect(old.challenge.slug).toBe("alpha-renamed");
    expect(old.challengeVersion.spec).toMatchObject({ slug: "alpha-identity" });
  });

  it("a removed folder is retired (history kept) and comes back when the folder does", async () => {
    const moved = join(tmpdir(), `bastion-sync-away-${Date.now()}`);
    renameSync(join(dir, "beta-scp"), moved);
    const s = await syncChallenges({ dir });
    expect(s.retired).toEqual(["beta-scp"]);
    const retired = await db().challenge.findUniqueOrThrow({ where: { id: BETA }, include: { versions: true } });
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.versions).toHaveLength(1);
    expect(retired.currentVersionId).not.toBeNull();

    renameSync(moved, join(dir, "beta-scp"));
    const back = await syncChallenges({ dir });
    expect(back.unretired).toEqual(["beta-scp"]);
    expect(back.newVersions).toEqual([]);
    expect((await db().challenge.findUniqueOrThrow({ where: { id: BETA } })).retiredAt).toBeNull();
  });

  it("a broken challenge is reported and skipped, keeps its last good version, and the others sync", async () => {
    cpSync(join(FIX, "broken", "bad-yaml"), join(dir, "bad-yaml"), { recursive: true });
    const betaBefore = await db().challenge.findUniqueOrThrow({ where: { id: BETA } });
    // break beta (already synced) and change alpha
    writeFileSync(join(dir, "beta-scp", "cases.yaml"), "cases: not-a-list\n");
    appendFileSync(join(dir, "alpha-renamed", "explanation.md"), "\nMore.\n");
    const s = await syncChallenges({ dir });
    expect(s.skipped.map((x) => x.slug).sort()).toEqual(["bad-yaml", "beta-scp"]);
    expect(s.skipped.find((x) => x.slug === "beta-scp")!.errors.join("\n")).toMatch(/cases\.yaml/);
    expect(s.newVersions).toEqual(["alpha-renamed"]);
    expect(s.retired).toEqual([]);
    const beta = await db().challenge.findUniqueOrThrow({ where: { id: BETA } });
    expect(beta.retiredAt).toBeNull();
    expect(beta.currentVersionId).toBe(betaBefore.currentVersionId);
    expect(beta.syncIssues).toMatchObject({ errors: [expect.stringMatching(/cases\.yaml/)] });
    expect(await db().challenge.count({ where: { slug: "bad-yaml" } })).toBe(0);
  });

  it("a slug can move to another uuid in one sync (folder swap)", async () => {
    rmSync(join(dir, "bad-yaml"), { recursive: true });
    rmSync(join(dir, "beta-scp"), { recursive: true });
    cpSync(join(FIX, "valid", "beta-scp"), join(dir, "beta-scp"), { recursive: true });
    // alpha takes the name beta had, beta takes alpha's
    renameSync(join(dir, "alpha-renamed"), join(dir, "tmp"));
    renameSync(join(dir, "beta-scp"), join(dir, "alpha-renamed"));
    renameSync(join(dir, "tmp"), join(dir, "beta-scp"));
    const s = await syncChallenges({ dir });
    expect(s.skipped).toEqual([]);
    expect((await db().challenge.findUniqueOrThrow({ where: { id: ALPHA } })).slug).toBe("beta-scp");
    expect((await db().challenge.findUniqueOrThrow({ where: { id: BETA } })).slug).toBe("alpha-renamed");
  });
});
