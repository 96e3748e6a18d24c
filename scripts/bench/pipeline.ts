// npm run bench:pipeline: the grading pipeline end to end at a FIXED OFFERED RATE (open loop).
// HTTP POST /api/submissions (API tokens) -> Redis -> one worker process -> Postgres, against a
// production `next start`, its own database (bastion_bench) and its own Redis prefix.
//
//   npm run bench:pipeline                          # policy 100/s for 60 s, then trigger 30/s for 60 s
//   npm run bench:pipeline -- --kind policy --rate 100 --seconds 60 --concurrency 4 --users 400
//   npm run bench:pipeline -- --kind policy --rate 50 --seconds 20 --profile /tmp/prof   # CPU profiles
//
// Latency of one submission = its row's gradedAt minus the time its send was SCHEDULED (so a late
// client does not hide queueing), read from Postgres after the run. The GRADED pub/sub event (what
// the live page waits for, after the grading transaction commits) is recorded too.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { loadEnv } from "../../server/env-file";
import { dbUrl, freshDatabase } from "../../tests/helpers/test-db";

loadEnv();

// ---------- flags ----------
const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
};
const KIND = flag("kind") as "policy" | "trigger" | undefined;
if (KIND && KIND !== "policy" && KIND !== "trigger") throw new Error("--kind is policy or trigger");
const RATE = flag("rate") ? Number(flag("rate")) : undefined;
const SECONDS = Number(flag("seconds") ?? 60);
const CONCURRENCY = Number(flag("concurrency") ?? 4);
const USERS = Number(flag("users") ?? 400);
const WARMUP_S = Number(flag("warmup") ?? 3);
const FORCE_BUILD = argv.includes("--build");
// --profile <dir>: V8 CPU profiles of the web server and the worker, written there when they stop.
const PROFILE_DIR = flag("profile");

const DB_NAME = "bastion_bench";
const DATABASE_URL = dbUrl(DB_NAME);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `benchpipe_${randomBytes(3).toString("hex")}`;
const NEXTAUTH_SECRET =
  process.env.NEXTAUTH_SECRET && process.env.NEXTAUTH_SECRET.length >= 32
    ? process.env.NEXTAUTH_SECRET
    : randomBytes(32).toString("hex");
// Set before any server module reads the environment.
Object.assign(process.env, { DATABASE_URL, REDIS_URL, REDIS_PREFIX, NEXTAUTH_SECRET, LOG_LEVEL: "warn" });

const FIX = "tests/fixtures/pipeline";
const SLUG = { policy: "s3-tls-only", trigger: "cognito-presignup-domain-allowlist" } as const;

// ---------- processes ----------
type TChild = { name: string; proc: ChildProcess; tail: string[] };
const children: TChild[] = [];

function launch(name: string, cmd: string, args: string[], env: Record<string, string>): TChild {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const c: TChild = { name, proc, tail: [] };
  const keep = (d: Buffer) => {
    for (const line of d.toString().split("\n")) if (line.trim()) c.tail.push(line);
    if (c.tail.length > 400) c.tail.splice(0, c.tail.length - 200);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  children.push(c);
  return c;
}

const alive = (c: TChild) => c.proc.exitCode === null && c.proc.signalCode === null;
function killGroup(c: TChild, sig: NodeJS.Signals) {
  if (!alive(c) || !c.proc.pid) return;
  try {
    process.kill(-c.proc.pid, sig); // the whole group (npx -> next-server, worker -> sandboxes)
  } catch {
    /* already gone */
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of children) killGroup(c, "SIGTERM");
    const until = Date.now() + 8_000;
    while (children.some(alive) && Date.now() < until) await sleep(100);
    for (const c of children) killGroup(c, "SIGKILL");
    try {
      const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      let cursor = "0";
      do {
        const [next, keys] = await r.scan(cursor, "MATCH", `${REDIS_PREFIX}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length) await r.del(...keys);
      } while (cursor !== "0");
      r.disconnect();
    } catch {
      /* best effort */
    }
  })();
  return cleaning;
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    console.log(`\n${sig}: stopping web server and worker…`);
    void cleanup().then(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => performance.timeOrigin + performance.now();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitUntil(what: string, c: TChild, ok: () => Promise<boolean> | boolean, timeoutMs = 90_000) {
  const start = Date.now();
  while (!(await ok())) {
    if (!alive(c)) throw new Error(`${c.name} exited early:\n${c.tail.slice(-40).join("\n")}`);
    if (Date.now() - start > timeoutMs)
      throw new Error(`${what}: not ready after ${timeoutMs} ms:\n${c.tail.slice(-40).join("\n")}`);
    await sleep(100);
  }
}

/** CPU seconds (user + system) used so far by every process in a child's process group. */
function groupCpu(c: TChild): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const st = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === c.proc.pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}
const loadavg = () => readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
const q = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

// ---------- answers ----------
function answers(kind: "policy" | "trigger"): { label: string; text: string }[] {
  const dir = `${FIX}/${SLUG[kind]}`;
  const ext = kind === "policy" ? ".json" : ".js";
  const solution = readFileSync(`${dir}/solution${ext}`, "utf8");
  const mutants = readdirSync(`${dir}/mutants`)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ label: `mutant ${f}`, text: readFileSync(`${dir}/mutants/${f}`, "utf8") }));
  const variants = [
    { label: "solution", text: solution },
    { label: "solution + trailing newline", text: `${solution}\n\n` },
    {
      label: "solution, indented differently",
      text: kind === "policy" ? JSON.stringify(JSON.parse(solution), null, 4) : solution.replace(/^ {2}/gm, "    "),
    },
  ];
  // Interleave so a user's consecutive submissions (USERS apart) differ: no double-submit dedupe.
  const out: { label: string; text: string }[] = [];
  for (let i = 0; i < Math.max(variants.length, mutants.length); i++) {
    if (variants[i]) out.push(variants[i]);
    if (mutants[i]) out.push(mutants[i]);
  }
  return out;
}

// ---------- one run ----------
type TSent = {
  i: number;
  user: number;
  scheduled: number;
  sentAt: number;
  doneAt?: number;
  status?: number;
  id?: string;
  duplicate?: boolean;
  err?: string;
};

async function run(opts: {
  kind: "policy" | "trigger";
  rate: number;
  seconds: number;
  base: string;
  tokens: string[];
  events: Map<string, number>;
  warm: boolean;
}) {
  const { kind, rate, seconds, base, tokens } = opts;
  const pool = answers(kind);
  const n = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const sent: TSent[] = [];
  const inflight: Promise<void>[] = [];
  const slug = SLUG[kind];
  const offset = opts.warm ? 3 : 0; // warm-up uses other answer positions
  const t0 = performance.now() + 50;
  let maxLag = 0;
  for (let i = 0; i < n; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    while (performance.now() < due) {
      /* spin the last half millisecond */
    }
    const user = i % tokens.length;
    const answer = pool[(Math.floor(i / tokens.length) + offset + user) % pool.length].text;
    const s: TSent = { i, user, scheduled: performance.timeOrigin + due, sentAt: nowMs() };
    maxLag = Math.max(maxLag, s.sentAt - s.scheduled);
    sent.push(s);
    inflight.push(
      fetch(`${base}/api/submissions`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens[user]}`, "content-type": "application/json" },
        body: JSON.stringify({ challenge: slug, answer }),
      })
        .then(async (res) => {
          s.status = res.status;
          const body = (await res.json().catch(() => ({}))) as {
            id?: string;
            duplicate?: boolean;
            error?: { code?: string };
          };
          s.doneAt = nowMs();
          s.id = body.id;
          s.duplicate = !!body.duplicate;
          if (res.status !== 202) s.err = body.error?.code ?? String(res.status);
        })
        .catch((e: Error) => {
          s.doneAt = nowMs();
          s.err = `fetch: ${(e.cause as Error | undefined)?.message ?? e.message}`;
        }),
    );
  }
  const sendEnd = nowMs();
  await Promise.all(inflight);
  return { sent, maxLag, sendEnd };
}

async function main() {
  const runs: { kind: "policy" | "trigger"; rate: number }[] = KIND
    ? [{ kind: KIND, rate: RATE ?? (KIND === "policy" ? 100 : 30) }]
    : [
        { kind: "policy", rate: RATE ?? 100 },
        { kind: "trigger", rate: RATE ?? 30 },
      ];

  if (FORCE_BUILD || !existsSync(".next/BUILD_ID")) {
    console.log(
      FORCE_BUILD
        ? "building (npx next build, --build)…"
        : "no production build (.next/BUILD_ID missing): npx next build…",
    );
    const b = spawn("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    const code = await new Promise<number | null>((r) => b.once("exit", r));
    if (code !== 0) throw new Error(`next build failed (${code})`);
  }

  console.log(`database ${DB_NAME} (fresh), Redis prefix ${REDIS_PREFIX}, ${USERS} users with API tokens`);
  await freshDatabase(DB_NAME);
  const { db } = await import("../../server/db");
  const { syncChallenges } = await import("../../server/challenges/sync-challenges");
  const { createApiToken } = await import("../../server/tokens/api-tokens");
  await syncChallenges({ dir: FIX });
  const tag = randomBytes(3).toString("hex");
  await db().user.createMany({
    data: Array.from({ length: USERS }, (_, k) => ({
      email: `bench-${tag}-${k}@example.com`,
      name: `Bench ${k}`,
      displayName: `bench-${k}`,
      passwordHash: "!bench-no-login",
    })),
  });
  const users = await db().user.findMany({
    where: { email: { startsWith: `bench-${tag}-` } },
    select: { id: true, email: true, name: true, displayName: true, role: true, sessionVersion: true },
  });
  const tokens: string[] = [];
  for (const u of users) tokens.push((await createApiToken(u, "bench")).token);

  const port = await freePort();
  const limitsEnv = { SUBMIT_BURST: "100000", SUBMIT_PER_MINUTE: "100000" };
  const base = `http://127.0.0.1:${port}`;
  const startArgs = ["start", "-H", "127.0.0.1", "-p", String(port)];
  const [webCmd, webArgs] = PROFILE_DIR
    ? [
        process.execPath,
        ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, "node_modules/next/dist/bin/next", ...startArgs],
      ]
    : ["npx", ["next", ...startArgs]];
  const web = launch("web", webCmd, webArgs, {
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX,
    NEXTAUTH_SECRET,
    NEXTAUTH_URL: base,
    LOG_LEVEL: "warn",
    ...limitsEnv,
  });
  const worker = launch(
    "worker",
    process.execPath,
    [
      "--no-node-snapshot",
      ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
      "--import",
      "tsx",
      "worker/main.ts",
    ],
    {
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: "info",
      BASTION_SERVICE: "worker",
    },
  );
  await waitUntil("web server", web, async () => {
    try {
      return (await fetch(`${base}/api/health`)).ok;
    } catch {
      return false;
    }
  });
  await waitUntil("worker", worker, () => worker.tail.some((l) => l.includes("worker ready")));
  console.log(
    `web: next start on ${base} with SUBMIT_BURST=100000 SUBMIT_PER_MINUTE=100000 (per-user rate limit lifted for the bench); worker: WORKER_CONCURRENCY=${CONCURRENCY}`,
  );

  // Every GRADED announcement, as the live page would see it.
  const events = new Map<string, number>();
  const sub = new Redis(REDIS_URL);
  await sub.psubscribe(`${REDIS_PREFIX}:submission:*`);
  sub.on("pmessage", (_p: string, channel: string, message: string) => {
    if (message.includes('"GRADED"') || message.includes('"ERROR"'))
      events.set(channel.slice(channel.lastIndexOf(":") + 1), nowMs());
  });

  const waitGraded = async (ids: string[], timeoutMs: number) => {
    const start = Date.now();
    for (;;) {
      const [{ n }] = await db().$queryRaw<
        { n: bigint }[]
      >`SELECT COUNT(*) AS n FROM "Submission" WHERE id = ANY(${ids}::uuid[]) AND status IN ('GRADED','ERROR')`;
      if (Number(n) >= ids.length || Date.now() - start > timeoutMs) return Number(n);
      await sleep(250);
    }
  };

  for (const r of runs) {
    // Warm-up (not measured): JIT, connection pools, sandboxes.
    if (WARMUP_S > 0) {
      const w = await run({
        kind: r.kind,
        rate: Math.max(5, Math.round(r.rate / 4)),
        seconds: WARMUP_S,
        base,
        tokens,
        events,
        warm: true,
      });
      await waitGraded(
        w.sent.filter((s) => s.id).map((s) => s.id!),
        60_000,
      );
      await sleep(1_000);
    }
    const loadBefore = loadavg();
    console.log(
      `\n=== ${r.kind} (${SLUG[r.kind]}): offered ${r.rate}/s for ${SECONDS} s = ${Math.round(r.rate * SECONDS)} submissions; loadavg before: ${loadBefore}`,
    );
    const cpu0 = { web: groupCpu(web), worker: groupCpu(worker), wall: Date.now() };
    const res = await run({ kind: r.kind, rate: r.rate, seconds: SECONDS, base, tokens, events, warm: false });
    const accepted = res.sent.filter((s) => s.status === 202 && s.id && !s.duplicate);
    const ids = accepted.map((s) => s.id!);
    const done = await waitGraded(ids, 120_000);
    const cpu = {
      web: groupCpu(web) - cpu0.web,
      worker: groupCpu(worker) - cpu0.worker,
      wall: (Date.now() - cpu0.wall) / 1000,
    };
    await sleep(300);
    const loadAfter = loadavg();
    const rows = await db().$queryRaw<
      {
        id: string;
        status: string;
        queuedAt: Date;
        startedAt: Date | null;
        gradedAt: Date | null;
        timings: Record<string, number> | null;
        score: number | null;
      }[]
    >`
      SELECT id, status::text AS status, "queuedAt", "startedAt", "gradedAt", timings, score FROM "Submission" WHERE id = ANY(${ids}::uuid[])`;
    const byId = new Map(rows.map((x) => [x.id, x]));

    const errors = new Map<string, number>();
    for (const s of res.sent)
      if (s.status !== 202) errors.set(s.err ?? String(s.status), (errors.get(s.err ?? String(s.status)) ?? 0) + 1);
    const dupes = res.sent.filter((s) => s.duplicate).length;

    const lat: number[] = [];
    const latEvent: number[] = [];
    const http: number[] = [];
    const toQueued: number[] = [];
    const queueWait: number[] = [];
    const grading: number[] = [];
    const dbWrite: number[] = [];
    const commitPublish: number[] = [];
    let graded = 0;
    let errored = 0;
    let firstSend = Infinity;
    let lastGraded = 0;
    for (const s of accepted) {
      const row = byId.get(s.id!);
      firstSend = Math.min(firstSend, s.scheduled);
      if (s.doneAt) http.push(s.doneAt - s.sentAt);
      if (!row?.gradedAt) continue;
      if (row.status === "ERROR") errored++;
      else graded++;
      const g = row.gradedAt.getTime();
      lastGraded = Math.max(lastGraded, g);
      lat.push(g - s.scheduled);
      const ev = events.get(s.id!);
      if (ev) {
        latEvent.push(ev - s.scheduled);
        commitPublish.push(ev - g);
      }
      toQueued.push(row.queuedAt.getTime() - s.sentAt);
      if (row.startedAt) {
        queueWait.push(row.startedAt.getTime() - row.queuedAt.getTime());
        const gm = row.timings?.gradeMs;
        if (typeof gm === "number") {
          grading.push(gm);
          dbWrite.push(g - row.startedAt.getTime() - gm);
        }
      }
    }
    const span = (lastGraded - firstSend) / 1000;
    console.log(
      `offered rate:       ${r.rate}/s (${res.sent.length} sent in ${((res.sendEnd - res.sent[0].scheduled) / 1000).toFixed(1)} s; client send lag max ${f1(res.maxLag)} ms)`,
    );
    console.log(
      `accepted (202):     ${res.sent.filter((s) => s.status === 202).length}${dupes ? ` (${dupes} answered as duplicates)` : ""}`,
    );
    console.log(`errors (non-202):   ${errors.size ? [...errors].map(([k, v]) => `${k}: ${v}`).join(", ") : "none"}`);
    console.log(`graded:             ${graded} GRADED, ${errored} ERROR, ${ids.length - done} not finished`);
    console.log(
      `achieved:           ${(graded / span).toFixed(1)} graded/s (first send -> last gradedAt: ${span.toFixed(1)} s)`,
    );
    console.log(
      `latency send->gradedAt (ms):       p50 ${f1(q(lat, 50))}  p95 ${f1(q(lat, 95))}  p99 ${f1(q(lat, 99))}  max ${f1(q(lat, 100))}`,
    );
    console.log(
      `latency send->GRADED event (ms):   p50 ${f1(q(latEvent, 50))}  p95 ${f1(q(latEvent, 95))}  p99 ${f1(q(latEvent, 99))}  max ${f1(q(latEvent, 100))}  (${latEvent.length} events)`,
    );
    console.log(`where the time goes (medians, ms; p95 in brackets):`);
    console.log(`  HTTP submit (request -> 202):     ${f1(q(http, 50))} [${f1(q(http, 95))}]`);
    console.log(`  send -> row queuedAt:             ${f1(q(toQueued, 50))} [${f1(q(toQueued, 95))}]`);
    console.log(`  queue wait (startedAt-queuedAt):  ${f1(q(queueWait, 50))} [${f1(q(queueWait, 95))}]`);
    console.log(`  grading (timings.gradeMs):        ${f1(q(grading, 50))} [${f1(q(grading, 95))}]`);
    console.log(`  db (gradedAt-startedAt-grading):  ${f1(q(dbWrite, 50))} [${f1(q(dbWrite, 95))}]`);
    console.log(`  commit+publish (event-gradedAt):  ${f1(q(commitPublish, 50))} [${f1(q(commitPublish, 95))}]`);
    const perSub = (x: number) => ((1000 * x) / Math.max(1, accepted.length)).toFixed(1);
    console.log(
      `CPU used: web ${cpu.web.toFixed(1)} s (${perSub(cpu.web)} ms per accepted submission), worker incl. sandboxes ${cpu.worker.toFixed(1)} s (${perSub(cpu.worker)} ms per submission) over ${cpu.wall.toFixed(0)} s wall`,
    );
    console.log(`loadavg: before ${loadBefore}, after ${loadAfter}`);
    if (errors.size) console.log(`web log tail:\n${web.tail.slice(-10).join("\n")}`);
  }
  sub.disconnect();
  await db().$disconnect();
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (e: Error) => {
    console.error(e.stack ?? e.message);
    await cleanup();
    process.exit(1);
  });
