import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { describe, expect, it } from "vitest";
import { storedUser } from "./oidc-client";
import { storedAccessToken, storedUserKey } from "./stored-session";

const config = { issuer: "https://idp.example/realms/sift", clientId: "sift-web" };
const NOW = 1_800_000_000;
const key = storedUserKey(config);

/** localStorage's shape, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** Stores a user the way lib/auth/oidc-client.ts's UserManager does after sign-in. */
async function storeWithOidcClient(storage: Storage, expiresAt: number, token = "token-from-the-idp") {
  const manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: "https://sift.example/auth/callback",
    userStore: new WebStorageStateStore({ store: storage }),
  });
  const user = new User({
    access_token: token,
    token_type: "Bearer",
    expires_at: expiresAt,
    profile: { sub: "carol", iss: config.issuer, aud: config.clientId, exp: expiresAt, iat: NOW },
  });
  await manager.storeUser(user);
  // Sanity: the library reads back what it stored, so the key below is its own.
  expect((await manager.getUser())?.access_token).toBe(token);
}

describe("storedAccessToken", () => {
  it("reads the token oidc-client-ts stored, while it stays valid long enough", async () => {
    const storage = memoryStorage();
    await storeWithOidcClient(storage, NOW + 300);
    expect(storedAccessToken(storage, key, NOW, 30)).toBe("token-from-the-idp");
    expect(storedAccessToken(storage, key, NOW + 269, 30)).toBe("token-from-the-idp");
  });

  it("leaves a token about to expire, or expired, to the library's renewal", async () => {
    const storage = memoryStorage();
    await storeWithOidcClient(storage, NOW + 300);
    expect(storedAccessToken(storage, key, NOW + 271, 30)).toBeNull();
    expect(storedAccessToken(storage, key, NOW + 400, 30)).toBeNull();
  });

  it("finds nothing for another IdP or client, when signed out, or in a damaged entry", async () => {
    const storage = memoryStorage();
    await storeWithOidcClient(storage, NOW + 300);
    expect(storedAccessToken(storage, storedUserKey({ ...config, clientId: "other" }), NOW, 30)).toBeNull();
    expect(
      storedAccessToken(storage, storedUserKey({ ...config, issuer: "https://other.example" }), NOW, 30),
    ).toBeNull();
    expect(storedAccessToken(memoryStorage(), key, NOW, 30)).toBeNull();
    const damaged = memoryStorage();
    damaged.setItem(`oidc.user:${config.issuer}:${config.clientId}`, "{not json");
    expect(storedAccessToken(damaged, key, NOW, 30)).toBeNull();
    damaged.setItem(`oidc.user:${config.issuer}:${config.clientId}`, JSON.stringify({ access_token: "t" }));
    expect(storedAccessToken(damaged, key, NOW, 30)).toBeNull();
  });
});

describe("storedUser", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it("reads back the user oidc-client-ts stored while its token is valid", async () => {
    const storage = memoryStorage();
    await storeWithOidcClient(storage, now() + 300);
    const user = storedUser(storage, config);
    expect(user?.access_token).toBe("token-from-the-idp");
    expect(user?.profile.sub).toBe("carol");
  });

  it("leaves an expired token, another client's user, no user and a damaged entry to getUser()", async () => {
    const storage = memoryStorage();
    await storeWithOidcClient(storage, now() - 5);
    expect(storedUser(storage, config)).toBeNull();
    await storeWithOidcClient(storage, now() + 300);
    expect(storedUser(storage, { ...config, clientId: "other" })).toBeNull();
    expect(storedUser(memoryStorage(), config)).toBeNull();
    const damaged = memoryStorage();
    damaged.setItem(`oidc.user:${config.issuer}:${config.clientId}`, "{not json");
    expect(storedUser(damaged, config)).toBeNull();
  });
});
