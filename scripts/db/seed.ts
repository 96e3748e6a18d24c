// npm run db:seed: demo accounts (1 admin, 1 instructor, 3 students) and a demo cohort, unless present.
import { loadEnv } from "../../server/env-file";

loadEnv();
const { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../../server/demo/seed-demo");
const { db } = await import("../../server/db");
const res = await seedDemo();
console.log(
  res.createdUsers.length
    ? `created ${res.createdUsers.length} demo account(s); password for all: ${DEMO_PASSWORD}`
    : `demo accounts already present (${DEMO_ACCOUNTS.length})`,
);
await db().$disconnect();
