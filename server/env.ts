import { z } from "zod";

/** Local defaults: the services a developer machine (and CI) already runs. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/bastion";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(DEFAULT_DATABASE_URL),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default(DEFAULT_REDIS_URL),
  /** Prefix of every Redis key (queue, rate limits, pub/sub), so test runs never touch the demo's keys. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i)
    .default("bastion"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Whoever signs up with this address becomes an admin. */
  ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email())
    .optional()
    .or(z.literal("").transform(() => undefined)),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Submissions a user may make in a burst (5 s) and per minute. */
  SUBMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(5),
  SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Bearer token a Prometheus scraper sends to /api/metrics (admins can read it signed in). */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** The validated environment. Throws one readable error listing every bad variable. */
export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join("\n")}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.NEXTAUTH_SECRET && !process.env.NEXT_PHASE) {
    throw new Error("invalid environment:\n  NEXTAUTH_SECRET: required in production (npm run demo generates one)");
  }
  cached = parsed.data;
  return cached;
}
