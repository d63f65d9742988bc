import type { Metadata } from "next";
import { TenantDetail } from "./_components/tenant-detail";

type Props = { params: Promise<{ tenant: string }> };

const nameOf = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Tenant ${nameOf((await params).tenant)} · Sift` };
}

export default async function TenantPage({ params }: Props) {
  return <TenantDetail tenant={nameOf((await params).tenant)} />;
}
