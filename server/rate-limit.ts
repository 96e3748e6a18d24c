import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis, redisKey } from "./redis";
import { AppError } from "./errors";

type TLimiter = RateLimiterRedis;
const limiters = new Map<string, TLimiter>();

/**
 * A limiter kept in Redis so it holds across web processes. While Redis is unreachable an
 * in-memory limiter with the same rule stands in (per process), so an outage neither blocks
 * everyone nor lifts the limit.
 */
function limiter(name: string, points: number, durationSec: number, blockSec = 0): TLimiter {
  const key = `${name}:${points}:${durationSec}`;
  let l = limiters.get(key);
  if (!l) {
    l = new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: redisKey("rl", name),
      points,
      duration: durationSec,
      blockDuration: blockSec,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSec, blockDuration: blockSec }),
    });
    limiters.set(key, l);
  }
  return l;
}

function retryAfter(res: unknown): number {
  return res instanceof RateLimiterRes ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 60;
}

/** Sign-in failures: 10 per 10 minutes per account and per IP address. */
export const LOGIN_FAILURES = { points: 10, durationSec: 600 };

function loginLimiters() {
  return {
    account: limiter("login-account", LOGIN_FAILURES.points, LOGIN_FAILURES.durationSec),
    ip: limiter("login-ip", LOGIN_FAILURES.points, LOGIN_FAILURES.durationSec),
  };
}

/** Throws rate-limited when the account or the IP has used up its failed sign-ins. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = loginLimiters();
  const [a, i] = await Promise.all([account.get(email), byIp.get(ip)]);
  const blocked = [a, i].find((r) => r && r.consumedPoints >= LOGIN_FAILURES.points);
  if (blocked) {
    const minutes = Math.ceil(retryAfter(blocked) / 60);
    throw new AppError(
      "rate-limited",
      `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
      { retryAfter: retryAfter(blocked) },
    );
  }
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = loginLimiters();
  await Promise.all([account.penalty(email, 1), byIp.penalty(ip, 1)]).catch(() => {});
}

export async function clearLoginFailures(email: string): Promise<void> {
  await loginLimiters()
    .account.delete(email)
    .catch(() => {});
}

/**
 * Consumes one point of a named limit for `key`; throws rate-limited with Retry-After when spent.
 * Used for submissions (20 a minute with a burst of 5 is two limits: 5 per 3 s and 20 per 60 s).
 */
export async function consume(name: string, key: string, points: number, durationSec: number): Promise<void> {
  try {
    await limiter(name, points, durationSec).consume(key, 1);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError("rate-limited", `too many requests: try again in ${retryAfter(e)} s`, {
        retryAfter: retryAfter(e),
      });
    }
    throw e;
  }
}
