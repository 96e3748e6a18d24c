import { redirect } from "next/navigation";

// `/join` without a code: the cohorts page has the form to type one.
export default function JoinPage() {
  redirect("/cohorts");
}
