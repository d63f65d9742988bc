"use client";

import type { ReactNode } from "react";
import { useAuth } from "@/lib/auth/auth-context";
import { AppHeader } from "./_components/app-header";
import { SignInScreen } from "./_components/sign-in-screen";

// AuthGate: the token lives in the browser, so only the client can know who is signed in.
export default function DashboardLayout({ children }: { children: ReactNode }) {
  const { status, user, configured, error, signIn, signOut } = useAuth();

  if (status === "loading") {
    return (
      <main aria-busy="true" className="flex min-h-screen items-center justify-center text-sm text-zinc-500">
        Checking your session…
      </main>
    );
  }
  if (status === "signed-out" || !user) {
    return <SignInScreen configured={configured} error={error} onSignIn={signIn} />;
  }
  return (
    <>
      <AppHeader user={user} onSignOut={signOut} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
