import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Options of {@link AccessControl}. */
export interface AccessControlOptions {
  /** How long a login lasts, whatever the browser does with its cookie. Default 12 hours. */
  sessionTtlMs?: number;
  /** Sessions kept at most; beyond, the oldest ends. Default 1000. */
  maxSessions?: number;
  /** The clock sessions expire by (tests pass their own). Default `Date.now`. */
  now?: () => number;
}

/**
 * Checks the access token and the login sessions of the inbox, without ever comparing secrets
 * byte by byte: both sides go through an HMAC under a key drawn at start, and the equal-length
 * digests are compared with `crypto.timingSafeEqual`, so how long a check takes says nothing about
 * how much of a guess was right.
 *
 * A session is a random id kept in memory; its cookie is `<id>.<HMAC of the id>`, never the token,
 * so the cookie cannot be turned into a bearer token, and a cookie the server did not issue is
 * refused before the id is even looked up. Sessions end at logout, after {@link AccessControlOptions.sessionTtlMs},
 * and when the process restarts (the key and the ids are not kept).
 *
 * @example
 * ```ts
 * const access = new AccessControl(config.accessToken);
 * if (access.isToken(presented)) cookie = access.startSession();
 * access.hasSession(cookie); // true until access.endSession(cookie)
 * ```
 */
export class AccessControl {
  readonly #key = randomBytes(32);
  readonly #tokenDigest: Buffer;
  /** Session id → when it expires (epoch ms), oldest first. */
  readonly #sessions = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxSessions: number;
  readonly #now: () => number;

  constructor(token: string, options: AccessControlOptions = {}) {
    if (token === '') throw new Error('AccessControl needs a non-empty token');
    this.#tokenDigest = this.#digest('token', token);
    this.#ttlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.#maxSessions = options.maxSessions ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether `presented` is the access token, in constant time. */
  isToken(presented: string): boolean {
    return timingSafeEqual(this.#digest('token', presented), this.#tokenDigest);
  }

  /** Starts a session and returns the cookie value that names it. */
  startSession(): string {
    this.#prune();
    while (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, this.#now() + this.#ttlMs);
    return `${id}.${this.#sessionMac(id)}`;
  }

  /** Whether `cookie` names a live session this server started. */
  hasSession(cookie: string | undefined): boolean {
    const id = this.#verifiedId(cookie);
    if (id === undefined) return false;
    const expiresAt = this.#sessions.get(id);
    if (expiresAt === undefined) return false;
    if (this.#now() < expiresAt) return true;
    this.#sessions.delete(id);
    return false;
  }

  /** Ends the session `cookie` names, if any (logout). */
  endSession(cookie: string | undefined): void {
    const id = this.#verifiedId(cookie);
    if (id !== undefined) this.#sessions.delete(id);
  }

  /** Sessions alive now. */
  get sessionCount(): number {
    this.#prune();
    return this.#sessions.size;
  }

  /** The id of a cookie whose MAC is right (checked in constant time), else `undefined`. */
  #verifiedId(cookie: string | undefined): string | undefined {
    if (cookie === undefined) return undefined;
    const dot = cookie.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = cookie.slice(0, dot);
    // Both MACs are hashed again, so the compared digests have equal length whatever was sent.
    const presented = this.#digest('cookie', cookie.slice(dot + 1));
    const expected = this.#digest('cookie', this.#sessionMac(id));
    return timingSafeEqual(presented, expected) ? id : undefined;
  }

  #sessionMac(id: string): string {
    return this.#digest('session', id).toString('base64url');
  }

  /** HMAC-SHA-256 under the process's key, separated by purpose so no digest stands in for another. */
  #digest(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.#key).update(`${purpose}\0`).update(value, 'utf8').digest();
  }

  #prune(): void {
    const now = this.#now();
    for (const [id, expiresAt] of this.#sessions) if (expiresAt <= now) this.#sessions.delete(id);
  }
}
