import { forbidden } from "next/navigation";

export const metadata = { title: "No access" };

/** proxy.ts rewrites here when the role does not fit; forbidden() renders app/forbidden.tsx with 403. */
export default function ForbiddenRoute() {
  forbidden();
}
