import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  type Keyring,
  parseEncryptionKey,
  TokenCipherError,
} from "./token-cipher";

const keyText = randomBytes(32).toString("base64");
const keyring: Keyring = [parseEncryptionKey(keyText)];
const context = "installation:a8e5d37a:token";

function flipByteAt(value: string, index: number): string {
  const [version, id, sealed] = value.split(":");
  const bytes = Buffer.from(sealed as string, "base64url");
  bytes[index] = (bytes[index] as number) ^ 1;
  return `${version}:${id}:${bytes.toString("base64url")}`;
}

describe("token cipher", () => {
  it("round-trips, with a fresh IV per value and no plaintext in the output", () => {
    const a = encryptSecret(keyring, "secret-token-value", context);
    const b = encryptSecret(keyring, "secret-token-value", context);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sift1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("secret-token-value");
    expect(Buffer.from(a.split(":")[2] as string, "base64url").toString("latin1")).not.toContain("secret");
    expect(decryptSecret(keyring, a, context)).toBe("secret-token-value");
    expect(decryptSecret(keyring, b, context)).toBe("secret-token-value");
  });

  it("refuses a tampered IV, tag or ciphertext", () => {
    const sealed = encryptSecret(keyring, "secret-token-value", context);
    for (const index of [0, 11, 12, 27, 28, 30]) {
      expect(() => decryptSecret(keyring, flipByteAt(sealed, index), context)).toThrow(TokenCipherError);
    }
  });

  it("refuses a value moved to another context, a truncated one and one sealed by another key", () => {
    const sealed = encryptSecret(keyring, "secret-token-value", context);
    expect(() => decryptSecret(keyring, sealed, "installation:a8e5d37a:refresh")).toThrow(/authentication/);
    expect(() => decryptSecret(keyring, sealed.slice(0, 30), context)).toThrow(TokenCipherError);
    const other: Keyring = [parseEncryptionKey(randomBytes(32).toString("base64"))];
    expect(() => decryptSecret(other, sealed, context)).toThrow(/sealed with key/);
    expect(() => decryptSecret(keyring, "plaintext-token", context)).toThrow(/not a sealed value/);
  });

  it("opens values of an older key kept after the current one", () => {
    const old = parseEncryptionKey(randomBytes(32).toString("base64"));
    const sealed = encryptSecret([old], "v", context);
    expect(decryptSecret([keyring[0], old], sealed, context)).toBe("v");
  });

  it("accepts exactly 32 bytes of base64 and says why anything else is refused", () => {
    expect(parseEncryptionKey(` ${keyText}\n`).key.length).toBe(32);
    expect(parseEncryptionKey(keyText).id).toBe(keyring[0].id);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(/16 bytes, not 32/);
    expect(() => parseEncryptionKey("not base64!")).toThrow(/not base64/);
    expect(() => parseEncryptionKey("")).toThrow(TokenCipherError);
    expect(() => parseEncryptionKey(randomBytes(32).toString("hex"))).toThrow(/bytes, not 32/);
  });
});
