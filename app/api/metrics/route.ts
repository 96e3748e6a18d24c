import { timingSafeEqual } from "node:crypto";
import { apiActor } from "@/app/_lib/api-auth";
import { errorResponse } from "@/app/_lib/http";
import { AppError } from "@/server/errors";
import { requireAdmin } from "@/server/authz";
import { collectMetrics } from "@/server/metrics/collect-metrics";

export const dynamic = "force-dynamic";

function isScraper(req: Request): boolean {
  const expected = process.env.METRICS_TOKEN;
  const got = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  if (!expected || expected.length < 16 || got.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}

/** Prometheus metrics: for admins (session or API token) or a scraper holding METRICS_TOKEN. */
export async function GET(req: Request) {
  try {
    if (!isScraper(req)) {
      const actor = await apiActor(req);
      if (!actor) throw new AppError("unauthenticated", "sign in as an admin or send METRICS_TOKEN");
      requireAdmin(actor);
    }
    return new Response(await collectMetrics(), {
      headers: { "content-type": "text/plain; version=0.0.4", "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
