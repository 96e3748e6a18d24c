import { test, expect } from "vitest";
import ivm from "isolated-vm";
test("ivm loads", () => {
  const iso = new ivm.Isolate({ memoryLimit: 64 });
  const ctx = iso.createContextSync();
  expect(ctx.evalSync("1+1")).toBe(2);
  iso.dispose();
});
