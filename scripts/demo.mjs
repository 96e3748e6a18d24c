#!/usr/bin/env node
// npm run demo: the one command for a fresh clone. This bootstrap uses only Node's own modules:
// it installs dependencies when node_modules is missing or stale, then hands over to
// scripts/demo/launch.ts (TypeScript, run by tsx) for everything else.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (!((major === 20 && minor >= 19) || major >= 22)) {
  console.error(`Bastion needs Node.js 20.19 or newer (this is ${process.version}).`);
  process.exit(1);
}

// npm keeps node_modules/.package-lock.json in step with what it installed: older than
// package-lock.json (or missing) means dependencies changed since the last install.
const hidden = "node_modules/.package-lock.json";
const stale = !existsSync(hidden) || statSync("package-lock.json").mtimeMs > statSync(hidden).mtimeMs + 1000;
if (stale) {
  console.log(
    existsSync("node_modules") ? "dependencies changed: npm ci" : "installing dependencies: npm ci (about a minute)",
  );
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error("npm ci failed: see the output above");
    process.exit(r.status ?? 1);
  }
}

const child = spawn(
  process.execPath,
  ["--no-node-snapshot", "--import", "tsx", "scripts/demo/launch.ts", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
// The launcher handles Ctrl-C itself (it stops web, worker and the services it started). A signal
// sent to this process alone (not the terminal's whole group) is passed on to it.
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
