// The demo launcher (started by scripts/demo.mjs once dependencies are installed):
// services -> database -> migrations -> challenges -> demo accounts -> build if needed -> web + worker.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadEnv } from "../../server/env-file";
import { findPostgres, findRedis, portOpen, ServiceMissing, type TService } from "./services";
import { ensureDatabase, migrate } from "../db/migrate-lib";

const ROOT = process.cwd();
const DATA = resolve(ROOT, ".data");
const PORT = Number(process.env.PORT ?? 3000);
const checkOnly = process.argv.includes("--check-services");
const color = process.stdout.isTTY ? (c: number, s: string) => `\x1b[${c}m${s}\x1b[0m` : (_c: number, s: string) => s;
const say = (s: string) => console.log(`${color(36, "[demo]")} ${s}`);

function ensureDotEnv() {
  const path = join(ROOT, ".env");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const add: string[] = [];
  if (!/^NEXTAUTH_SECRET=.{32,}/m.test(text)) add.push(`NEXTAUTH_SECRET=${randomBytes(32).toString("hex")}`);
  if (!/^NEXTAUTH_URL=/m.test(text)) add.push(`NEXTAUTH_URL=http://localhost:${PORT}`);
  if (add.length) {
    appendFileSync(path, `${text && !text.endsWith("\n") ? "\n" : ""}# written by npm run demo\n${add.join("\n")}\n`);
    say(`wrote ${add.map((l) => l.split("=")[0]).join(" and ")} to .env`);
  }
}

/** A hash of everything the production build depends on. */
function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(tsx?|mts|css|json|mjs|js|md)$/.test(name)) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of ["app", "core", "server", "public"]) walk(join(ROOT, d));
  for (const f of ["next.config.ts", "postcss.config.mjs", "proxy.ts", "tsconfig.json", "package-lock.json"]) {
    if (existsSync(f)) h.update(f).update(readFileSync(f));
  }
  return h.digest("hex");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, what: string) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

function prefixed(name: string, c: number, child: ChildProcess) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.on("data", (d: Buffer) => {
      const lines = (rest + d.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) console.log(`${color(c, `[${name}]`)} ${line}`);
    });
  }
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  ensureDotEnv();
  loadEnv();
  const services: TService[] = [];
  const stopServices = async () => {
    for (const s of services.reverse()) await s.stop?.().catch(() => {});
  };
  let pgService: TService;
  let redisService: TService;
  try {
    pgService = await findPostgres(process.env, DATA, say);
    services.push(pgService);
    redisService = await findRedis(process.env, DATA, say);
    services.push(redisService);
  } catch (e) {
    await stopServices();
    if (e instanceof ServiceMissing) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  say(
    `Postgres: ${pgService.source === "started" ? "embedded, under .data/pg" : pgService.source === "env" ? "DATABASE_URL" : "local server on 127.0.0.1:5432"}`,
  );
  say(
    `Redis: ${redisService.source === "started" ? "redis-server started under .data/redis" : redisService.source === "env" ? "REDIS_URL" : "local server on 127.0.0.1:6379"}`,
  );
  if (checkOnly) {
    console.log(
      JSON.stringify({
        postgres: { url: pgService.url, source: pgService.source },
        redis: { url: redisService.url, source: redisService.source },
      }),
    );
    await stopServices();
    return;
  }
  const env = {
    ...process.env,
    DATABASE_URL: pgService.url,
    REDIS_URL: redisService.url,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  try {
    if (await ensureDatabase(pgService.url)) say("created the database");
    const applied = await migrate(pgService.url);
    say(applied.length ? `applied ${applied.length} migration(s)` : "database schema up to date");
    if (existsSync("scripts/challenges-sync.ts")) run("npm", ["run", "-s", "challenges:sync"], env, "challenge sync");
    run(process.execPath, ["--import", "tsx", "scripts/db/seed.ts"], env, "seeding demo accounts");
    const hash = sourceHash();
    const stampPath = join(DATA, "build-hash");
    if (!existsSync(".next/BUILD_ID") || !existsSync(stampPath) || readFileSync(stampPath, "utf8") !== hash) {
      say("building the web app (sources changed)…");
      run("npx", ["next", "build"], env, "next build");
      writeFileSync(stampPath, hash);
    } else {
      say("build is up to date");
    }
    if (await portOpen("127.0.0.1", PORT, 300))
      throw new ServiceMissing(`port ${PORT} is in use: stop what runs there, or run PORT=3001 npm run demo`);
  } catch (e) {
    await stopServices();
    console.error(`${color(31, "[demo]")} ${(e as Error).message}`);
    process.exit(1);
  }

  // Each child leads its own process group, so stopping it also stops what it started (next start
  // runs the server in a child process of its own).
  const web = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const worker = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", "worker/main.ts"], {
    env: { ...env, BASTION_SERVICE: "worker" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const signalGroup = (c: typeof web, sig: NodeJS.Signals) => {
    try {
      if (c.pid) process.kill(-c.pid, sig);
    } catch {
      /* already gone */
    }
  };
  prefixed("web", 35, web);
  prefixed("worker", 33, worker);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping web and worker…");
    for (const c of [web, worker]) signalGroup(c, "SIGTERM");
    await Promise.all(
      [web, worker].map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null) return r();
            const t = setTimeout(() => {
              signalGroup(c, "SIGKILL");
              r();
            }, 15_000);
            c.once("exit", () => {
              clearTimeout(t);
              r();
            });
          }),
      ),
    );
    await stopServices();
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  for (const [name, c] of [
    ["web", web],
    ["worker", worker],
  ] as const) {
    c.once("exit", (code) => {
      if (!stopping) {
        console.error(`${color(31, "[demo]")} ${name} exited (${code}); stopping everything`);
        void shutdown(1);
      }
    });
  }

  for (let i = 0; i < 100 && !(await portOpen("127.0.0.1", PORT, 200)); i++)
    await new Promise((r) => setTimeout(r, 100));
  const { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_COHORT } = await import("../../server/demo/seed-demo");
  console.log(
    [
      "",
      color(1, `  Bastion is running: http://localhost:${PORT}`),
      "",
      `  Demo logins (password for all: ${DEMO_PASSWORD})`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.role.toLowerCase().padEnd(10)} ${a.email}`),
      `  Demo cohort join code: ${DEMO_COHORT.joinCode}`,
      "",
      "  Ctrl-C stops web and worker.",
      "",
    ].join("\n"),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
