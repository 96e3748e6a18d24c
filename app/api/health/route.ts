import { jsonResponse } from "@/app/_lib/http";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/** Database and Redis reachability with latency: 200 when both answer, 503 otherwise. */
export async function GET() {
  const health = await checkHealth();
  return jsonResponse(health, { status: health.ok ? 200 : 503 });
}
