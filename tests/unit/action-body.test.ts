import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkActionBody } from "@/app/_lib/action-body";

// What proxy.ts lets through to React's reply decoder: the bodies a browser sends for our forms and
// actions pass; the shapes that made the decoder fail with a bare 500 are refused with a message.
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://bastion.test/challenges/x", { method: "POST", body, headers });

function multipart(fields: [string, string][]): Request {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return post(form);
}

describe("checkActionBody", () => {
  it("passes what the browser sends: a plain argument list, with React's $-escapes and inline values", async () => {
    expect(await checkActionBody(post('["s3-tls-only","{\\"Version\\": \\"2012-10-17\\"}"]'))).toBeNull();
    expect(await checkActionBody(post('["$$5 costs", "$D2026-01-01T00:00:00.000Z", "$undefined", "$n12"]'))).toBeNull();
    expect(await checkActionBody(post("[]", { "content-type": "text/plain;charset=UTF-8" }))).toBeNull();
  });

  it("passes a form action's multipart body", async () => {
    expect(
      await checkActionBody(
        multipart([
          ["0", '[null,"$K1"]'],
          ["1_displayName", "Ada"],
        ]),
      ),
    ).toBeNull();
  });

  it.each([
    ["a root that is not an argument list", '"x"'],
    ["broken JSON", "[null, {"],
    ["a reference to a part a text body does not have", '["$@99"]'],
    ["a reference hidden in an object", '[{"a":["$Q1"]}]'],
    ["an empty body", ""],
  ])("refuses %s with a 400", async (_what, body) => {
    expect(await checkActionBody(post(body))).toMatchObject({ status: 400, message: expect.stringMatching(/form/) });
  });

  it("refuses unreadable multipart, control characters and oversized names in field names", async () => {
    const broken = post("--x\r\nnot a part", { "content-type": "multipart/form-data; boundary=x" });
    expect(await checkActionBody(broken)).toMatchObject({ status: 400 });
    expect(
      await checkActionBody(
        multipart([
          ["0", "[]"],
          ["_1_\u0001", "x"],
        ]),
      ),
    ).toMatchObject({ status: 400 });
    expect(
      await checkActionBody(
        multipart([
          ["0", "[]"],
          [`_1_${"n".repeat(20_000)}`, "x"],
        ]),
      ),
    ).toMatchObject({
      status: 400,
    });
    expect(await checkActionBody(multipart([["0", "not json"]]))).toMatchObject({ status: 400 });
  });

  it("refuses a body over the limit, declared or streamed, and the action still gets the body when it passes", async () => {
    const big = "x".repeat(ACTION_BODY_LIMIT + 1);
    expect(await checkActionBody(post(`["${big}"]`))).toMatchObject({ status: 413 });
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new TextEncoder().encode("x".repeat(ACTION_BODY_LIMIT / 4)));
        c.close();
      },
    });
    const req = new Request("http://bastion.test/", { method: "POST", body: streamed, duplex: "half" } as RequestInit);
    expect(await checkActionBody(req)).toMatchObject({ status: 413 });
    const ok = post('["still here"]');
    expect(await checkActionBody(ok)).toBeNull();
    expect(await ok.text()).toBe('["still here"]');
  });
});
