import { PageSkeleton } from "@/app/_components/page-skeleton";

// In the (list) group so its Suspense boundary covers /cohorts only: /cohorts/[id]/leaderboard must
// call notFound() outside any boundary for a cohort the user is not in to be a real 404, not a 200.
export default PageSkeleton;
