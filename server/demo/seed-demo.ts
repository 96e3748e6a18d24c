import { db, Role, CohortRole } from "../db";
import { hashPassword } from "../auth/password";

/** The demo accounts `npm run demo` creates and prints. */
export const DEMO_PASSWORD = "bastion-demo";
export const DEMO_ACCOUNTS = [
  { email: "admin@bastion.test", name: "Ada Admin", displayName: "Ada (admin)", role: Role.ADMIN },
  { email: "instructor@bastion.test", name: "Ivan Instructor", displayName: "Prof. Ivan", role: Role.INSTRUCTOR },
  { email: "student1@bastion.test", name: "Sam Student", displayName: "sam", role: Role.STUDENT },
  { email: "student2@bastion.test", name: "Sasha Student", displayName: "cipher-sasha", role: Role.STUDENT },
  { email: "student3@bastion.test", name: "Sky Student", displayName: "sky", role: Role.STUDENT },
] as const;
export const DEMO_COHORT = { name: "Demo cohort: SCS-C02 autumn", joinCode: "DEMO2026" };

/** Creates the demo accounts and cohort unless they exist; returns what it created. Idempotent. */
export async function seedDemo(): Promise<{ createdUsers: string[]; createdCohort: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdUsers: string[] = [];
  const ids: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const existing = await db().user.findUnique({ where: { email: a.email }, select: { id: true } });
    if (existing) {
      ids[a.email] = existing.id;
      continue;
    }
    const u = await db().user.create({ data: { ...a, passwordHash }, select: { id: true } });
    ids[a.email] = u.id;
    createdUsers.push(a.email);
  }
  let cohort = await db().cohort.findUnique({ where: { joinCode: DEMO_COHORT.joinCode } });
  const createdCohort = !cohort;
  cohort ??= await db().cohort.create({ data: { ...DEMO_COHORT, createdById: ids["instructor@bastion.test"] } });
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === Role.ADMIN) continue;
    const role = a.role === Role.INSTRUCTOR ? CohortRole.INSTRUCTOR : CohortRole.STUDENT;
    await db().membership.upsert({
      where: { userId_cohortId: { userId: ids[a.email], cohortId: cohort.id } },
      create: { userId: ids[a.email], cohortId: cohort.id, role },
      update: {},
    });
  }
  return { createdUsers, createdCohort };
}
