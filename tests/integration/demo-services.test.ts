import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Runs the real launcher in its detection-only mode, with the environment each case needs.
function detect(env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.REDIS_URL;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo/launch.ts", "--check-services"], {
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
    cwd: resolve("."),
  });
  const json = r.stdout.split("\n").find((l) => l.startsWith("{"));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, result: json ? JSON.parse(json) : null };
}

/** A PATH holding node and tsx only: no redis-server. */
function pathWithoutRedis(): string {
  const dir = mkdtempSync(join(tmpdir(), "bastion-path-"));
  symlinkSync(process.execPath, join(dir, "node"));
  return dir;
}

describe("demo launcher: finding Postgres and Redis", () => {
  it("reuses the Postgres and Redis answering on their default ports", () => {
    const r = detect({});
    expect(r.status).toBe(0);
    expect(r.result.postgres.source).toBe("local");
    expect(r.result.redis).toEqual({ url: "redis://127.0.0.1:6379", source: "local" });
  });

  it("uses DATABASE_URL and REDIS_URL when they are set and answer", () => {
    const r = detect({
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: "redis://127.0.0.1:6379/2",
    });
    expect(r.status).toBe(0);
    expect(r.result.postgres.source).toBe("env");
    expect(r.result.redis.source).toBe("env");
  });

  it("stops with a message naming how to get Redis when none answers and redis-server is not installed", () => {
    const r = detect({ BASTION_DEFAULT_REDIS_URL: "redis://127.0.0.1:1", PATH: pathWithoutRedis() });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("Bastion needs Redis");
    expect(r.stderr).toContain("docker compose up -d redis");
    expect(r.stderr).toContain("apt-get install redis-server");
  });

  it("starts redis-server from PATH under .data/redis when no Redis answers, and stops it again", () => {
    const r = detect({ BASTION_DEFAULT_REDIS_URL: "redis://127.0.0.1:1", BASTION_STARTED_REDIS_PORT: "6391" });
    expect(r.status).toBe(0);
    expect(r.result.redis).toEqual({ url: "redis://127.0.0.1:6391", source: "started" });
  });

  it("refuses a DATABASE_URL that does not answer instead of silently using another database", () => {
    const r = detect({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/bastion" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("DATABASE_URL is set but that Postgres does not answer");
  });
});
