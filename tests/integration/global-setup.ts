// Integration tests run against their own database (bastion_test) and their own Redis key prefix,
// created fresh for each run: they never touch the demo's data.
import { freshDatabase, TEST_REDIS_URL } from "../helpers/test-db";
import { randomBytes } from "node:crypto";

export default async function setup() {
  const url = await freshDatabase("bastion_test");
  process.env.DATABASE_URL = url;
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.REDIS_PREFIX = `bastion-test-${randomBytes(3).toString("hex")}`;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL = "silent";
}
