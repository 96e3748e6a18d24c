import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export { Prisma } from "./generated/prisma/client";
export { Role, CohortRole, SubmissionStatus } from "./generated/prisma/enums";

export type TDb = PrismaClient;

/** A Prisma client over node-postgres for `url`. Most code wants `db()`, the process-wide client. */
export function createDb(url: string, opts: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: opts.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { bastionDb?: PrismaClient };

/** The process-wide client; one instance survives Next's dev hot reload. */
export function db(): PrismaClient {
  globalForDb.bastionDb ??= createDb(env().DATABASE_URL);
  return globalForDb.bastionDb;
}
