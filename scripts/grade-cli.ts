// npm run --silent grade -- --challenge <slug> --answer <file> [--dir challenges] [--student]
// Prints the full GradeReport as JSON (with --student: the view a student gets). Trigger kinds run
// in the isolated-vm sandbox. Exit code: 0 graded, 2 usage or a challenge that does not load.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { grade, studentReport } from "../core/index";
import { loadChallenge } from "../server/challenges/load-challenge";
import { SandboxPool } from "../worker/grader";

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const slug = arg(argv, "--challenge");
  const answerPath = arg(argv, "--answer");
  if (!slug || !answerPath) {
    process.stderr.write(
      "usage: npm run --silent grade -- --challenge <slug> --answer <file> [--dir <challenges dir>] [--student]\n",
    );
    return 2;
  }
  const dir = resolve(arg(argv, "--dir") ?? join(import.meta.dirname, "..", "challenges"));
  const item = loadChallenge(join(dir, slug));
  if (!item.spec) {
    process.stderr.write(`challenge \`${slug}\` does not load:\n${item.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    return 2;
  }
  const answer = readFileSync(answerPath, "utf8");
  // The worker's own sandbox: student code in an isolated-vm child process.
  const pool = new SandboxPool(1);
  const report = await grade(item.spec, answer, { runTrigger: pool.runTrigger() }).finally(() => pool.close());
  process.stdout.write(`${JSON.stringify(argv.includes("--student") ? studentReport(report) : report, null, 2)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
