// npm run chaos: fault injection under load (issue #9). It starts its own Postgres cluster and its
// own redis-server, real worker processes (worker/main.ts), and a steady load of submissions through
// the code POST /api/submissions runs (server/submissions/create-submission). Meanwhile, on a
// schedule: SIGKILL a worker (another one starts), restart Redis, restart Postgres, flood the queue.
// Then it waits until nothing is QUEUED or RUNNING and checks in the database that every submission
// was graded exactly once or is ERROR with a reason, and that none was lost. Exit 1 on any loss or
// broken invariant.
//
//   npm run chaos -- --seconds 60 [--rate 8] [--workers 3] [--users 30] [--fault-every 4]
//
// A submission the client was refused (the database was down at that moment) is not lost: the
// client got an error. Lost = acknowledged but missing, or any row left unfinished.
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase, migrate } from "./db/migrate-lib";
import {
  freePort,
  sleep,
  startPostgresCluster,
  startRedisServer,
  startWorkerProcess,
  stopProcess,
  type TPostgresCluster,
  type TProc,
} from "../tests/helpers/processes";

export const FAULT_KINDS = ["kill-worker", "restart-redis", "restart-postgres", "flood-queue"] as const;
export type TFaultKind = (typeof FAULT_KINDS)[number];

export interface TChaosOptions {
  /** How long the load (and the faults) run. */
  seconds: number;
  /** Submissions per second. */
  rate: number;
  /** Worker processes (WORKER_CONCURRENCY 4 each). */
  workers: number;
  /** Students the load is spread over. */
  users: number;
  /** Pause between two faults. */
  faultEverySec: number;
  /** Submissions a queue flood adds at once (plus as many jobs for rows that do not exist). */
  floodSize: number;
  /** Longest wait for every row to finish after the load (the sweep re-queues stuck RUNNING rows after 2 minutes). */
  quiescenceTimeoutSec: number;
  log: (line: string) => void;
}

export interface TChaosReport {
  /** Submissions the client got an id for (new rows; a double submit is not counted twice). */
  submitted: number;
  /** Submissions the client was refused, by reason (nothing acknowledged, nothing owed). */
  refused: Record<string, number>;
  /** Rows in the database at the end (a refused submit whose insert committed shows up here only). */
  rows: number;
  graded: number;
  error: number;
  /** ERROR rows without a message for the student. */
  errorWithoutReason: number;
  /** Acknowledged submissions missing from the database. */
  missing: number;
  /** Rows still QUEUED or RUNNING when the wait for quiescence ended. */
  unfinished: number;
  /** missing + unfinished: must be 0. */
  lost: number;
  /** Submissions with more than one successful grading write (the workers' `graded` log lines). */
  gradedTwice: number;
  /** `graded` log lines seen (a worker killed between its commit and its log line writes none). */
  gradedLogLines: number;
  /** (user, challenge) pairs whose BestScore disagrees with their GRADED submissions (attempts, best points). */
  bestScoreMismatches: number;
  /** Users whose UserTotal disagrees with their BestScore rows. */
  totalMismatches: number;
  /** GRADED submissions whose SubmissionFailure rows disagree with the failed cases of their report. */
  failureRowMismatches: number;
  faults: Record<TFaultKind, number>;
  faultsTotal: number;
  /** Worker processes started in all (the first ones and every replacement). */
  workersStarted: number;
  /** Sandbox or worker processes of this run still alive after the workers were stopped (then killed). */
  orphans: number;
  durationsMs: { setup: number; load: number; quiescence: number; total: number };
  /** Empty when everything holds. */
  violations: string[];
}

const DEFAULTS: TChaosOptions = {
  seconds: 60,
  rate: 8,
  workers: 3,
  users: 30,
  faultEverySec: 4,
  floodSize: 200,
  quiescenceTimeoutSec: 300,
  log: (line) => console.log(line),
};

const FIX = "tests/fixtures/pipeline";
const POLICY = "s3-tls-only";
const TRIGGER = "cognito-presignup-domain-allowlist";
/** One cycle of the fault schedule: worker kills most often, every other kind once. */
const SCHEDULE: TFaultKind[] = [
  "kill-worker",
  "restart-redis",
  "kill-worker",
  "flood-queue",
  "kill-worker",
  "restart-postgres",
];

let ran = false;
/** Stops whatever the run started (for Ctrl-C). */
let emergencyStop: (() => Promise<void>) | undefined;

/**
 * Runs the whole exercise and returns the figures. Once per process: the server modules read their
 * environment (the private database and Redis) on first use.
 */
export async function runChaos(partial: Partial<TChaosOptions> = {}): Promise<TChaosReport> {
  if (ran) throw new Error("runChaos runs once per process (the server modules keep their first environment)");
  ran = true;
  const o: TChaosOptions = { ...DEFAULTS, ...partial };
  const log = o.log;
  const t0 = Date.now();
  const runId = randomBytes(4).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), `bastion-chaos-${runId}-`));
  chmodSync(dir, 0o711); // the cluster below it runs as the `postgres` user when we are root
  const cleanups: (() => Promise<void>)[] = [];
  const workers: TProc[] = [];
  const everyWorker: TProc[] = [];
  let pg: TPostgresCluster | undefined;
  let redisProc: TProc | undefined;
  const cleanUp = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((e: Error) => log(`cleanup: ${e.message}`));
    for (const w of everyWorker) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  emergencyStop = cleanUp;

  try {
    // ---------- services ----------
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    pg = await startPostgresCluster(join(dir, "pg"), pgPort);
    cleanups.push(() => pg!.destroy());
    const redisDir = join(dir, "redis");
    mkdirSync(redisDir);
    redisProc = await startRedisServer(redisPort, { persistDir: redisDir });
    cleanups.push(() => stopProcess(redisProc));
    const DATABASE_URL = pg.url("bastion_chaos");
    const REDIS_URL = `redis://127.0.0.1:${redisPort}`;
    const REDIS_PREFIX = `chaos-${runId}`;
    await ensureDatabase(DATABASE_URL);
    await migrate(DATABASE_URL);
    // Set before any server module reads the environment.
    Object.assign(process.env, {
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      SUBMIT_BURST: "100000",
      SUBMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? "silent",
    });
    const { db } = await import("../server/db");
    const { syncChallenges } = await import("../server/challenges/sync-challenges");
    const { createSubmission } = await import("../server/submissions/create-submission");
    const { gradingQueue } = await import("../server/queue/producer");
    const { GRADE_JOB } = await import("../server/queue/contract");
    const { redis } = await import("../server/redis");
    const { signUp } = await import("../server/users/sign-up");
    const { loadSessionUser } = await import("../server/users/load-session-user");
    const { isAppError } = await import("../server/errors");
    cleanups.push(async () => {
      await gradingQueue()
        .close()
        .catch(() => {});
      redis().disconnect();
      await db()
        .$disconnect()
        .catch(() => {});
    });

    const synced = await syncChallenges({ dir: FIX });
    if (synced.skipped.length) throw new Error(`fixture challenges did not load: ${JSON.stringify(synced.skipped)}`);
    const users = await Promise.all(
      Array.from({ length: o.users }, async (_, i) => {
        const { id } = await signUp({
          email: `chaos-${runId}-${i}@example.com`,
          name: `Chaos Student ${i}`,
          password: "chaos-password-1",
        });
        return (await loadSessionUser(id, 0))!;
      }),
    );

    const workerEnv = {
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      WORKER_CONCURRENCY: "4",
      // Marks every process of this run (workers and their sandbox children) for the orphan check.
      BASTION_CHAOS_RUN: runId,
    };
    const startWorker = async () => {
      const w = await startWorkerProcess(workerEnv, 120_000);
      workers.push(w);
      everyWorker.push(w);
      return w;
    };
    cleanups.push(async () => {
      await Promise.all(workers.map((w) => stopProcess(w)));
    });
    for (let i = 0; i < o.workers; i++) await startWorker();
    const setupMs = Date.now() - t0;
    log(
      `chaos ${runId}: Postgres :${pgPort}, Redis :${redisPort}, ${o.workers} workers, ${o.users} students; ` +
        `${o.rate}/s for ${o.seconds} s, a fault every ${o.faultEverySec} s (set-up ${(setupMs / 1000).toFixed(1)} s)`,
    );

    // ---------- answers ----------
    const read = (p: string) => readFileSync(join(FIX, p), "utf8");
    const mutants = (slug: string, ext: string) =>
      readdirSync(join(FIX, slug, "mutants"))
        .filter((f) => f.endsWith(ext))
        .map((f) => read(`${slug}/mutants/${f}`));
    const policyAnswers = [read(`${POLICY}/solution.json`), ...mutants(POLICY, ".json"), "{ not json"];
    const triggerAnswers = [read(`${TRIGGER}/solution.js`), ...mutants(TRIGGER, ".js")];
    let n = 0;
    /** A different answer every time (a repeat within 10 s would be a double submit and share a row). */
    const nextSubmission = () => {
      n++;
      if (n % 20 === 0)
        return { challenge: TRIGGER, answer: `${triggerAnswers[n % triggerAnswers.length]}\n// ${n}\n` };
      const base = policyAnswers[n % policyAnswers.length];
      // JSON ignores trailing white space: spell n in spaces and tabs.
      return { challenge: POLICY, answer: `${base}\n${n.toString(2).replace(/0/g, " ").replace(/1/g, "\t")}\n` };
    };

    // ---------- load ----------
    const acked = new Set<string>();
    const refused: Record<string, number> = {};
    let inFlight = 0;
    let duplicates = 0;
    const seenOther = new Set<string>();
    const reason = (e: unknown): string => {
      if (isAppError(e)) return `refused: ${e.code}`;
      const msg = e instanceof Error ? e.message : String(e);
      if (/ECONNREFUSED|ECONNRESET|reach database|connect|terminat|starting up|shutting down|closed|timeout/i.test(msg))
        return "database unreachable";
      const short = msg.replace(/\s+/g, " ").trim();
      if (!seenOther.has(short.slice(0, 80))) {
        seenOther.add(short.slice(0, 80));
        log(`  refused (first of its kind): ${short.slice(0, 400)}`);
      }
      return `other: ${short.slice(0, 80)}`;
    };
    /** One submission; true when a new row was acknowledged. */
    const submitOne = async (): Promise<boolean> => {
      const user = users[Math.floor(Math.random() * users.length)];
      inFlight++;
      try {
        const r = await createSubmission(user, nextSubmission());
        if (r.isDuplicate) duplicates++;
        else acked.add(r.id);
        return !r.isDuplicate;
      } catch (e) {
        const k = reason(e);
        refused[k] = (refused[k] ?? 0) + 1;
        return false;
      } finally {
        inFlight--;
      }
    };

    let loadDone = false;
    const tLoad = Date.now();
    const load = (async () => {
      let sent = 0;
      while (Date.now() - tLoad < o.seconds * 1000) {
        const due = Math.floor(((Date.now() - tLoad) / 1000) * o.rate);
        for (; sent < due; sent++) {
          if (inFlight < 64) void submitOne();
          else refused["client backlog (not sent)"] = (refused["client backlog (not sent)"] ?? 0) + 1;
        }
        await sleep(20);
      }
      while (inFlight > 0) await sleep(50);
      loadDone = true;
    })();

    // ---------- faults ----------
    const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<TFaultKind, number>;
    const starting: Promise<unknown>[] = [];
    let redisKills = 0;
    let pgStops = 0;
    const inject = async (kind: TFaultKind) => {
      const at = ((Date.now() - tLoad) / 1000).toFixed(1);
      if (kind === "kill-worker") {
        const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0];
        if (victim) {
          victim.proc.kill("SIGKILL");
          await victim.exited;
        }
        // The replacement starts in the background: the next fault may hit while it boots.
        const replacement = startWorker();
        replacement.catch(() => {}); // awaited (and reported) after the load
        starting.push(replacement);
        log(`  ${at} s  SIGKILL worker ${victim?.proc.pid ?? "(none alive)"}, starting another`);
      } else if (kind === "restart-redis") {
        const signal = redisKills++ % 2 === 0 ? "SIGKILL" : "SIGTERM";
        await stopProcess(redisProc, signal);
        await sleep(1_500);
        redisProc = await startRedisServer(redisPort, { persistDir: redisDir });
        log(`  ${at} s  Redis stopped (${signal}) for 1.5 s and started again`);
      } else if (kind === "restart-postgres") {
        const mode = pgStops++ % 2 === 0 ? "immediate" : "fast";
        await pg!.stop(mode);
        await sleep(1_500);
        await pg!.start();
        log(`  ${at} s  Postgres stopped (${mode}) for 1.5 s and started again`);
      } else {
        const flooded = (await Promise.all(Array.from({ length: o.floodSize }, () => submitOne()))).filter(Boolean);
        const queue = gradingQueue();
        await queue.addBulk(
          Array.from({ length: o.floodSize }, () => {
            const id = randomUUID();
            return { name: GRADE_JOB, data: { submissionId: id }, opts: { jobId: id } };
          }),
        );
        await queue.addBulk(Array.from({ length: 5 }, () => ({ name: GRADE_JOB, data: { malformed: true } })));
        log(
          `  ${at} s  queue flood: ${flooded.length} submissions at once, ${o.floodSize} jobs for rows that do not exist, 5 malformed jobs`,
        );
      }
      faults[kind]++;
    };
    const faulting = (async () => {
      for (let i = 0; ; i++) {
        for (let waited = 0; waited < o.faultEverySec * 1000 && !loadDone; waited += 100) await sleep(100);
        if (loadDone) break;
        try {
          await inject(SCHEDULE[i % SCHEDULE.length]);
        } catch (e) {
          log(`  fault ${SCHEDULE[i % SCHEDULE.length]} failed: ${(e as Error).message}`);
          throw e;
        }
      }
    })();
    await Promise.all([load, faulting]);
    await Promise.all(starting);
    while (workers.length < o.workers) await startWorker();
    const loadMs = Date.now() - tLoad;
    log(
      `load done: ${acked.size} submitted, ${Object.values(refused).reduce((a, b) => a + b, 0)} refused, ` +
        `${duplicates} double submits; waiting for every row to finish…`,
    );

    // ---------- quiescence ----------
    const tQuiet = Date.now();
    let unfinished = -1;
    while (Date.now() - tQuiet < o.quiescenceTimeoutSec * 1000) {
      try {
        unfinished = await db().submission.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
        if (unfinished === 0) break;
      } catch {
        /* the database just came back; ask again */
      }
      await sleep(1_000);
    }
    const quiescenceMs = Date.now() - tQuiet;

    // ---------- checks ----------
    const byStatus = Object.fromEntries(
      (await db().submission.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [g.status, g._count._all]),
    ) as Record<string, number>;
    const rows = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const ackedIds = [...acked];
    const present = new Set(
      (await db().submission.findMany({ where: { id: { in: ackedIds } }, select: { id: true } })).map((r) => r.id),
    );
    const missing = ackedIds.filter((id) => !present.has(id)).length;
    unfinished = (byStatus.QUEUED ?? 0) + (byStatus.RUNNING ?? 0);
    const errorWithoutReason = await db().submission.count({ where: { status: "ERROR", errorMessage: null } });
    const [{ n: bestScoreMismatches }] = await db().$queryRaw<{ n: number }[]>`
      WITH g AS (
        SELECT "userId", "challengeId", count(*)::int AS attempts, max(points) AS best
        FROM "Submission" WHERE status = 'GRADED' AND gradable GROUP BY 1, 2
      )
      SELECT count(*)::int AS n FROM g FULL JOIN "BestScore" b USING ("userId", "challengeId")
      WHERE g.attempts IS NULL OR b.attempts IS NULL OR b.attempts <> g.attempts OR abs(b."bestPoints" - g.best) > 1e-9`;
    const [{ n: totalMismatches }] = await db().$queryRaw<{ n: number }[]>`
      WITH b AS (SELECT "userId", sum("bestPoints") AS total, count("solvedAt")::int AS solved FROM "BestScore" GROUP BY 1)
      SELECT count(*)::int AS n FROM b FULL JOIN "UserTotal" t USING ("userId")
      WHERE t."userId" IS NULL OR b."userId" IS NULL OR abs(t."totalPoints" - b.total) > 1e-6 OR t."solvedCount" <> b.solved`;
    const [{ n: failureRowMismatches }] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Submission" s
      WHERE s.status = 'GRADED' AND s.gradable
        AND (SELECT count(*) FROM "SubmissionFailure" f WHERE f."submissionId" = s.id)
         <> (SELECT count(*) FROM jsonb_array_elements(s.report -> 'cases') c WHERE (c ->> 'passed')::boolean = false)`;

    // Every successful grading write logs one `graded` line (gradeSubmission); two for one id = graded twice.
    const gradedLines = new Map<string, number>();
    for (const w of everyWorker) {
      for (const line of w.output().split("\n")) {
        if (!line.startsWith("{") || !line.includes('"msg":"graded"')) continue;
        try {
          const { submissionId } = JSON.parse(line) as { submissionId?: string };
          if (submissionId) gradedLines.set(submissionId, (gradedLines.get(submissionId) ?? 0) + 1);
        } catch {
          /* a line cut by SIGKILL */
        }
      }
    }
    const gradedTwice = [...gradedLines.values()].filter((c) => c > 1).length;
    const gradedLogLines = [...gradedLines.values()].reduce((a, b) => a + b, 0);

    // Stop the workers, then look for anything of this run still alive (a sandbox child of a killed worker).
    await Promise.all(workers.splice(0).map((w) => stopProcess(w)));
    await sleep(1_000);
    const orphans = processesOf(runId);
    for (const pid of orphans) process.kill(pid, "SIGKILL");

    const lost = missing + unfinished;
    const violations: string[] = [];
    if (missing) violations.push(`${missing} acknowledged submission(s) missing from the database`);
    if (unfinished) violations.push(`${unfinished} row(s) still QUEUED or RUNNING after ${quiescenceMs} ms`);
    if (errorWithoutReason) violations.push(`${errorWithoutReason} ERROR row(s) without a reason`);
    if (gradedTwice) violations.push(`${gradedTwice} submission(s) graded twice`);
    if (bestScoreMismatches) violations.push(`${bestScoreMismatches} BestScore row(s) disagree with the graded rows`);
    if (totalMismatches) violations.push(`${totalMismatches} UserTotal row(s) disagree with BestScore`);
    if (failureRowMismatches)
      violations.push(`${failureRowMismatches} submission(s) with wrong SubmissionFailure rows`);
    if (orphans.length) violations.push(`${orphans.length} process(es) of the run outlived their worker`);

    return {
      submitted: acked.size,
      refused,
      rows,
      graded: byStatus.GRADED ?? 0,
      error: byStatus.ERROR ?? 0,
      errorWithoutReason,
      missing,
      unfinished,
      lost,
      gradedTwice,
      gradedLogLines,
      bestScoreMismatches,
      totalMismatches,
      failureRowMismatches,
      faults,
      faultsTotal: Object.values(faults).reduce((a, b) => a + b, 0),
      workersStarted: everyWorker.length,
      orphans: orphans.length,
      durationsMs: { setup: setupMs, load: loadMs, quiescence: quiescenceMs, total: Date.now() - t0 },
      violations,
    };
  } finally {
    await cleanUp();
    emergencyStop = undefined;
  }
}

/** Pids of live processes whose environment carries this run's marker (never this process). */
function processesOf(runId: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // a zombie is already dead
      if (readFileSync(`/proc/${entry}/environ`, "latin1").split("\0").includes(`BASTION_CHAOS_RUN=${runId}`))
        out.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

export function formatReport(r: TChaosReport): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const refusedTotal = Object.values(r.refused).reduce((a, b) => a + b, 0);
  const lines = [
    "",
    "chaos summary",
    `  submitted (acknowledged)   ${r.submitted}`,
    `  refused at submit          ${refusedTotal}${refusedTotal ? `  ${JSON.stringify(r.refused)}` : ""}`,
    `  rows in the database       ${r.rows}`,
    `  graded                     ${r.graded}`,
    `  error (with a reason)      ${r.error - r.errorWithoutReason}${r.errorWithoutReason ? `  (+${r.errorWithoutReason} without)` : ""}`,
    `  lost                       ${r.lost}  (missing ${r.missing}, unfinished ${r.unfinished})`,
    `  graded twice               ${r.gradedTwice}  (${r.gradedLogLines} grading writes logged)`,
    `  BestScore / UserTotal / failure-row mismatches   ${r.bestScoreMismatches} / ${r.totalMismatches} / ${r.failureRowMismatches}`,
    `  faults injected            ${r.faultsTotal}  ${JSON.stringify(r.faults)}`,
    `  worker processes started   ${r.workersStarted}; orphaned processes ${r.orphans}`,
    `  duration                   ${s(r.durationsMs.total)} (set-up ${s(r.durationsMs.setup)}, load ${s(r.durationsMs.load)}, until quiet ${s(r.durationsMs.quiescence)})`,
    r.violations.length
      ? `FAILED: ${r.violations.join("; ")}`
      : "OK: every submission graded exactly once or ERROR with a reason; none lost",
  ];
  return lines.join("\n");
}

// ---------- command line ----------
if (process.argv[1]?.endsWith("chaos.ts")) {
  const argv = process.argv.slice(2);
  const flag = (name: string): number | undefined => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    if (v === undefined) return undefined;
    const num = Number(v);
    if (!Number.isFinite(num) || num <= 0) throw new Error(`--${name} needs a positive number, got \`${v}\``);
    return num;
  };
  const opts: Partial<TChaosOptions> = {
    seconds: flag("seconds"),
    rate: flag("rate"),
    workers: flag("workers"),
    users: flag("users"),
    faultEverySec: flag("fault-every"),
    floodSize: flag("flood"),
    quiescenceTimeoutSec: flag("quiet-timeout"),
  };
  for (const k of Object.keys(opts) as (keyof TChaosOptions)[]) if (opts[k] === undefined) delete opts[k];
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      console.log(`\n${sig}: stopping the workers, Redis and Postgres of this run…`);
      void (emergencyStop?.() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  try {
    const report = await runChaos(opts);
    console.log(formatReport(report));
    process.exit(report.violations.length ? 1 : 0);
  } catch (e) {
    console.error(`chaos: ${(e as Error).stack ?? e}`);
    process.exit(2);
  }
}
