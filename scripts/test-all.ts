// npm test: every check, in order, with one summary at the end. A failing stage does not stop the
// later ones (you see everything that is wrong at once), but any failure makes the exit code 1.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

type TStage = {
  name: string;
  cmd: string;
  args: string[];
  report?: "vitest" | "playwright";
  env?: Record<string, string>;
};

const OUT = "test-results";
mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);

const stages: TStage[] = [
  { name: "typecheck", cmd: "npm", args: ["run", "-s", "typecheck"] },
  { name: "lint (incl. import boundaries)", cmd: "npm", args: ["run", "-s", "lint"] },
  { name: "format", cmd: "npm", args: ["run", "-s", "format:check"] },
  {
    name: "unit",
    cmd: "npx",
    args: [
      "vitest",
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${OUT}/unit.json`,
    ],
    report: "vitest",
    env: { NODE_OPTIONS: "--no-node-snapshot" },
  },
  {
    name: "integration (real Postgres + Redis)",
    cmd: "npx",
    args: [
      "vitest",
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${OUT}/integration.json`,
    ],
    report: "vitest",
    env: { NODE_OPTIONS: "--no-node-snapshot" },
  },
  ...(existsSync("scripts/challenges-check.ts")
    ? [{ name: "challenges:check", cmd: "npm", args: ["run", "-s", "challenges:check"] }]
    : []),
  { name: "build", cmd: "npx", args: ["next", "build"], env: { NEXT_TELEMETRY_DISABLED: "1" } },
  {
    name: "e2e (Playwright, Chromium, real worker)",
    cmd: "npx",
    args: ["playwright", "test"],
    report: "playwright",
    env: { CI: "true" },
  },
];

let passed = 0;
let failed = 0;
const results: { name: string; ok: boolean; seconds: number; counts?: string }[] = [];

function countVitest(file: string) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests };
}
function countPlaywright(file: string) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
}

for (const stage of stages) {
  if (only.length && !only.some((o) => stage.name.startsWith(o))) continue;
  console.log(`\n=== ${stage.name} ===`);
  const reportFile =
    stage.report === "vitest"
      ? stage.args.find((a) => a.startsWith("--outputFile.json="))?.split("=")[1]
      : stage.report === "playwright"
        ? `${OUT}/e2e.json`
        : undefined;
  if (reportFile) rmSync(reportFile, { force: true });
  const start = Date.now();
  const r = spawnSync(stage.cmd, stage.args, { stdio: "inherit", env: { ...process.env, ...stage.env } });
  const ok = r.status === 0;
  const counts = reportFile
    ? stage.report === "vitest"
      ? countVitest(reportFile)
      : countPlaywright(reportFile)
    : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    if (!ok && counts.failed === 0) failed += 1; // the runner itself failed
  } else {
    if (ok) passed += 1;
    else failed += 1;
  }
  results.push({
    name: stage.name,
    ok,
    seconds: (Date.now() - start) / 1000,
    counts: counts ? `${counts.passed} passed, ${counts.failed} failed` : undefined,
  });
}

console.log("\n=== summary ===");
for (const r of results)
  console.log(
    `${r.ok ? "ok  " : "FAIL"}  ${r.name.padEnd(42)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.counts ?? ""}`,
  );
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
