// npm run challenges:check [-- <dir>] [--json]: validates every challenge folder, grades solutions,
// mutants and starters; prints errors and warnings per challenge; exits 1 on any error.
import { join, resolve } from "node:path";
import { checkChallenges } from "../server/challenges/check-challenges";
import { SandboxPool } from "../worker/grader";

async function main(argv: string[]): Promise<number> {
  const dirArg = argv.find((a) => !a.startsWith("--"));
  const dir = resolve(dirArg ?? join(import.meta.dirname, "..", "challenges"));
  const started = Date.now();
  // Solutions, mutants and starters run in the same sandbox as students' submissions.
  const pool = new SandboxPool(1);
  const results = await checkChallenges({ dir, runTrigger: pool.runTrigger() }).finally(() => pool.close());
  if (argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) {
      const status = r.errors.length > 0 ? "FAIL" : "ok  ";
      const s = r.stats
        ? `  ${r.kind}, d${r.stats.difficulty}, ${r.stats.visible}+${r.stats.hidden} cases, ${r.stats.mutants} mutants`
        : "";
      console.log(`${status} ${r.slug}${s}`);
      for (const e of r.errors) console.log(`     error: ${e}`);
      for (const w of r.warnings) console.log(`     warning: ${w}`);
    }
  }
  const failed = results.filter((r) => r.errors.length > 0).length;
  const warned = results.reduce((n, r) => n + r.warnings.length, 0);
  console.log(
    `\n${results.length} challenge(s) checked in ${Date.now() - started} ms: ${results.length - failed} ok, ${failed} with errors, ${warned} warning(s)`,
  );
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
