import type { Metadata } from "next";
import { IncidentDetail } from "./_components/incident-detail";

type Props = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incidentId } = await params;
  return { title: `Incident ${incidentId} · Sift` };
}

export default async function IncidentPage({ params }: Props) {
  const { incidentId } = await params;
  return <IncidentDetail incidentId={incidentId} />;
}
