// Fuzz: hostile challenge folders into the loader (broken YAML, wrong types, huge files, deep
// nesting, unicode names, missing files, path traversal in mutant file names, symlinks). The loader
// must answer with diagnostics: never a throw, never a hang, never a spec next to an error, never a
// byte from outside the folder.
import fc from "fast-check";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import {
  CHALLENGE_FILES,
  loadAllChallenges,
  loadChallenge,
  MAX_CHALLENGE_FILE_BYTES,
  peekUuid,
  type TLoadedChallenge,
} from "../../server/challenges/load-challenge";
import { ZChallengeSpec } from "../../server/challenges/schema";

const ROOT = join(import.meta.dirname, "..", "..");
const BASES = [
  join(ROOT, "tests", "fixtures", "challenges", "valid", "alpha-identity"), // policy kind, .json answers
  join(ROOT, "tests", "fixtures", "pipeline", "cognito-presignup-domain-allowlist"), // trigger kind, .js answers
];
/** Written next to (outside) every fuzzed folder: no loaded text may ever contain it. */
const OUTSIDE = "OUTSIDE-THE-FOLDER-9d41";

const scratch = mkdtempSync(join(tmpdir(), "bastion-loader-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
/** A fresh root holding one copy of a base fixture under `name`, plus bait files outside it. */
function freshFolder(base: string, name: string): { root: string; dir: string } {
  const root = join(scratch, `r${counter++}`);
  mkdirSync(root);
  writeFileSync(join(root, "secret.json"), `{"Marker":"${OUTSIDE}"}`);
  writeFileSync(join(root, "secret.js"), `// ${OUTSIDE}`);
  const dir = join(root, name);
  cpSync(base, dir, { recursive: true });
  return { root, dir };
}

let tried = 0;

/** What every loader answer must satisfy, whatever went in. */
function checkResult(r: TLoadedChallenge, name: string) {
  expect(r.slug).toBe(name);
  expect(Array.isArray(r.errors) && Array.isArray(r.warnings)).toBe(true);
  for (const m of [...r.errors, ...r.warnings]) {
    expect(typeof m).toBe("string");
    expect(m.length).toBeGreaterThan(0);
  }
  // A flood of schema issues is summarised, not listed one by one.
  expect(r.errors.length).toBeLessThan(300);
  if (r.errors.length > 0) {
    expect(r.spec).toBeUndefined();
    expect(r.assets).toBeUndefined();
  } else if (r.spec) {
    // Whatever loads is a spec the grader and the pages accept as is.
    expect(ZChallengeSpec.safeParse(r.spec).success).toBe(true);
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(JSON.stringify(r)).not.toContain(OUTSIDE);
}

// ---------- arbitraries ----------

const unicodeText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom(
    "\u202e\u0000\ud800",
    "𝕬𝖜𝖘 ☁️ 🔐",
    "Ω≈ç√∫˜µ≤≥÷",
    "\u0000",
    "\ufeff",
    "ﷺ",
    "a\u0301\u0301\u0301",
    "\r\n\r\n",
    "${aws:username}",
  ),
);

/** Deeply nested JSON-ish values (YAML is a JSON superset). */
const deepValue = fc
  .integer({ min: 50, max: 3_000 })
  .chain((depth) =>
    fc.constantFrom(
      "[".repeat(depth) + "]".repeat(depth),
      "[".repeat(depth),
      "{a: ".repeat(depth) + "1" + "}".repeat(depth),
      Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- `).join("\n") + "x",
      Array.from({ length: Math.min(depth, 500) }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1",
    ),
  );

const yamlBomb = fc.constant(
  ["a: &a [x,x,x,x,x,x,x,x,x]"]
    .concat("bcdefg".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefg"[i]}`).join(",")}]`))
    .join("\n"),
);

/** Random replacement content for a YAML file. */
function yamlContent(original: string): fc.Arbitrary<string> {
  const doc = parseYaml(original) as unknown;
  const paths = collectPaths(doc);
  return fc.oneof(
    // a field of the real file set to a wrong type (or removed)
    fc
      .tuple(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          unicodeText,
          fc.constantFrom(
            null,
            "",
            -1,
            0,
            1e308,
            2 ** 53 + 1,
            true,
            [],
            {},
            "x".repeat(10_000),
            undefined,
            "------------------------------------", // uuid-shaped for a loose check, not for Postgres
            "0123456789abcdef0123456789abcdef0123",
          ),
        ),
      )
      .map(([path, value]) => stringifyYaml(setAt(structuredClone(doc), path, value))),
    // the real file, cut short or with garbage spliced in
    fc.nat({ max: original.length }).map((n) => original.slice(0, n)),
    fc
      .tuple(fc.nat({ max: original.length }), unicodeText)
      .map(([n, junk]) => original.slice(0, n) + junk + original.slice(n)),
    // anything at all
    fc.jsonValue({ maxDepth: 6 }).map((v) => stringifyYaml(v)),
    unicodeText,
    deepValue,
    yamlBomb,
    fc.constantFrom("", "---\n---\n", "%YAML 9.9\n---\n", "!!binary AAAA", "? [a]\n: b", "a: 1\na: 2", "\t- tab"),
  );
}

type TPath = (string | number)[];
function collectPaths(v: unknown, at: TPath = [], out: TPath[] = [[]]): TPath[] {
  const children: [string | number, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : v && typeof v === "object"
      ? Object.entries(v)
      : [];
  for (const [k, x] of children) {
    out.push([...at, k]);
    collectPaths(x, [...at, k], out);
  }
  return out;
}
function setAt(doc: unknown, path: TPath, value: unknown): unknown {
  if (path.length === 0) return value;
  let cur = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return doc;
}

/** Mutant file names an author (or an attacker with a pull request) could write. */
const hostileFileName = fc.oneof(
  fc.constantFrom(
    "../secret.json",
    "../secret.js",
    "../../secret.json",
    "../../../../../../etc/passwd",
    "/etc/passwd",
    "..\\secret.json",
    "..%2fsecret.json",
    "mutants.yaml",
    "./x.json",
    ".json",
    "x.json\u0000.js",
    "CON.json",
    "ünïcødé.json",
    "a/../../secret.json",
    `${"a".repeat(300)}.json`,
  ),
  unicodeText.map((s) => `${s}.json`),
);

type TFileOp =
  | { op: "keep" }
  | { op: "delete" }
  | { op: "write"; text: string }
  | { op: "huge" }
  | { op: "directory" }
  | { op: "symlink-outside" }
  | { op: "symlink-device" };

function fileOp(content: fc.Arbitrary<string>): fc.Arbitrary<TFileOp> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ op: "keep" } as TFileOp) },
    { weight: 1, arbitrary: fc.constant({ op: "delete" } as TFileOp) },
    { weight: 4, arbitrary: content.map((text) => ({ op: "write", text }) as TFileOp) },
    { weight: 1, arbitrary: fc.constant({ op: "huge" } as TFileOp) },
    { weight: 1, arbitrary: fc.constant({ op: "directory" } as TFileOp) },
    { weight: 1, arbitrary: fc.constant({ op: "symlink-outside" } as TFileOp) },
    { weight: 1, arbitrary: fc.constant({ op: "symlink-device" } as TFileOp) },
  );
}

function applyOp(dir: string, rel: string, op: TFileOp) {
  const p = join(dir, rel);
  if (op.op === "keep") return;
  rmSync(p, { recursive: true, force: true });
  if (op.op === "write") writeFileSync(p, op.text);
  else if (op.op === "huge") writeFileSync(p, `# ${"x".repeat(MAX_CHALLENGE_FILE_BYTES + 1)}\n`);
  else if (op.op === "directory") mkdirSync(p, { recursive: true });
  else if (op.op === "symlink-outside") symlinkSync(join(dir, "..", "secret.json"), p);
  else if (op.op === "symlink-device") symlinkSync("/dev/zero", p); // endless: reading it would never finish
}

const folderName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("alpha-identity", "cognito-presignup-domain-allowlist", "x") },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
      .filter((s) => !/[/\0]/.test(s) && s !== "." && s !== ".." && Buffer.byteLength(s) < 200),
  },
  { weight: 1, arbitrary: fc.constantFrom("Ünïcødé-😀", "UPPER", "a--b", "-lead", "sp ace", "\u202eevil", "..x") },
);

function folderArbitrary(base: string) {
  const ext = base.endsWith("allowlist") ? "js" : "json";
  const read = (rel: string) => readFileSync(join(base, rel), "utf8");
  const textOrJunk = (rel: string) =>
    fc.oneof(
      unicodeText,
      fc.nat({ max: 2000 }).map((n) => read(rel).slice(0, n)),
      deepValue,
    );
  return fc.record({
    name: folderName,
    yaml: fileOp(yamlContent(read(CHALLENGE_FILES.yaml))),
    cases: fileOp(yamlContent(read(CHALLENGE_FILES.cases))),
    mutantsYaml: fileOp(
      fc.oneof(
        yamlContent(read(CHALLENGE_FILES.mutants)),
        fc
          .array(
            fc.record({
              file: hostileFileName,
              misconception: fc.oneof(fc.constantFrom("no-mfa", "too-broad"), unicodeText),
              mustFail: fc.array(fc.oneof(fc.constantFrom("read-without-mfa"), unicodeText), { maxLength: 3 }),
            }),
            { minLength: 1, maxLength: 4 },
          )
          .map((mutants) => stringifyYaml({ mutants })),
      ),
    ),
    prompt: fileOp(textOrJunk(CHALLENGE_FILES.prompt)),
    explanation: fileOp(textOrJunk(CHALLENGE_FILES.explanation)),
    starter: fileOp(textOrJunk(`starter.${ext}`)),
    solution: fileOp(textOrJunk(`solution.${ext}`)),
    mutantsDir: fc.constantFrom("keep", "keep", "keep", "delete", "file") as fc.Arbitrary<"keep" | "delete" | "file">,
    wrongKindAnswer: fc.boolean(),
  });
}

describe("challenge loader fuzz", () => {
  for (const base of BASES) {
    it(`random damage to ${base.split("/").pop()}: diagnostics, never a throw, never a byte from outside`, () => {
      fc.assert(
        fc.property(folderArbitrary(base), (f) => {
          tried++;
          const { root, dir } = freshFolder(base, f.name);
          const ext = base.endsWith("allowlist") ? "js" : "json";
          applyOp(dir, CHALLENGE_FILES.yaml, f.yaml);
          applyOp(dir, CHALLENGE_FILES.cases, f.cases);
          applyOp(dir, CHALLENGE_FILES.prompt, f.prompt);
          applyOp(dir, CHALLENGE_FILES.explanation, f.explanation);
          applyOp(dir, `starter.${ext}`, f.starter);
          applyOp(dir, `solution.${ext}`, f.solution);
          if (f.mutantsDir === "keep") applyOp(dir, CHALLENGE_FILES.mutants, f.mutantsYaml);
          else {
            rmSync(join(dir, "mutants"), { recursive: true, force: true });
            if (f.mutantsDir === "file") writeFileSync(join(dir, "mutants"), "not a folder");
          }
          if (f.wrongKindAnswer) writeFileSync(join(dir, `solution.${ext === "js" ? "json" : "js"}`), "{}");
          checkResult(loadChallenge(dir), f.name);
          // what sync uses to keep a broken folder's last good version: a real UUID or nothing
          const peeked = peekUuid(dir);
          if (peeked !== undefined)
            expect(peeked).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          // The whole-catalogue loader too, with a dangling and a looping symlink beside the folder.
          symlinkSync(join(root, "nowhere"), join(root, "dangling"));
          symlinkSync(join(root, "loop"), join(root, "loop"));
          const all = loadAllChallenges(root);
          // hidden folders (a leading dot) are skipped by design
          expect(all.map((x) => x.slug)).toEqual(f.name.startsWith(".") ? [] : [f.name]);
          if (all[0]) checkResult(all[0], f.name);
          rmSync(root, { recursive: true, force: true });
        }),
        { numRuns: 150 },
      );
    }, 120_000);
  }

  it("a mutant named with a path outside mutants/ is refused by name and never read", () => {
    for (const file of ["../secret.json", "../../secret.json", "/etc/passwd", "a/../../secret.json", "..\\x.json"]) {
      tried++;
      const { dir } = freshFolder(BASES[0], "alpha-identity");
      writeFileSync(
        join(dir, CHALLENGE_FILES.mutants),
        stringifyYaml({ mutants: [{ file, misconception: "no-mfa", mustFail: ["read-without-mfa"] }] }),
      );
      const r = loadChallenge(dir);
      checkResult(r, "alpha-identity");
      expect(r.errors).toContain(
        "mutants/mutants.yaml: `mutants.0.file`: a file name in mutants/, e.g. `allow-http.json`",
      );
    }
  });

  it("a file that is a symbolic link (outside the folder, or to an endless device) is refused unread", () => {
    for (const [rel, target] of [
      ["starter.json", "../secret.json"],
      [CHALLENGE_FILES.prompt, "/dev/zero"],
      [CHALLENGE_FILES.yaml, "/dev/zero"],
      ["mutants/no-mfa.json", "../../secret.json"],
    ]) {
      tried++;
      const { dir } = freshFolder(BASES[0], "alpha-identity");
      rmSync(join(dir, rel));
      symlinkSync(target, join(dir, rel));
      const r = loadChallenge(dir);
      checkResult(r, "alpha-identity");
      expect(r.errors).toContain(`${rel}: not a regular file (a symbolic link); challenge files must be plain files`);
    }
  });

  it("a broken folder's uuid is only peeked when it is a real UUID (sync writes it to a uuid column)", () => {
    for (const uuid of ["------------------------------------", "0123456789abcdef0123456789abcdef0123"]) {
      tried++;
      const { dir } = freshFolder(BASES[0], "alpha-identity");
      const yaml = readFileSync(join(dir, CHALLENGE_FILES.yaml), "utf8");
      writeFileSync(join(dir, CHALLENGE_FILES.yaml), yaml.replace(/^uuid: .*$/m, `uuid: "${uuid}"`));
      checkResult(loadChallenge(dir), "alpha-identity");
      expect(peekUuid(dir)).toBeUndefined();
    }
    expect(peekUuid(BASES[0])).toBe("86bb1528-2660-4e15-8538-06c4c406f0bb");
  });

  it("every file over the size limit is refused unread, with its size in the message", () => {
    const ext = "json";
    for (const rel of [
      CHALLENGE_FILES.yaml,
      CHALLENGE_FILES.cases,
      CHALLENGE_FILES.prompt,
      CHALLENGE_FILES.explanation,
      CHALLENGE_FILES.mutants,
      `starter.${ext}`,
      `solution.${ext}`,
      "mutants/no-mfa.json",
    ]) {
      tried++;
      const { dir } = freshFolder(BASES[0], "alpha-identity");
      writeFileSync(join(dir, rel), "#".repeat(5 * 1024 * 1024));
      const r = loadChallenge(dir);
      checkResult(r, "alpha-identity");
      expect(r.errors).toContain(`${rel}: too large (5120 KB; a challenge file may be at most 256 KB)`);
    }
  });

  it("a file of 10,000 wrong cases gets a counted summary, not 10,000 lines", () => {
    tried++;
    const { dir } = freshFolder(BASES[0], "alpha-identity");
    writeFileSync(join(dir, CHALLENGE_FILES.cases), stringifyYaml({ cases: Array.from({ length: 10_000 }, () => 7) }));
    const r = loadChallenge(dir);
    checkResult(r, "alpha-identity");
    const fromCases = r.errors.filter((e) => e.startsWith("cases.yaml"));
    expect(fromCases).toHaveLength(21);
    expect(fromCases[20]).toBe("cases.yaml: … and 9980 more problem(s)");
  });

  it("deep nesting and alias bombs in every YAML file are reported as invalid YAML", () => {
    for (const rel of [CHALLENGE_FILES.yaml, CHALLENGE_FILES.cases, CHALLENGE_FILES.mutants]) {
      for (const text of [
        "[".repeat(100_000),
        "{a: ".repeat(50_000),
        Array.from({ length: 3_000 }, (_, i) => `${" ".repeat(i)}- `).join("\n"),
        fc.sample(yamlBomb, 1)[0],
      ]) {
        tried++;
        const { dir } = freshFolder(BASES[0], "alpha-identity");
        writeFileSync(join(dir, rel), text);
        const r = loadChallenge(dir);
        checkResult(r, "alpha-identity");
        expect(r.errors.some((e) => e.startsWith(`${rel}: `))).toBe(true);
      }
    }
  }, 60_000);

  it("the catalogue loader survives unicode folder names, stray files and broken symlinks", () => {
    tried++;
    const root = join(scratch, "catalogue");
    mkdirSync(root);
    for (const name of ["ünïcødé-😀", "alpha-identity", "\u202eevil", "UPPER"])
      cpSync(BASES[0], join(root, name), { recursive: true });
    writeFileSync(join(root, "README.md"), "not a folder");
    symlinkSync(join(root, "gone"), join(root, "dangling"));
    symlinkSync(join(root, "loop"), join(root, "loop"));
    const all = loadAllChallenges(root);
    expect(all.map((x) => x.slug).sort()).toEqual(
      readdirSync(root)
        .filter((n) => !["README.md", "dangling", "loop"].includes(n))
        .sort(),
    );
    const by = Object.fromEntries(all.map((x) => [x.slug, x]));
    // the copies share one uuid: every one of them is refused
    for (const x of all) expect(x.errors.some((e) => e.includes("is also used by"))).toBe(true);
    expect(by["ünïcødé-😀"].errors).toContain("folder name `ünïcødé-😀` is not a kebab-case slug");
  });

  afterAll(() => console.log(`challenge loader fuzz: ${tried} hostile folders tried`));
});
