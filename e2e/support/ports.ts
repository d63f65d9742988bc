// Fixed ports for the e2e stack, apart from the dev defaults (3000/4000) so both can run at once.
export const e2ePorts = {
  app: Number(process.env.E2E_APP_PORT ?? 3300),
  idp: Number(process.env.E2E_IDP_PORT ?? 4400),
};

export const e2eSecrets = { webhook: "e2e-webhook-secret", appId: "sift-e2e-app" };
