// Integration tests run against their own database and their own Redis key prefix, created fresh
// for each run (named after the run, so two runs on one machine never meet) and dropped at the end.
import { dropDatabase, freshDatabase, TEST_REDIS_URL } from "../helpers/test-db";
import { randomBytes } from "node:crypto";

export default async function setup() {
  const name = `bastion_test_${process.pid}`;
  const url = await freshDatabase(name);
  process.env.DATABASE_URL = url;
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.REDIS_PREFIX = `bastion-test-${randomBytes(3).toString("hex")}`;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL = "silent";
  return async () => {
    await dropDatabase(name).catch(() => {});
  };
}
