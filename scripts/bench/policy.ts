// Benchmark of the policy core: requests per second and median microseconds per request, with
// and without explain, over the conformance corpus and over generated large policies
// (50 statements, several conditions each). Policies are compiled once, as the grader does.
// Timing is per batch (BATCH evaluations), so the median is meaningful at microsecond scale.
import { readdirSync, readFileSync } from "node:fs";
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

function largeSet(seed: number): TItem[] {
  const services = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "iam"];
  const statements = [];
  for (let i = 0; i < 50; i++) {
    const svc = services[(i + seed) % services.length];
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
  const boundary = compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  const items: TItem[] = [];
  for (let k = 0; k < 50; k++) {
    const svc = services[k % services.length];
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
      policies: { identity: [policy], permissionBoundary: boundary, scp: [[boundary]] },
    });
  }
  return items;
}

function bench(name: string, items: TItem[], explain: boolean): void {
  const opts = { explain };
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += evaluate(items[i % items.length], opts).decision.length; // warm up
  const perReq: number[] = [];
  let idx = 0;
  let total = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) {
      sink += evaluate(items[idx], opts).decision.length;
      idx = idx + 1 === items.length ? 0 : idx + 1;
    }
    const dt = performance.now() - t0;
    total += dt;
    perReq.push((dt * 1000) / BATCH);
  }
  perReq.sort((a, b) => a - b);
  const median = perReq[perReq.length >> 1];
  const rps = Math.round((ROUNDS * BATCH) / (total / 1000));
  console.log(
    `${name.padEnd(34)} explain=${String(explain).padEnd(5)}  ${rps.toLocaleString("en-US").padStart(12)} req/s   median ${median.toFixed(3)} us/req   (${items.length} requests, ${ROUNDS}x${BATCH})${sink < 0 ? "" : ""}`,
  );
}

const corpus = loadCorpus();
const large = largeSet(0);
console.log(`policy core benchmark (node ${process.version})`);
bench("corpus", corpus, false);
bench("corpus", corpus, true);
bench("large policies (50 statements)", large, false);
bench("large policies (50 statements)", large, true);
