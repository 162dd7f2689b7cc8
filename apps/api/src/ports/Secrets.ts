/** Randomness and one-way functions for credentials, behind a port so services stay free of crypto libraries. */
export interface Secrets {
  /** A new opaque id (UUID). */
  newId(): string;
  /** A new unguessable token (at least 256 bits), URL-safe. */
  newToken(): string;
  /** sha256 of a string, hex: content hashes, and the stored form of session ids and API tokens. */
  sha256(text: string): string;
  /** Constant-time comparison of two strings. */
  equal(a: string, b: string): boolean;
}

/** Password hashing (scrypt); slow by design. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}
