import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (the installation tokens Sentry issues) as AES-256-GCM with a random 12-byte IV
 * per value and the 16-byte tag checked on every read:
 *
 *   sift1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>
 *
 * `sift1` is the format's version; the key id (8 hex digits of a hash of the key, never the key) says
 * which key sealed the value, so a second key can be added and old values re-sealed later. The
 * `context` (e.g. the installation and column) is authenticated data: a value copied into another
 * row or column fails to open like a tampered one.
 */
export type EncryptionKey = { id: string; key: Buffer };

/** Keys that open values: the first one seals new values; older ones may follow after a rotation. */
export type Keyring = readonly [EncryptionKey, ...EncryptionKey[]];

const VERSION = "sift1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenCipherError";
  }
}

/**
 * SIFT_ENCRYPTION_KEY: 32 random bytes in standard base64 (`openssl rand -base64 32`). Throws a
 * TokenCipherError saying what is wrong, never echoing the key.
 */
export function parseEncryptionKey(text: string): EncryptionKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new TokenCipherError(
      "SIFT_ENCRYPTION_KEY is not base64: generate one with `openssl rand -base64 32`",
    );
  }
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    throw new TokenCipherError(
      `SIFT_ENCRYPTION_KEY decodes to ${key.length} bytes, not ${KEY_BYTES}: generate one with \`openssl rand -base64 32\``,
    );
  }
  const id = createHash("sha256").update("sift-encryption-key-id\0").update(key).digest("hex").slice(0, 8);
  return { id, key };
}

export function encryptSecret(keyring: Keyring, plaintext: string, context: string): string {
  const { id, key } = keyring[0];
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
  return `${VERSION}:${id}:${sealed}`;
}

/** Opens a value sealed by encryptSecret with the same context; throws TokenCipherError otherwise. */
export function decryptSecret(keyring: Keyring, value: string, context: string): string {
  const [version, id, sealed, ...rest] = value.split(":");
  if (version !== VERSION || !id || !sealed || rest.length > 0) {
    throw new TokenCipherError("not a sealed value (expected sift1:<key id>:<data>)");
  }
  const entry = keyring.find((k) => k.id === id);
  if (!entry) throw new TokenCipherError(`sealed with key ${id}, which SIFT_ENCRYPTION_KEY is not`);
  const bytes = Buffer.from(sealed, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new TokenCipherError("sealed value is truncated");
  const decipher = createDecipheriv("aes-256-gcm", entry.key, bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new TokenCipherError("sealed value failed authentication (tampered, or another context)");
  }
}
