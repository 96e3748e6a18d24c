// Benchmark of the policy core: requests per second and median microseconds per request, with
// and without explain, over the conformance corpus and over generated large policies
// (50 statements, several conditions each). Policies are compiled once, as the grader does.
// Timing is per batch (BATCH evaluations), so the median is meaningful at microsecond scale.
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  compile,
  evaluate,
  type TPolicySet,
  type TRequest,
  type TPolicyDocument,
  type TAnyPolicy,
} from "../../core/index";

const BATCH = 1000;
const ROUNDS = 60;

type TItem = { request: TRequest; policies: TPolicySet };

function compileSet(p: TPolicySet): TPolicySet {
  const c = (x: TAnyPolicy) => compile(x as TPolicyDocument);
  return {
    identity: p.identity?.map(c),
    resource: p.resource ? c(p.resource) : undefined,
    permissionBoundary: p.permissionBoundary ? c(p.permissionBoundary) : undefined,
    session: p.session ? c(p.session) : undefined,
    scp: p.scp?.map((l) => l.map(c)),
    rcp: p.rcp?.map((l) => l.map(c)),
  };
}

function loadCorpus(): TItem[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../../tests/core/cases");
  const items: TItem[] = [];
  for (const topic of readdirSync(root))
    for (const f of readdirSync(join(root, topic)).filter((x) => x.endsWith(".json")))
      for (const c of JSON.parse(readFileSync(join(root, topic, f), "utf8")) as TItem[])
        items.push({ request: c.request, policies: compileSet(c.policies) });
  return items;
}

/** Deterministic PRNG (mulberry32), so every run measures the same requests. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "iam"];

/**
 * One identity policy of 50 statements over 8 services (about 6 per service), each with three
 * action patterns, two resource patterns and six conditions (StringEquals on a principal tag and
 * the region, IpAddress, DateLessThan, StringLike with a policy variable, Bool); statements 16 and
 * 33 are Deny. Plus an allow-all permissions boundary and an allow-all SCP, as the grader sends.
 *
 * The requests are drawn (fixed seed) so that most statements do not match by action, some match
 * by action but not by resource, and the ones that match by resource often fail on a condition:
 * actions are Get/List (match the service's statements), DescribeN (matches one statement) or
 * Put/Delete (match none); resources are one statement's `thing-N/...` or `other-N-...`, or
 * unrelated; each context value is right most of the time, wrong or missing some of the time.
 */
function largeSet(seed: number, count: number): TItem[] {
  const statements = [];
  for (let i = 0; i < 50; i++) {
    const svc = SERVICES[(i + seed) % SERVICES.length];
    statements.push({
      Sid: `S${i}`,
      Effect: i % 17 === 16 ? "Deny" : "Allow",
      Action: [`${svc}:Get*`, `${svc}:Describe${i}*`, `${svc}:List*`],
      Resource: [`arn:aws:${svc}:us-east-1:111122223333:thing-${i}/*`, `arn:aws:${svc}:*:111122223333:other-${i}-*`],
      Condition: {
        StringEquals: {
          "aws:PrincipalTag/team": [`team-${i}`, "platform"],
          "aws:RequestedRegion": ["us-east-1", "eu-west-1"],
        },
        IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"] },
        DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" },
        StringLike: { "s3:prefix": [`home/\${aws:username}/*`, "public/*"] },
        Bool: { "aws:SecureTransport": "true" },
      },
    });
  }
  const policy = compile({ Version: "2012-10-17", Statement: statements });
  const allowAll = compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  const rnd = prng(seed + 1);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const items: TItem[] = [];
  for (let k = 0; k < count; k++) {
    const s = Math.floor(rnd() * 50); // the statement this request is aimed at
    const svc = SERVICES[(s + seed) % SERVICES.length];
    const a = rnd();
    const action =
      a < 0.55
        ? pick([`${svc}:GetThing`, `${svc}:GetObject`, `${svc}:ListThings`])
        : a < 0.75
          ? `${svc}:Describe${s}Thing`
          : pick([`${svc}:PutThing`, `${svc}:DeleteThing`]);
    const r = rnd();
    const region = pick(["us-east-1", "us-east-1", "us-east-1", "eu-west-1", "ap-south-1"]);
    const resource =
      r < 0.7
        ? `arn:aws:${svc}:us-east-1:111122223333:thing-${s}/${pick(["a", "b/c", "report.csv"])}`
        : r < 0.85
          ? `arn:aws:${svc}:${region}:111122223333:other-${s}-x`
          : `arn:aws:${svc}:us-east-1:111122223333:unrelated/${k}`;
    const user = pick(["alice", "alice", "bob"]);
    const context: Record<string, string | boolean> = {
      "aws:PrincipalTag/team": pick(["platform", "platform", "platform", `team-${s}`, "data"]),
      "aws:RequestedRegion": region,
      "aws:SourceIp": pick(["203.0.113.7", "10.1.2.3", "10.20.30.40", "198.51.100.9"]),
      "aws:CurrentTime": pick(["2026-01-01T00:00:00Z", "2026-06-15T12:30:00Z", "2031-02-01T00:00:00Z"]),
      "aws:SecureTransport": rnd() < 0.9,
    };
    const p = rnd();
    if (p < 0.75) context["s3:prefix"] = pick(["home/alice/docs", "home/alice/", "public/readme", "home/bob/x"]); // else missing
    items.push({
      request: { principal: `arn:aws:iam::111122223333:user/${user}`, action, resource, context },
      policies: { identity: [policy], permissionBoundary: allowAll, scp: [[allowAll]] },
    });
  }
  return items;
}

/**
 * The previous request set, kept for comparison: 50 requests, one per statement, all `GetThing`
 * on that statement's `thing-N/x` with the same context, so the ~6 statements of the service all
 * match by action, one matches by resource and runs its six conditions (two thirds pass).
 */
function largeSetUniform(seed: number): TItem[] {
  const policies = largeSet(seed, 1)[0].policies;
  const items: TItem[] = [];
  for (let k = 0; k < 50; k++) {
    const svc = SERVICES[k % SERVICES.length];
    items.push({
      request: {
        principal: "arn:aws:iam::111122223333:user/alice",
        action: `${svc}:GetThing`,
        resource: `arn:aws:${svc}:us-east-1:111122223333:thing-${k}/x`,
        context: {
          "aws:PrincipalTag/team": k % 3 ? "platform" : "none",
          "aws:RequestedRegion": "us-east-1",
          "aws:SourceIp": "203.0.113.7",
          "aws:CurrentTime": "2026-01-01T00:00:00Z",
          "s3:prefix": "home/alice/docs",
          "aws:SecureTransport": true,
        },
      },
      policies,
    });
  }
  return items;
}

/** What the set measures: per request, how far the identity policy's statements get, and the decisions. */
function describeSet(items: TItem[]): string {
  let byAction = 0;
  let byResource = 0;
  let failedCondition = 0;
  let applied = 0;
  let statements = 0;
  const decisions: Record<string, number> = {};
  for (const item of items) {
    const r = evaluate(item, { explain: true });
    decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
    for (const p of r.explain!.policies) {
      if (p.layer !== "identity") continue;
      for (const st of p.statements) {
        statements++;
        const kind = st.mismatch?.kind;
        if (kind !== "action") byAction++;
        if (kind !== "action" && kind !== "resource") byResource++;
        if (kind === "condition") failedCondition++;
        if (st.isApplied) applied++;
      }
    }
  }
  const per = (n: number) => (n / items.length).toFixed(2);
  const mix = Object.entries(decisions)
    .map(([d, n]) => `${d} ${Math.round((100 * n) / items.length)}%`)
    .join(", ");
  return `  per request: ${per(statements)} identity statements, ${per(byAction)} match the action, ${per(byResource)} also the resource, ${per(failedCondition)} then fail a condition, ${per(applied)} apply; decisions: ${mix}`;
}

function bench(name: string, items: TItem[], explain: boolean): void {
  const opts = { explain };
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += evaluate(items[i % items.length], opts).decision.length; // warm up
  const perReq: number[] = [];
  const cpuPerReq: number[] = [];
  let idx = 0;
  let total = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) {
      sink += evaluate(items[idx], opts).decision.length;
      idx = idx + 1 === items.length ? 0 : idx + 1;
    }
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    total += dt;
    perReq.push((dt * 1000) / BATCH);
    cpuPerReq.push((cpu.user + cpu.system) / BATCH);
  }
  perReq.sort((a, b) => a - b);
  cpuPerReq.sort((a, b) => a - b);
  const median = perReq[perReq.length >> 1];
  const rps = Math.round((ROUNDS * BATCH) / (total / 1000));
  console.log(
    `${name.padEnd(34)} explain=${String(explain).padEnd(5)}  ${rps.toLocaleString("en-US").padStart(12)} req/s   median ${median.toFixed(3)} us/req   (${items.length} requests, ${ROUNDS}x${BATCH}; process cpu median ${cpuPerReq[cpuPerReq.length >> 1].toFixed(3)} us/req)${sink < 0 ? "" : ""}`,
  );
}

const corpus = loadCorpus();
const large = largeSet(0, 200);
const uniform = largeSetUniform(0);
console.log(
  `policy core benchmark (node ${process.version}); each line: ${ROUNDS} samples of ${BATCH} evaluations after a warm-up, median per request`,
);
// the machine may be shared: a load average above the core count inflates every figure below
console.log(`  load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`);
console.log(`  corpus: ${corpus.length} conformance cases, as they are (small policies)`);
console.log(
  `  large: ${large.length} generated requests against one 50-statement identity policy + an allow-all boundary and SCP`,
);
console.log(describeSet(large));
console.log(
  `  large, uniform requests: the previous set (${uniform.length} requests, one per statement, all GetThing on its own resource)`,
);
console.log(describeSet(uniform));
bench("corpus", corpus, false);
bench("corpus", corpus, true);
bench("large policies (50 statements)", large, false);
bench("large policies (50 statements)", large, true);
bench("large, uniform requests", uniform, false);
bench("large, uniform requests", uniform, true);
