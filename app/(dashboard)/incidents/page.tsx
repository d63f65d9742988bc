import type { Metadata } from "next";
import { IncidentList } from "./_components/incident-list";

export const metadata: Metadata = { title: "Incidents · Sift" };

export default function IncidentsPage() {
  return <IncidentList />;
}
