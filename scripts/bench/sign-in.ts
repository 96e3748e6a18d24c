/**
 * `npm run bench:sign-in`: can an attacker tell an unknown email from a wrong password by the time
 * sign-in takes? Times `verifyCredentials` (the use case behind the sign-in form: rate limits,
 * lookup, argon2id) on a fresh database for three kinds of attempt, interleaved, each on its own
 * account and address so no rate limit interferes:
 *   wrong password   an existing account, a wrong password
 *   unknown email    no such account (the password is checked against a dummy hash)
 *   right password   for scale
 * Prints median, p10, p90 per kind and the median difference unknown - wrong.
 * Options: --n <attempts per kind> (default 60).
 */
import { randomBytes } from "node:crypto";
import { loadEnv } from "../../server/env-file";
import { migrate } from "../db/migrate-lib";
import { dbUrl, dropDatabase, freshDatabase } from "../../tests/helpers/test-db";

loadEnv();
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 5 || v > 1000) throw new Error(`--${name} must be an integer from 5 to 1000`);
  return v;
};
const N = arg("n", 60);
const DB_NAME = `bench_signin_${randomBytes(3).toString("hex")}`;
Object.assign(process.env, {
  DATABASE_URL: dbUrl(DB_NAME),
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_PREFIX: `benchsignin_${randomBytes(3).toString("hex")}`,
  LOG_LEVEL: "warn",
});

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main(): Promise<void> {
  const os = await import("node:os");
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}; ${N} attempts per kind`,
  );
  await freshDatabase(DB_NAME);
  try {
    await migrate(process.env.DATABASE_URL!, { log: () => {} });
    const { signUp } = await import("../../server/users/sign-up");
    const { verifyCredentials } = await import("../../server/users/verify-credentials");
    const { db } = await import("../../server/db");
    const { redis } = await import("../../server/redis");
    const password = "bench-password-" + randomBytes(6).toString("hex");
    const emails: string[] = [];
    for (let i = 0; i < 2 * N; i++) {
      const email = `bench-${i}-${randomBytes(3).toString("hex")}@example.com`;
      await signUp({ email, name: `Bench ${i}`, password });
      emails.push(email);
    }
    const times: Record<"wrong password" | "unknown email" | "right password", number[]> = {
      "wrong password": [],
      "unknown email": [],
      "right password": [],
    };
    const attempt = async (kind: keyof typeof times, email: string, pw: string, ip: string) => {
      const t = performance.now();
      await verifyCredentials(email, pw, ip).catch(() => undefined);
      times[kind].push(performance.now() - t);
    };
    // Warm-up (the dummy hash is made on first use; argon2's pool starts).
    await attempt("right password", emails[0], password, "198.18.0.1");
    await attempt("unknown email", "warm-up@example.com", password, "198.18.0.2");
    times["right password"] = [];
    times["unknown email"] = [];
    for (let i = 0; i < N; i++) {
      await attempt("wrong password", emails[i], "not-the-password", `198.18.1.${i % 250}`);
      await attempt(
        "unknown email",
        `nobody-${i}-${randomBytes(3).toString("hex")}@example.com`,
        "not-the-password",
        `198.18.2.${i % 250}`,
      );
      await attempt("right password", emails[N + i], password, `198.18.3.${i % 250}`);
    }
    for (const [kind, xs] of Object.entries(times)) {
      console.log(
        `  ${kind.padEnd(15)} median ${quantile(xs, 0.5).toFixed(1)} ms   p10 ${quantile(xs, 0.1).toFixed(1)}   p90 ${quantile(xs, 0.9).toFixed(1)}`,
      );
    }
    const diff = quantile(times["unknown email"], 0.5) - quantile(times["wrong password"], 0.5);
    const rel = (100 * diff) / quantile(times["wrong password"], 0.5);
    console.log(`  unknown email - wrong password: ${diff.toFixed(1)} ms median (${rel.toFixed(1)}%)`);
    await db().$disconnect();
    await redis().quit();
  } finally {
    await dropDatabase(DB_NAME);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
