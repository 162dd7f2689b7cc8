/** The time, injected so tests control it (session expiry, rate-limit windows, revision timestamps). */
export interface Clock {
  now(): Date;
}
