import type { Metadata } from "next";
import { FailedJobs } from "./_components/failed-jobs";

export const metadata: Metadata = { title: "Failed jobs · Sift" };

export default function FailedJobsPage() {
  return <FailedJobs />;
}
