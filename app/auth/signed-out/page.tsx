import type { Metadata } from "next";
import { SignedOut } from "./signed-out";

export const metadata: Metadata = { title: "Signed out · Sift" };

// The IdP sends the browser here after ending its session (the post-logout redirect URI).
export default async function SignedOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { idp } = await searchParams;
  return <SignedOut idpUnreachable={idp === "unreachable"} />;
}
