// npm run bench:web: server time of the leaderboard, catalog, instructor progress matrix and
// analytics pages at scale, plus the challenge page's first-load JavaScript (issues #7 and #8).
//
// Seeds `bastion_benchweb` once (cached between runs, keyed by SEED_VERSION; pending migrations are
// applied to a cached database): the real catalogue (challenges/), 10,000 students and 1,000,000
// submissions with the BestScore and UserTotal rows they imply, and one cohort of 200 students x 40
// assignments with 50,000 more submissions, plus its instructor. The submissions are realistic:
// their answers are the challenges' own solutions, starters, mutants (the documented wrong ideas)
// and unparsable drafts, each in a few cosmetic variants (re-indented, minified, Sid renamed,
// statements reordered, a comment added) so that wrong answers cluster; every report is the real
// report of that answer (graded once per answer with core/grading, trigger code in the worker's
// sandbox), and SubmissionFailure rows are written as server/grading/grade-submission.ts writes them.
//
//   npm run bench:web                      # seeds if needed, builds if needed, measures
//   npm run bench:web -- --reseed          # drop and seed again
//   npm run bench:web -- --build           # rebuild the app first (NEXT_DIST_DIR is honoured)
//   npm run bench:web -- --requests 100    # sequential requests per page after warm-up
//   npm run bench:web -- --direct          # also time the server functions in-process (uncached too)
//   npm run bench:web -- --chunks          # list the challenge page's first-load chunks
//   npm run bench:web -- --no-browser      # skip the Chromium run (JS downloaded once the editor is ready)
//   npm run bench:web -- --seed-only       # only make sure the data is there
//
// Server time is the full response time of sequential requests (after --warmup, default 10) with
// the session cookie of the page's role; first-load JS is every script the page's HTML references
// (script tags and the chunks named in its RSC payload), each gzipped at level 9. Builds into and
// serves from NEXT_DIST_DIR (default .next) when that build is missing.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadEnv } from "../../server/env-file";
import { migrate } from "../db/migrate-lib";
import { dbUrl, freshDatabase } from "../../tests/helpers/test-db";

loadEnv();

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const RESEED = argv.includes("--reseed");
const REBUILD = argv.includes("--build");
const DIRECT = argv.includes("--direct");
const REQUESTS = Number(flag("requests") ?? 100);
const WARMUP = Number(flag("warmup") ?? 10);
const SEED_ONLY = argv.includes("--seed-only");

const DB_NAME = "bastion_benchweb";
const DIST = process.env.NEXT_DIST_DIR || ".next";
const DATABASE_URL = dbUrl(DB_NAME);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `benchweb_${randomBytes(3).toString("hex")}`;
const NEXTAUTH_SECRET =
  process.env.NEXTAUTH_SECRET && process.env.NEXTAUTH_SECRET.length >= 32
    ? process.env.NEXTAUTH_SECRET
    : randomBytes(32).toString("hex");
Object.assign(process.env, { DATABASE_URL, REDIS_URL, REDIS_PREFIX, NEXTAUTH_SECRET, LOG_LEVEL: "warn" });

/** Bump when the seeded data changes shape: a cached database with another version is seeded again. */
const SEED_VERSION = "v2-realistic-reports";
const STUDENTS = 10_000;
const SUBMISSIONS = 1_000_000;
const COHORT_STUDENTS = 200;
const ASSIGNMENTS = 40;
const COHORT_SUBMISSIONS = 50_000;
const INSTRUCTOR_EMAIL = "bench-instructor@example.com";
/** Not seeded: added at measuring time (for the platform-wide admin analytics, not a target of the issues). */
const ADMIN_EMAIL = "bench-admin@example.com";
/** Slots per challenge for weighted answer picking (a slot is 0.5 % of a challenge's submissions). */
const SLOTS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

// ---------- seeding ----------
async function seededVersion(): Promise<string | null> {
  const c = new pg.Client({ connectionString: dbUrl("postgres") });
  await c.connect();
  const { rowCount } = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME]);
  await c.end();
  if (!rowCount) return null;
  const d = new pg.Client({ connectionString: DATABASE_URL });
  await d.connect();
  try {
    const { rows } = await d.query(`SELECT value FROM bench_meta WHERE key = 'seeded'`);
    return (rows[0]?.value as string | undefined) ?? null;
  } catch {
    return null;
  } finally {
    await d.end();
  }
}

type TTemplate = {
  challengeId: string;
  answer: string;
  role: "solution" | "starter" | "mutant" | "ungradable";
  weight: number;
  report: unknown;
  gradable: boolean;
  score: number;
  points: number;
  failures: { caseId: string; caseName: string; misconception: string | null }[];
};

/** Cosmetic variants of a policy: equal under server/analytics/canonical-answer.ts, different text. */
function policyVariants(text: string): string[] {
  let doc: { Statement?: unknown } & Record<string, unknown>;
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return [text];
  }
  const statements = Array.isArray(doc.Statement) ? (doc.Statement as Record<string, unknown>[]) : null;
  const renamed = statements
    ? { ...doc, Statement: statements.map((s, i) => ({ ...s, Sid: `Statement${i + 1}` })) }
    : doc;
  const reordered = statements && statements.length > 1 ? { ...doc, Statement: [...statements].reverse() } : null;
  return [
    text,
    JSON.stringify(doc),
    JSON.stringify(renamed, null, 4) + "\n",
    ...(reordered ? [JSON.stringify(reordered, null, 2)] : []),
  ];
}

/** Cosmetic variants of trigger code: a comment, different indentation, no blank lines. */
function codeVariants(text: string): string[] {
  return [
    text,
    `// my attempt\n${text}`,
    text.replace(/^( +)/gm, (s) => " ".repeat(s.length * 2)),
    text.replace(/\n\s*\n/g, "\n"),
  ];
}

/** The answers the seeded submissions use, each graded for real, with its weight among one challenge's submissions. */
async function gradeTemplates(): Promise<TTemplate[]> {
  const { loadAllChallenges } = await import("../../server/challenges/load-challenge");
  const { grade } = await import("../../core/index");
  const { SandboxPool } = await import("../../worker/grader");
  const pool = new SandboxPool(2);
  const out: TTemplate[] = [];
  try {
    for (const item of loadAllChallenges("challenges")) {
      if (!item.spec || !item.assets) continue;
      const spec = item.spec;
      const isCode = spec.language === "javascript";
      const variants = isCode ? codeVariants : policyVariants;
      // Share of one challenge's submissions: solutions 30 %, the starter 10 %, mutants 55 % (the
      // first-listed, usually the classic mistake, most often), unparsable drafts 5 %.
      const mutantWeights = item.assets.mutants.map((_, i) => 1 / (i + 1));
      const mutantSum = mutantWeights.reduce((a, b) => a + b, 0) || 1;
      const bases: { text: string; role: TTemplate["role"]; weight: number }[] = [
        { text: item.assets.solution, role: "solution", weight: 0.3 },
        { text: spec.starter, role: "starter", weight: 0.1 },
        ...item.assets.mutants.map((m, i) => ({
          text: m.answer,
          role: "mutant" as const,
          weight: (0.55 * mutantWeights[i]!) / mutantSum,
        })),
        {
          text: isCode
            ? `${item.assets.solution}\n}`
            : item.assets.solution.slice(0, Math.floor(item.assets.solution.length * 0.6)),
          role: "ungradable",
          weight: 0.05,
        },
      ];
      const seen = new Set<string>();
      for (const b of bases) {
        const texts = (b.role === "ungradable" ? [b.text] : variants(b.text)).filter((t) => !seen.has(t));
        texts.forEach((t) => seen.add(t));
        // The text as first written is the most common; the cosmetic variants share the rest.
        const share = (i: number) => (texts.length === 1 ? 1 : i === 0 ? 0.5 : 0.5 / (texts.length - 1));
        for (const [i, text] of texts.entries()) {
          const report = await grade(spec, text, { runTrigger: pool.runTrigger() });
          out.push({
            challengeId: spec.uuid,
            answer: text,
            role: b.role,
            weight: b.weight * share(i),
            report,
            gradable: report.gradable,
            score: report.score,
            points: report.points,
            failures: report.gradable
              ? report.cases
                  .filter((c) => !c.passed)
                  .map((c) => ({ caseId: c.id, caseName: c.name, misconception: c.misconception ?? null }))
              : [],
          });
        }
      }
    }
  } finally {
    pool.close();
  }
  return out;
}

async function seed() {
  const t0 = Date.now();
  console.log(`seeding ${DB_NAME} (${SEED_VERSION}): fresh database, migrations, challenges/ sync…`);
  await freshDatabase(DB_NAME);
  const { syncChallenges } = await import("../../server/challenges/sync-challenges");
  const { db } = await import("../../server/db");
  await syncChallenges({ dir: "challenges" });
  await db().$disconnect();
  const tg = Date.now();
  const templates = await gradeTemplates();
  console.log(
    `  graded ${templates.length} answer templates (solutions, starters, mutants, drafts x cosmetic variants) in ${((Date.now() - tg) / 1000).toFixed(1)} s`,
  );

  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const r = await c.query(sql, params);
    const n = Array.isArray(r) ? "" : (r.rowCount ?? "");
    console.log(`  ${what}: ${n} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await c.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
  // UUIDv7 from a timestamp, as the app's ids are (time-ordered, so index locality is realistic).
  await c.query(`CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
      substring(int8send(floor(extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);

  // The templates, their failing cases, and SLOTS weighted picks per challenge.
  await c.query(`CREATE UNLOGGED TABLE bench_answer (ak int PRIMARY KEY, cid uuid NOT NULL, answer text NOT NULL,
      report jsonb NOT NULL, gradable boolean NOT NULL, score float8 NOT NULL, points float8 NOT NULL, role text NOT NULL);
    CREATE UNLOGGED TABLE bench_failure (ak int NOT NULL, "caseId" text NOT NULL, "caseName" text NOT NULL, misconception text);
    CREATE UNLOGGED TABLE bench_slot (cid uuid NOT NULL, slot int NOT NULL, ak int NOT NULL, PRIMARY KEY (cid, slot))`);
  const ta = Date.now();
  for (let i = 0; i < templates.length; i += 50) {
    const batch = templates.slice(i, i + 50);
    const params: unknown[] = [];
    const rows = batch.map((t, j) => {
      params.push(i + j, t.challengeId, t.answer, JSON.stringify(t.report), t.gradable, t.score, t.points, t.role);
      const b = j * 8;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
    });
    await c.query(`INSERT INTO bench_answer VALUES ${rows.join(", ")}`, params);
  }
  const failures = templates.flatMap((t, ak) => t.failures.map((f) => [ak, f.caseId, f.caseName, f.misconception]));
  for (let i = 0; i < failures.length; i += 500) {
    const batch = failures.slice(i, i + 500);
    await c.query(
      `INSERT INTO bench_failure VALUES ${batch.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(", ")}`,
      batch.flat(),
    );
  }
  const slots: [string, number, number][] = [];
  const byChallenge = new Map<string, number[]>();
  templates.forEach((t, ak) => byChallenge.set(t.challengeId, [...(byChallenge.get(t.challengeId) ?? []), ak]));
  for (const [cid, aks] of byChallenge) {
    const total = aks.reduce((n, ak) => n + templates[ak]!.weight, 0);
    let acc = 0;
    let slot = 0;
    for (const ak of aks) {
      acc += templates[ak]!.weight / total;
      for (; slot < Math.min(SLOTS, Math.round(acc * SLOTS)); slot++) slots.push([cid, slot, ak]);
    }
    for (; slot < SLOTS; slot++) slots.push([cid, slot, aks[aks.length - 1]!]);
  }
  for (let i = 0; i < slots.length; i += 1000) {
    const batch = slots.slice(i, i + 1000);
    await c.query(
      `INSERT INTO bench_slot VALUES ${batch.map((_, j) => `($${j * 3 + 1}::uuid, $${j * 3 + 2}, $${j * 3 + 3})`).join(", ")}`,
      batch.flat(),
    );
  }
  console.log(
    `  answer templates: ${templates.length} answers, ${failures.length} failing cases, ${slots.length} slots (${((Date.now() - ta) / 1000).toFixed(1)} s)`,
  );

  await step(
    `${STUDENTS} students`,
    `INSERT INTO "User" (id, email, name, "displayName", "passwordHash", role, "createdAt", "updatedAt")
     SELECT pg_temp.uuid7(now() - interval '120 days' + g * interval '10 minutes'), 'bw-' || lpad(g::text, 5, '0') || '@example.com',
            'Student ' || g, 'student-' || g, '!bench-no-login', 'STUDENT', now(), now()
     FROM generate_series(1, ${STUDENTS}) g`,
  );
  await step(
    "lookup tables",
    `CREATE UNLOGGED TABLE bu AS SELECT (row_number() OVER (ORDER BY email) - 1)::int AS k, id FROM "User" WHERE email LIKE 'bw-%';
     CREATE UNLOGGED TABLE bc AS SELECT (row_number() OVER (ORDER BY slug) - 1)::int AS k, id, "currentVersionId" AS vid, points
       FROM "Challenge" WHERE "retiredAt" IS NULL AND "currentVersionId" IS NOT NULL;
     CREATE UNIQUE INDEX ON bu (k); CREATE UNIQUE INDEX ON bc (k); ANALYZE bu; ANALYZE bc; ANALYZE bench_slot; ANALYZE bench_answer;`,
  );
  const { rows: nc } = await c.query(`SELECT count(*)::int AS n FROM bc`);
  if (nc[0].n < ASSIGNMENTS)
    throw new Error(`the catalogue has ${nc[0].n} live challenges; the cohort needs ${ASSIGNMENTS}`);

  // The cohort: 200 students spread over the activity range (every 50th), 40 assignments with due
  // dates from 20 days ago to 2 months ahead, and its instructor.
  await step(
    `cohort of ${COHORT_STUDENTS} students, ${ASSIGNMENTS} assignments, 1 instructor`,
    `INSERT INTO "Cohort" (id, name, "joinCode", "updatedAt") VALUES (gen_random_uuid(), 'Bench cohort', 'BENCHWEB', now());
     INSERT INTO "User" (id, email, name, "displayName", "passwordHash", role, "updatedAt")
       VALUES (gen_random_uuid(), '${INSTRUCTOR_EMAIL}', 'Bench Instructor', 'bench-instructor', '!bench-no-login', 'INSTRUCTOR', now());
     INSERT INTO "Membership" ("userId", "cohortId", role)
       SELECT u.id, c.id, 'INSTRUCTOR' FROM "User" u, "Cohort" c WHERE u.email = '${INSTRUCTOR_EMAIL}' AND c."joinCode" = 'BENCHWEB';
     INSERT INTO "Membership" ("userId", "cohortId", role)
       SELECT bu.id, c.id, 'STUDENT' FROM bu, "Cohort" c WHERE c."joinCode" = 'BENCHWEB' AND bu.k % ${STUDENTS / COHORT_STUDENTS} = 0;
     INSERT INTO "Assignment" (id, "cohortId", "challengeId", "opensAt", "dueAt")
       SELECT gen_random_uuid(), c.id, bc.id, now() - interval '30 days', now() + (bc.k - 10) * interval '2 days'
       FROM bc, "Cohort" c WHERE c."joinCode" = 'BENCHWEB' AND bc.k < ${ASSIGNMENTS};
     CREATE UNLOGGED TABLE bm AS SELECT (row_number() OVER (ORDER BY m."userId") - 1)::int AS k, m."userId" AS id
       FROM "Membership" m JOIN "Cohort" c ON c.id = m."cohortId" WHERE c."joinCode" = 'BENCHWEB' AND m.role = 'STUDENT';
     CREATE UNIQUE INDEX ON bm (k); ANALYZE bm;`,
  );

  // Who submitted what and when, with the answer template (ak) each submission uses. Students are
  // uneven (a few very active, most light); 0.2 % of the attempts end as platform errors.
  await c.query(
    `CREATE UNLOGGED TABLE bench_sub (id uuid, uid uuid, cid uuid, vid uuid, cohort uuid, ak int, at timestamptz, err boolean, late boolean)`,
  );
  await step(
    `${SUBMISSIONS} submissions (staging)`,
    `INSERT INTO bench_sub
     SELECT pg_temp.uuid7(s.at), bu.id, bc.id, bc.vid, NULL, sl.ak, s.at, s.err, false
     FROM (SELECT floor(power(random(), 2) * ${STUDENTS})::int AS uk,
                  floor(power(random(), 1.5) * (SELECT count(*) FROM bc))::int AS ck,
                  floor(random() * ${SLOTS})::int AS slot, random() < 0.002 AS err,
                  now() - interval '1 hour' - random() * interval '90 days' AS at
           FROM generate_series(1, ${SUBMISSIONS}) g) s
     JOIN bu ON bu.k = s.uk JOIN bc ON bc.k = s.ck JOIN bench_slot sl ON sl.cid = bc.id AND sl.slot = s.slot`,
  );
  await step(
    `${COHORT_SUBMISSIONS} cohort submissions (staging)`,
    `INSERT INTO bench_sub
     SELECT pg_temp.uuid7(s.at), bm.id, bc.id, bc.vid, a."cohortId", sl.ak, s.at, s.err, s.at > a."dueAt"
     FROM (SELECT floor(random() * ${COHORT_STUDENTS})::int AS uk, floor(random() * ${ASSIGNMENTS})::int AS ck,
                  floor(random() * ${SLOTS})::int AS slot, random() < 0.002 AS err,
                  now() - interval '1 hour' - random() * interval '29 days' AS at
           FROM generate_series(1, ${COHORT_SUBMISSIONS}) g) s
     JOIN bm ON bm.k = s.uk JOIN bc ON bc.k = s.ck JOIN bench_slot sl ON sl.cid = bc.id AND sl.slot = s.slot
     JOIN "Assignment" a ON a."challengeId" = bc.id AND a."cohortId" = (SELECT id FROM "Cohort" WHERE "joinCode" = 'BENCHWEB')`,
  );
  // As the worker writes them: report, score and points from the report; platform errors have none.
  await step(
    "Submission rows with their graded reports",
    `INSERT INTO "Submission" (id, "userId", "challengeId", "challengeVersionId", "cohortId", answer, status, gradable, score, points,
                               report, timings, "errorMessage", late, "queuedAt", "startedAt", "gradedAt")
     SELECT s.id, s.uid, s.cid, s.vid, s.cohort, a.answer,
            CASE WHEN s.err THEN 'ERROR' ELSE 'GRADED' END::"SubmissionStatus",
            CASE WHEN s.err THEN NULL ELSE a.gradable END, CASE WHEN s.err THEN NULL ELSE a.score END,
            CASE WHEN s.err THEN NULL ELSE a.points END, CASE WHEN s.err THEN NULL ELSE a.report END,
            CASE WHEN s.err THEN '{"platformError":"connect ECONNREFUSED 127.0.0.1:5432"}'::jsonb
                 ELSE jsonb_build_object('queueMs', 40, 'loadMs', 2, 'gradeMs', 9) || (a.report -> 'timings') END,
            CASE WHEN s.err THEN 'grading failed because of a problem on our side, not in your answer: this attempt does not count. Submit again in a minute.' END,
            s.late, s.at, s.at + interval '40 ms', s.at + interval '55 ms'
     FROM bench_sub s JOIN bench_answer a ON a.ak = s.ak`,
  );
  await step(
    "SubmissionFailure rows (failing cases of gradable results)",
    `INSERT INTO "SubmissionFailure" ("submissionId", "caseId", "userId", "challengeId", "caseName", misconception)
     SELECT s.id, f."caseId", s.uid, s.cid, f."caseName", f.misconception
     FROM bench_sub s JOIN bench_failure f ON f.ak = s.ak WHERE NOT s.err`,
  );
  // As grade-submission.ts keeps them: per user and challenge over gradable results, reachedAt =
  // when the best points were first reached, solvedAt = first full score; totals over BestScore.
  await step(
    "BestScore",
    `INSERT INTO "BestScore" ("userId", "challengeId", "bestScore", "bestPoints", "reachedAt", attempts, "solvedAt")
     SELECT "userId", "challengeId", max(score), max(points),
            (array_agg("gradedAt" ORDER BY points DESC, "gradedAt" ASC))[1], count(*),
            min("gradedAt") FILTER (WHERE score >= 1)
     FROM "Submission" WHERE status = 'GRADED' AND gradable GROUP BY "userId", "challengeId"`,
  );
  await step(
    "UserTotal",
    `INSERT INTO "UserTotal" ("userId", "totalPoints", "solvedCount", "reachedAt")
     SELECT b."userId", sum(b."bestPoints"), count(b."solvedAt"),
            COALESCE(max(b."reachedAt") FILTER (WHERE b."bestPoints" > 0),
                     (SELECT max(s."gradedAt") FROM "Submission" s WHERE s."userId" = b."userId" AND s.gradable))
     FROM "BestScore" b GROUP BY b."userId"`,
  );
  await step("drop staging tables", `DROP TABLE bench_sub, bench_slot, bench_failure, bench_answer, bu, bc, bm`);
  await step("VACUUM ANALYZE", `VACUUM ANALYZE`);
  await c.query(`CREATE TABLE bench_meta (key text PRIMARY KEY, value text)`);
  await c.query(`INSERT INTO bench_meta VALUES ('seeded', $1)`, [SEED_VERSION]);
  const { rows: size } = await c.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
  await c.end();
  console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s (${size[0].s})`);
}

// ---------- processes ----------
let web: ChildProcess | undefined;
const tail: string[] = [];
function stopWeb() {
  if (web?.pid && web.exitCode === null && web.signalCode === null) {
    try {
      process.kill(-web.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    stopWeb();
    process.exit(130);
  });
}
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

/** Sequential requests: the full response time (the page streams, so this is the server's time) and TTFB. */
async function timeRequests(url: string, cookie: string, n: number) {
  const full: number[] = [];
  const ttfb: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  let html = "";
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const th = performance.now();
    html = await res.text();
    const te = performance.now();
    ttfb.push(th - t);
    full.push(te - t);
    bytes = html.length;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  return { full, ttfb, statuses, bytes, html };
}

async function sessionCookie(userId: string): Promise<string> {
  const { loadSessionUser } = await import("../../server/users/load-session-user");
  const user = (await loadSessionUser(userId, 0))!;
  const { encode } = await import("next-auth/jwt");
  const jwt = await encode({
    token: { sub: user.id, uid: user.id, sv: 0, role: user.role, name: user.name, email: user.email },
    secret: NEXTAUTH_SECRET,
  });
  return `next-auth.session-token=${jwt}`;
}

/** Gzipped (level 9) and raw size of each script, fetched once. */
const jsSizes = new Map<string, { raw: number; gz: number }>();
async function jsSize(url: string): Promise<{ raw: number; gz: number }> {
  const hit = jsSizes.get(url);
  if (hit) return hit;
  const buf = Buffer.from(await (await fetch(url)).arrayBuffer());
  const size = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  jsSizes.set(url, size);
  return size;
}

/**
 * First-load JS of a page: every script its HTML references, each gzipped (level 9), summed. That is
 * the <script src> tags plus the chunks named in the inline RSC payload (client components the page
 * hydrates, which the browser fetches before hydration); chunks loaded later by import() are not.
 */
async function firstLoadJs(base: string, path: string, cookie: string) {
  const res = await fetch(base + path, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]!);
  const payload = [...html.matchAll(/(?:\/_next\/)?static\/chunks\/[A-Za-z0-9_.~-]+\.js/g)].map((m) =>
    m[0].startsWith("/_next/") ? m[0] : `/_next/${m[0]}`,
  );
  const srcs = [...new Set([...tags, ...payload].map((s) => new URL(s, base).pathname))];
  let raw = 0;
  let gz = 0;
  const each: { src: string; gz: number }[] = [];
  for (const src of srcs) {
    const z = await jsSize(new URL(src, base).toString());
    raw += z.raw;
    gz += z.gz;
    each.push({ src, gz: z.gz });
  }
  return { status: res.status, chunks: srcs.length, raw, gz, each };
}

/**
 * What Chromium actually downloads until the editor is usable (first load plus the chunks loaded
 * right after hydration: the editor, the what-if simulator): every .js response, gzipped as above.
 */
async function jsUntilEditor(base: string, path: string, cookie: string) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext();
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: base }]);
    const page = await context.newPage();
    const urls = new Set<string>();
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.endsWith(".js")) urls.add(r.url());
    });
    const t0 = performance.now();
    await page.goto(base + path);
    await page.locator(".cm-content").first().waitFor({ timeout: 30_000 });
    const editorMs = performance.now() - t0;
    await page.waitForLoadState("networkidle");
    let gz = 0;
    for (const u of urls) gz += (await jsSize(u)).gz;
    return { chunks: urls.size, gz, editorMs };
  } finally {
    await browser.close();
  }
}

async function main() {
  const have = await seededVersion();
  if (RESEED || have !== SEED_VERSION) {
    if (have && !RESEED) console.log(`${DB_NAME} holds seed ${have}, not ${SEED_VERSION}: seeding again`);
    await seed();
  } else {
    console.log(`${DB_NAME} already seeded (${SEED_VERSION}; --reseed to start over); applying pending migrations`);
    const applied = await migrate(DATABASE_URL, { log: (l) => console.log(`  ${l}`) });
    if (applied.length) {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`VACUUM ANALYZE`);
      await c.end();
    }
  }
  if (SEED_ONLY) return;

  const { db } = await import("../../server/db");
  const [k] = await db().$queryRaw<
    { users: bigint; subs: bigint; failures: bigint; best: bigint; totals: bigint; challenges: bigint }[]
  >`
    SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Submission") AS subs,
           (SELECT count(*) FROM "SubmissionFailure") AS failures, (SELECT count(*) FROM "BestScore") AS best,
           (SELECT count(*) FROM "UserTotal") AS totals, (SELECT count(*) FROM "Challenge" WHERE "retiredAt" IS NULL) AS challenges`;
  console.log(
    `data: ${k!.users} users, ${k!.challenges} live challenges, ${k!.subs} submissions, ${k!.failures} SubmissionFailure, ${k!.best} BestScore, ${k!.totals} UserTotal rows`,
  );

  // The signed-in student: a cohort member ranked mid-board (so the page also looks up "my" row);
  // the cohort's instructor; the cohort's most-submitted challenge (for the clusters view).
  const [cohort] = await db().$queryRaw<{ id: string; students: bigint; subs: bigint }[]>`
    SELECT c.id, (SELECT count(*) FROM "Membership" m WHERE m."cohortId" = c.id AND m.role = 'STUDENT') AS students,
           (SELECT count(*) FROM "Submission" s WHERE s."cohortId" = c.id) AS subs
    FROM "Cohort" c WHERE c."joinCode" = 'BENCHWEB'`;
  const [me] = await db().$queryRaw<{ id: string; email: string; rank: bigint }[]>`
    SELECT u.id, u.email, r.rank FROM (
      SELECT t."userId", row_number() OVER (ORDER BY t."totalPoints" DESC, t."reachedAt", t."userId") AS rank FROM "UserTotal" t) r
    JOIN "User" u ON u.id = r."userId" JOIN "Membership" m ON m."userId" = u.id AND m."cohortId" = ${cohort!.id}::uuid
    ORDER BY r.rank OFFSET ${Math.floor(COHORT_STUDENTS / 2)} LIMIT 1`;
  const [teacher] = await db().$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE email = ${INSTRUCTOR_EMAIL}`;
  await db().$executeRaw`
    INSERT INTO "User" (id, email, name, "displayName", "passwordHash", role, "updatedAt")
    VALUES (gen_random_uuid(), ${ADMIN_EMAIL}, 'Bench Admin', 'bench-admin', '!bench-no-login', 'ADMIN', now())
    ON CONFLICT (email) DO NOTHING`;
  const [admin] = await db().$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE email = ${ADMIN_EMAIL}`;
  const [busiest] = await db().$queryRaw<{ id: string; slug: string; n: bigint }[]>`
    SELECT c.id, c.slug, count(*) AS n FROM "Submission" s JOIN "Challenge" c ON c.id = s."challengeId"
    WHERE s."userId" IN (SELECT "userId" FROM "Membership" WHERE "cohortId" = ${cohort!.id}::uuid AND role = 'STUDENT')
    GROUP BY c.id, c.slug ORDER BY n DESC LIMIT 1`;
  const student = await sessionCookie(me!.id);
  const instructor = await sessionCookie(teacher!.id);
  const adminCookie = await sessionCookie(admin!.id);
  console.log(
    `student ${me!.email} (rank ${me!.rank}, cohort member); instructor ${INSTRUCTOR_EMAIL}; cohort ${cohort!.id}: ${cohort!.students} students, ${cohort!.subs} cohort submissions; busiest challenge ${busiest!.slug} (${busiest!.n} submissions by the cohort's students)`,
  );

  if (DIRECT) {
    const { loadSessionUser } = await import("../../server/users/load-session-user");
    const su = (await loadSessionUser(me!.id, 0))!;
    const iu = (await loadSessionUser(teacher!.id, 0))!;
    const { getLeaderboard } = await import("../../server/leaderboard/get-leaderboard");
    const { listCatalog } = await import("../../server/challenges/list-catalog");
    const { getProgressMatrix } = await import("../../server/instructor/get-progress-matrix");
    const { getAnalytics } = await import("../../server/analytics/get-analytics");
    const direct = async (name: string, fn: () => Promise<unknown>, n = Math.min(REQUESTS, 50), warm = 5) => {
      for (let i = 0; i < warm; i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await fn();
        xs.push(performance.now() - t);
      }
      console.log(
        `  ${name.padEnd(36)} p50 ${f1(q(xs, 50)).padStart(7)} ms  p95 ${f1(q(xs, 95)).padStart(7)} ms  (${n} calls)`,
      );
    };
    console.log(`\nserver functions, called directly (sequential; loadavg ${loadavg()}):`);
    await direct("getLeaderboard(page 1)", () => getLeaderboard(su, { page: 1 }));
    await direct("getLeaderboard(page 200)", () => getLeaderboard(su, { page: 200 }));
    await direct("getLeaderboard(cohort)", () => getLeaderboard(su, { page: 1, cohortId: cohort!.id }));
    await direct("listCatalog()", () => listCatalog(su, {}));
    await direct("getProgressMatrix()", () => getProgressMatrix(iu, cohort!.id, {}));
    await direct("getAnalytics(cohort), uncached", () => getAnalytics(iu, { cohortId: cohort!.id }, { cache: false }));
    await direct("getAnalytics(cohort)", () => getAnalytics(iu, { cohortId: cohort!.id }));
    await direct("getAnalytics(cohort, challenge), uncached", () =>
      getAnalytics(iu, { cohortId: cohort!.id, challengeId: busiest!.id }, { cache: false }),
    );
    await direct("getAnalytics(cohort, challenge)", () =>
      getAnalytics(iu, { cohortId: cohort!.id, challengeId: busiest!.id }),
    );
    const au = (await loadSessionUser(admin!.id, 0))!;
    await direct("getAnalytics(platform), uncached", () => getAnalytics(au, {}, { cache: false }), 3, 1);
    await direct("getAnalytics(platform)", () => getAnalytics(au, {}));
  }

  if (REBUILD || !existsSync(`${DIST}/BUILD_ID`)) {
    console.log(`building the app into ${DIST} (npx next build)…`);
    const b = spawn("npx", ["next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if ((await new Promise<number | null>((r) => b.once("exit", r))) !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  web = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      NEXTAUTH_SECRET,
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (d: Buffer) => tail.push(...d.toString().split("\n").filter(Boolean));
  web.stdout!.on("data", keep);
  web.stderr!.on("data", keep);
  for (let start = Date.now(); ; await sleep(100)) {
    if (web.exitCode !== null) throw new Error(`next start exited:\n${tail.join("\n")}`);
    if (Date.now() - start > 90_000) throw new Error(`next start not ready:\n${tail.join("\n")}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
  }

  const pages: {
    label: string;
    path: string;
    cookie: string;
    role: string;
    p50: number;
    p95: number;
    check: RegExp;
    requests?: number;
  }[] = [
    {
      label: "leaderboard",
      path: "/leaderboard",
      cookie: student,
      role: "student",
      p50: 50,
      p95: 150,
      check: /Leaderboard/,
    },
    {
      label: "leaderboard, page 200",
      path: "/leaderboard?page=200",
      cookie: student,
      role: "student",
      p50: 50,
      p95: 150,
      check: /Leaderboard/,
    },
    {
      label: "cohort leaderboard",
      path: `/cohorts/${cohort!.id}/leaderboard`,
      cookie: student,
      role: "student",
      p50: 50,
      p95: 150,
      check: /Cohort leaderboard/,
    },
    { label: "catalog", path: "/challenges", cookie: student, role: "student", p50: 50, p95: 150, check: /Challenges/ },
    {
      label: "progress matrix",
      path: `/instructor/cohorts/${cohort!.id}`,
      cookie: instructor,
      role: "instructor",
      p50: 150,
      p95: NaN,
      check: /Student 1\b|student/i,
    },
    {
      label: "analytics (cohort)",
      path: `/instructor/analytics?cohort=${cohort!.id}`,
      cookie: instructor,
      role: "instructor",
      p50: 150,
      p95: NaN,
      check: /Solve rate by challenge/,
    },
    {
      label: "analytics (cohort, 1 challenge)",
      path: `/instructor/analytics?cohort=${cohort!.id}&challenge=${busiest!.id}`,
      cookie: instructor,
      role: "instructor",
      p50: 150,
      p95: NaN,
      check: /Clusters of equivalent wrong answers/,
    },
    // Not a target of the issues: the whole platform (1,050,000 submissions), for the record.
    {
      label: "admin analytics (platform)",
      path: "/admin/analytics",
      cookie: adminCookie,
      role: "admin",
      p50: NaN,
      p95: NaN,
      check: /Solve rate by challenge/,
      requests: 20,
    },
  ];
  const results: {
    label: string;
    path: string;
    role: string;
    p50: number;
    p95: number;
    ttfb: number;
    status: string;
    kb: number;
    ok: string;
    la: string;
  }[] = [];
  console.log(
    `\npages over HTTP (next start from ${DIST}, ${base}): ${WARMUP} warm-up then ${REQUESTS} sequential requests each`,
  );
  for (const p of pages) {
    const n = Math.min(REQUESTS, p.requests ?? REQUESTS);
    await timeRequests(base + p.path, p.cookie, Math.min(WARMUP, n));
    const la = loadavg();
    const r = await timeRequests(base + p.path, p.cookie, n);
    const st = [...r.statuses].map(([s, c]) => `${s}x${c}`).join(" ");
    if (!p.check.test(r.html))
      console.log(`  warning: ${p.path} did not render what was expected (${r.html.slice(0, 200)}…)`);
    const p50 = q(r.full, 50);
    const p95 = q(r.full, 95);
    const meets = p50 < p.p50 && (Number.isNaN(p.p95) || p95 < p.p95) && st === `200x${n}`;
    results.push({
      label: p.label,
      path: p.path.replace(cohort!.id, "<cohort>").replace(busiest!.id, "<challenge>"),
      role: p.role,
      p50,
      p95,
      ttfb: q(r.ttfb, 50),
      status: st,
      kb: r.bytes / 1024,
      ok: Number.isNaN(p.p50)
        ? "(no target)"
        : `${meets ? "yes" : "NO"} (p50 < ${p.p50}${Number.isNaN(p.p95) ? "" : `, p95 < ${p.p95}`})`,
      la,
    });
    console.log(`  ${p.label}: p50 ${f1(p50)} ms, p95 ${f1(p95)} ms (loadavg ${la})`);
  }

  // The challenge page's first-load JavaScript: a policy challenge and a trigger challenge; then
  // what the browser has downloaded once the editor is there (--no-browser skips that).
  const js: { path: string; status: number; chunks: number; raw: number; gz: number; withEditor: string }[] = [];
  for (const slug of ["s3-tls-only", "cognito-pre-token-groups-v2"]) {
    const r = await firstLoadJs(base, `/challenges/${slug}`, student);
    let withEditor = "not measured";
    if (!argv.includes("--no-browser")) {
      try {
        const b = await jsUntilEditor(base, `/challenges/${slug}`, student);
        withEditor = `${(b.gz / 1024).toFixed(1)} KB in ${b.chunks} chunks (editor after ${b.editorMs.toFixed(0)} ms)`;
      } catch (e) {
        withEditor = `browser failed: ${(e as Error).message.split("\n")[0]}`;
      }
    }
    js.push({ path: `/challenges/${slug}`, ...r, withEditor });
    if (argv.includes("--chunks"))
      for (const e of r.each.sort((a, b) => b.gz - a.gz))
        console.log(`    ${(e.gz / 1024).toFixed(1).padStart(6)} KB  ${e.src}`);
  }

  if (tail.some((l) => l.includes('"level":50') || l.includes("Error")))
    console.log(`web server errors (last lines):\n${tail.slice(-5).join("\n").slice(0, 3000)}`);

  const pad = (s: string, n: number) => s.padEnd(n);
  const lpad = (s: string, n: number) => s.padStart(n);
  console.log(
    `\n## bench:web (${new Date().toISOString()}; ${k!.users} users, ${k!.subs} submissions; loadavg now ${loadavg()})\n`,
  );
  console.log(
    `| ${pad("page", 32)} | ${pad("path", 48)} | ${pad("as", 10)} | ${lpad("p50 ms", 8)} | ${lpad("p95 ms", 8)} | ${lpad("ttfb p50", 8)} | ${pad("status", 8)} | ${lpad("KB", 5)} | ${pad("meets target", 30)} |`,
  );
  console.log(
    `|${"-".repeat(34)}|${"-".repeat(50)}|${"-".repeat(12)}|${"-".repeat(10)}:|${"-".repeat(10)}:|${"-".repeat(10)}:|${"-".repeat(10)}|${"-".repeat(6)}:|${"-".repeat(32)}|`,
  );
  for (const r of results)
    console.log(
      `| ${pad(r.label, 32)} | ${pad(r.path, 48)} | ${pad(r.role, 10)} | ${lpad(f1(r.p50), 8)} | ${lpad(f1(r.p95), 8)} | ${lpad(f1(r.ttfb), 8)} | ${pad(r.status, 8)} | ${lpad(r.kb.toFixed(0), 5)} | ${pad(r.ok, 30)} |`,
    );
  console.log(
    `\n| ${pad("challenge page, first-load JS", 40)} | status | chunks | ${lpad("raw KB", 7)} | ${lpad("gzip KB", 7)} | meets target | JS downloaded once the editor is ready (gzip) |`,
  );
  console.log(`|${"-".repeat(42)}|--------|--------|--------:|--------:|--------------|${"-".repeat(46)}|`);
  for (const j of js)
    console.log(
      `| ${pad(j.path, 40)} | ${lpad(String(j.status), 6)} | ${lpad(String(j.chunks), 6)} | ${lpad((j.raw / 1024).toFixed(0), 7)} | ${lpad((j.gz / 1024).toFixed(1), 7)} | ${j.gz / 1024 < 300 ? "yes" : "NO"} (< 300)   | ${pad(j.withEditor, 44)} |`,
    );
  console.log(
    `\nserver time = full response time of a sequential request on localhost (the pages stream, so the last byte is when the server finished)`,
  );
  await db().$disconnect();
}

main()
  .then(() => {
    stopWeb();
    process.exit(0);
  })
  .catch((e: Error) => {
    console.error(e.stack ?? e.message);
    stopWeb();
    process.exit(1);
  });
