// Fixed ports for the e2e stack, apart from the dev defaults (3000/4000) so both can run at once.
const app = Number(process.env.E2E_APP_PORT ?? 3300);
export const e2ePorts = {
  app,
  idp: Number(process.env.E2E_IDP_PORT ?? 4400),
  // A second production server wired to a stand-in Sentry API (issue-actions.spec.ts); app + 1 is
  // self-monitoring's. Its origin is registered with the IdP, so the browser can sign in there.
  actions: app + 2,
};

// The robustness specs start servers of their own, one port each from this base, so a server still
// closing never holds the next spec's port.
const robustBase = Number(process.env.E2E_ROBUST_PORT ?? 3340);
export const robustPorts = {
  crash: robustBase,
  faultsInProcess: robustBase + 1,
  faultsWorkerProcess: robustBase + 2,
  workerPool: robustBase + 3,
  fuzz: robustBase + 4,
};

export const e2eSecrets = { webhook: "e2e-webhook-secret", appId: "sift-e2e-app" };
