// A short `npm run chaos` (issue #9): its own Postgres cluster and redis-server, real worker
// processes, a steady load of submissions, and every kind of fault at least once. Nothing may be
// lost, nothing graded twice, and the scores must agree with the graded rows.
import { describe, expect, it } from "vitest";
import { FAULT_KINDS, formatReport, runChaos } from "../../scripts/chaos";

describe("chaos", () => {
  it("workers killed, Redis and Postgres restarted, the queue flooded: every submission graded once or ERROR with a reason", async () => {
    const report = await runChaos({
      seconds: 25,
      rate: 6,
      workers: 2,
      users: 12,
      faultEverySec: 1.5,
      floodSize: 60,
      quiescenceTimeoutSec: 200,
      log: () => {},
    });
    console.log(formatReport(report));
    for (const kind of FAULT_KINDS) expect(report.faults[kind], `fault ${kind}`).toBeGreaterThanOrEqual(1);
    expect(report.workersStarted).toBeGreaterThan(2);
    expect(report.submitted).toBeGreaterThan(100);
    expect(report.lost).toBe(0);
    expect(report.missing).toBe(0);
    expect(report.unfinished).toBe(0);
    expect(report.graded + report.error).toBe(report.rows);
    expect(report.errorWithoutReason).toBe(0);
    expect(report.gradedTwice).toBe(0);
    expect(report.gradedLogLines).toBeGreaterThan(0);
    expect(report.bestScoreMismatches).toBe(0);
    expect(report.totalMismatches).toBe(0);
    expect(report.failureRowMismatches).toBe(0);
    expect(report.violations).toEqual([]);
  }, 420_000);
});
