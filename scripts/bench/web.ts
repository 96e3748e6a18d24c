// npm run bench:web: server time of the leaderboard and catalog pages at scale, plus the challenge
// page's first-load JavaScript. Seeds `bastion_benchweb` once (SQL, generate_series): 10,000
// students, the real catalogue (challenges/), 1,000,000 submissions with the BestScore and UserTotal
// rows they imply, and one cohort of 200 students x 40 assignments with 50,000 more submissions.
//
//   npm run bench:web                 # seeds if needed, then measures
//   npm run bench:web -- --reseed     # drop and seed again
//   npm run bench:web -- --requests 200 --concurrency 4
//   npm run bench:web -- --seed-only    # only make sure the data is there
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadEnv } from "../../server/env-file";
import { dbUrl, freshDatabase } from "../../tests/helpers/test-db";

loadEnv();

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const RESEED = argv.includes("--reseed");
const REQUESTS = Number(flag("requests") ?? 200);
const CONC = Number(flag("concurrency") ?? 4);
const SEED_ONLY = argv.includes("--seed-only");

const DB_NAME = "bastion_benchweb";
const DATABASE_URL = dbUrl(DB_NAME);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `benchweb_${randomBytes(3).toString("hex")}`;
const NEXTAUTH_SECRET =
  process.env.NEXTAUTH_SECRET && process.env.NEXTAUTH_SECRET.length >= 32
    ? process.env.NEXTAUTH_SECRET
    : randomBytes(32).toString("hex");
Object.assign(process.env, { DATABASE_URL, REDIS_URL, REDIS_PREFIX, NEXTAUTH_SECRET, LOG_LEVEL: "warn" });

const STUDENTS = 10_000;
const SUBMISSIONS = 1_000_000;
const COHORT_STUDENTS = 200;
const ASSIGNMENTS = 40;
const COHORT_SUBMISSIONS = 50_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

// ---------- seeding ----------
async function seeded(): Promise<boolean> {
  const c = new pg.Client({ connectionString: dbUrl("postgres") });
  await c.connect();
  const { rowCount } = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME]);
  await c.end();
  if (!rowCount) return false;
  const d = new pg.Client({ connectionString: DATABASE_URL });
  await d.connect();
  try {
    const { rows } = await d.query(`SELECT value FROM bench_meta WHERE key = 'seeded'`);
    return rows[0]?.value === "v1";
  } catch {
    return false;
  } finally {
    await d.end();
  }
}

async function seed() {
  const t0 = Date.now();
  console.log(`seeding ${DB_NAME}: fresh database, migrations, challenges/ sync…`);
  await freshDatabase(DB_NAME);
  const { syncChallenges } = await import("../../server/challenges/sync-challenges");
  const { db } = await import("../../server/db");
  await syncChallenges({ dir: "challenges" });
  await db().$disconnect();
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  const step = async (what: string, sql: string) => {
    const t = Date.now();
    const r = await c.query(sql);
    console.log(`  ${what}: ${r.rowCount ?? ""} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await step("synchronous_commit off for the seed", `SET synchronous_commit = off`);
  await step("work_mem", `SET work_mem = '256MB'`);
  // The cohort needs 40 assignments; if the catalogue has fewer live challenges, add clones of them.
  const { rows: live } = await c.query(
    `SELECT count(*)::int AS n FROM "Challenge" WHERE "retiredAt" IS NULL AND "currentVersionId" IS NOT NULL`,
  );
  const missing = Math.max(0, ASSIGNMENTS - live[0].n);
  if (missing > 0) {
    await step(
      `clone ${missing} challenge(s) to reach ${ASSIGNMENTS}`,
      `WITH src AS (
         SELECT c.*, v.spec, v."contentHash", row_number() OVER (ORDER BY c.slug) AS k
         FROM "Challenge" c JOIN "ChallengeVersion" v ON v.id = c."currentVersionId" WHERE c."retiredAt" IS NULL),
       picked AS (SELECT *, gen_random_uuid() AS nid, gen_random_uuid() AS nvid FROM src WHERE k <= ${missing}),
       ch AS (INSERT INTO "Challenge" (id, slug, title, kind, difficulty, points, domain, tags)
              SELECT nid, slug || '-bench-copy', title || ' (bench copy)', kind, difficulty, points, domain, tags FROM picked RETURNING id),
       ver AS (INSERT INTO "ChallengeVersion" (id, "challengeId", "contentHash", spec)
               SELECT nvid, nid, "contentHash", spec FROM picked, ch WHERE ch.id = picked.nid RETURNING id, "challengeId")
       UPDATE "Challenge" x SET "currentVersionId" = ver.id FROM ver WHERE x.id = ver."challengeId"`,
    );
  }
  await step(
    `${STUDENTS} students`,
    `INSERT INTO "User" (id, email, name, "displayName", "passwordHash", role, "updatedAt")
     SELECT gen_random_uuid(), 'bw-' || lpad(g::text, 5, '0') || '@example.com', 'Student ' || g, 'student-' || g, '!bench-no-login', 'STUDENT', now()
     FROM generate_series(1, ${STUDENTS}) g`,
  );
  await step(
    "challenge and user lookup tables",
    `CREATE TEMP TABLE bu AS SELECT row_number() OVER (ORDER BY email) - 1 AS k, id FROM "User" WHERE email LIKE 'bw-%';
     CREATE TEMP TABLE bc AS SELECT row_number() OVER (ORDER BY slug) - 1 AS k, id, "currentVersionId" AS vid, points FROM "Challenge" WHERE "retiredAt" IS NULL AND "currentVersionId" IS NOT NULL;
     CREATE UNIQUE INDEX ON bu (k); CREATE UNIQUE INDEX ON bc (k); ANALYZE bu; ANALYZE bc;`,
  );
  // Students are uneven: a few very active, most light. Scores in quarters, 5 % ungradable.
  const subs = (n: number, userExpr: string, challengeExpr: string, cohort: string) => `
    INSERT INTO "Submission" (id, "userId", "challengeId", "challengeVersionId", "cohortId", answer, status, gradable, score, points, timings, "queuedAt", "startedAt", "gradedAt")
    SELECT gen_random_uuid(), bu.id, bc.id, bc.vid, ${cohort}, '{"Version":"2012-10-17","Statement":[]}', 'GRADED',
           s.gradable, CASE WHEN s.gradable THEN s.score END, CASE WHEN s.gradable THEN s.score * bc.points END,
           '{"queueMs":3,"loadMs":1,"gradeMs":4}'::jsonb, s.at, s.at + interval '5 ms', s.at + interval '12 ms'
    FROM (SELECT g, ${userExpr} AS uk, ${challengeExpr} AS ck, random() > 0.05 AS gradable,
                 floor(random() * 5) / 4 AS score, now() - random() * interval '90 days' AS at
          FROM generate_series(1, ${n}) g) s
    JOIN bu ON bu.k = s.uk JOIN bc ON bc.k = s.ck`;
  await step(
    `${SUBMISSIONS} submissions`,
    subs(
      SUBMISSIONS,
      `floor(power(random(), 2) * ${STUDENTS})::int`,
      `floor(power(random(), 1.5) * (SELECT count(*) FROM bc))::int`,
      "NULL::uuid",
    ),
  );
  await step(
    `cohort of ${COHORT_STUDENTS} students, ${ASSIGNMENTS} assignments`,
    `INSERT INTO "Cohort" (id, name, "joinCode", "updatedAt") VALUES (gen_random_uuid(), 'Bench cohort', 'BENCHWEB', now());
     INSERT INTO "Membership" ("userId", "cohortId", role) SELECT bu.id, c.id, 'STUDENT' FROM bu, "Cohort" c WHERE c."joinCode" = 'BENCHWEB' AND bu.k < ${COHORT_STUDENTS};
     INSERT INTO "Assignment" (id, "cohortId", "challengeId", "opensAt", "dueAt")
       SELECT gen_random_uuid(), c.id, bc.id, now() - interval '30 days', now() + (bc.k - 10) * interval '2 days'
       FROM bc, "Cohort" c WHERE c."joinCode" = 'BENCHWEB' AND bc.k < ${ASSIGNMENTS};`,
  );
  await step(
    `${COHORT_SUBMISSIONS} cohort submissions`,
    subs(
      COHORT_SUBMISSIONS,
      `floor(random() * ${COHORT_STUDENTS})::int`,
      `floor(random() * LEAST(${ASSIGNMENTS}, (SELECT count(*) FROM bc)))::int`,
      `(SELECT id FROM "Cohort" WHERE "joinCode" = 'BENCHWEB')`,
    ),
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
  await step("VACUUM ANALYZE", `VACUUM ANALYZE`);
  await step(
    "marker",
    `CREATE TABLE bench_meta (key text PRIMARY KEY, value text); INSERT INTO bench_meta VALUES ('seeded', 'v1')`,
  );
  await c.end();
  console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
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

async function timeRequests(
  url: string,
  cookie: string,
  n: number,
  conc: number,
): Promise<{ full: number[]; ttfb: number[]; statuses: Map<number, number>; bytes: number }> {
  const full: number[] = [];
  const ttfb: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  const one = async () => {
    while (next < n) {
      next++;
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
      const th = performance.now();
      const body = await res.text();
      const te = performance.now();
      ttfb.push(th - t);
      full.push(te - t);
      bytes = body.length;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: conc }, one));
  return { full, ttfb, statuses, bytes };
}

async function main() {
  if (RESEED || !(await seeded())) await seed();
  else console.log(`${DB_NAME} already seeded (use --reseed to start over)`);
  if (SEED_ONLY) return;

  const { db } = await import("../../server/db");
  const counts = await db().$queryRaw<
    { users: bigint; subs: bigint; best: bigint; totals: bigint; challenges: bigint }[]
  >`
    SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Submission") AS subs, (SELECT count(*) FROM "BestScore") AS best,
           (SELECT count(*) FROM "UserTotal") AS totals, (SELECT count(*) FROM "Challenge" WHERE "retiredAt" IS NULL) AS challenges`;
  const k = counts[0];
  console.log(
    `data: ${k.users} users, ${k.challenges} live challenges, ${k.subs} submissions, ${k.best} BestScore, ${k.totals} UserTotal rows`,
  );

  // The signed-in student: a cohort member ranked mid-board (so the page also looks up "my" row).
  const [me] = await db().$queryRaw<{ id: string; email: string }[]>`
    SELECT u.id, u.email FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "UserTotal" t ON t."userId" = u.id
    ORDER BY t."totalPoints" DESC, u.id OFFSET ${Math.floor(COHORT_STUDENTS / 2)} LIMIT 1`;
  const { loadSessionUser } = await import("../../server/users/load-session-user");
  const user = (await loadSessionUser(me.id, 0))!;
  const { encode } = await import("next-auth/jwt");
  const jwt = await encode({
    token: { sub: me.id, uid: me.id, sv: 0, role: "STUDENT", name: user.name, email: user.email },
    secret: NEXTAUTH_SECRET,
  });
  const cookie = `next-auth.session-token=${jwt}`;
  console.log(`signed in as ${me.email} (cohort member)`);

  // Direct: the server functions in this process.
  const { getLeaderboard } = await import("../../server/leaderboard/get-leaderboard");
  const { listCatalog } = await import("../../server/challenges/list-catalog");
  const direct = async (name: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const xs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    console.log(
      `  ${name.padEnd(34)} p50 ${f1(q(xs, 50))} ms  p95 ${f1(q(xs, 95))} ms  (${REQUESTS} calls; loadavg ${loadavg()})`,
    );
  };
  console.log(`\nserver functions, called directly (sequential):`);
  await direct("getLeaderboard(page 1)", () => getLeaderboard(user, { page: 1 }));
  await direct("getLeaderboard(page 200)", () => getLeaderboard(user, { page: 200 }));
  await direct("listCatalog()", () => listCatalog(user, {}));

  if (!existsSync(".next/BUILD_ID")) {
    console.log("no production build (.next/BUILD_ID missing): npx next build…");
    const b = spawn("npx", ["next", "build"], { stdio: "inherit" });
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

  console.log(`\npages over HTTP (next start, ${base}); full response time (TTFB in brackets):`);
  for (const path of ["/leaderboard", "/challenges"]) {
    await timeRequests(base + path, cookie, 20, 1); // warm-up
    for (const conc of [1, CONC]) {
      const la = loadavg();
      const r = await timeRequests(base + path, cookie, REQUESTS, conc);
      const st = [...r.statuses].map(([s, n]) => `${s}x${n}`).join(" ");
      console.log(
        `  ${path.padEnd(13)} ${conc === 1 ? "sequential  " : `${conc} concurrent`}  p50 ${f1(q(r.full, 50))} ms  p95 ${f1(q(r.full, 95))} ms  [ttfb p50 ${f1(q(r.ttfb, 50))}, p95 ${f1(q(r.ttfb, 95))}]  ${REQUESTS} req, status ${st}, ${(r.bytes / 1024).toFixed(0)} KB html; loadavg ${la}`,
      );
    }
  }

  if (tail.some((l) => l.includes('"level":50') || l.includes("Error")))
    console.log(`web server errors (last lines):\n${tail.slice(-5).join("\n").slice(0, 3000)}`);

  // The challenge page's first-load JavaScript: every script chunk its HTML references, gzipped.
  const routes = existsSync(".next/app-path-routes-manifest.json")
    ? (JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>)
    : {};
  if (Object.values(routes).includes("/challenges/[slug]")) {
    const res = await fetch(`${base}/challenges/s3-tls-only`, { headers: { cookie }, redirect: "manual" });
    const html = await res.text();
    const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
    let raw = 0;
    let gz = 0;
    for (const src of srcs) {
      const buf = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    console.log(
      `\n/challenges/s3-tls-only (status ${res.status}): first-load JS ${srcs.length} chunks, ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (target < 300 KB)`,
    );
  } else {
    console.log(`\n/challenges/[slug] is not in this build: no first-load JS figure`);
  }
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
