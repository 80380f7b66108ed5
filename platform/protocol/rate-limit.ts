/**
 * Heroku's rate limit: a token bucket per account, 4,500 requests an hour by
 * default, refilled continuously. Every answer carries `RateLimit-Remaining`;
 * an empty bucket answers 429 `rate_limit`.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly capacity = 4500,
    private readonly perHour = capacity,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.refilledAt = now();
  }

  /** Takes one token if there is one; returns whether it could, and what remains. */
  take(): { allowed: boolean; remaining: number } {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 3_600_000) * this.perHour);
    this.refilledAt = now;
    if (this.tokens < 1) return { allowed: false, remaining: 0 };
    this.tokens -= 1;
    return { allowed: true, remaining: Math.floor(this.tokens) };
  }

  /** A full bucket of this one's size and rate, for requests that must not spend this one's tokens. */
  sibling(): TokenBucket {
    return new TokenBucket(this.capacity, this.perHour, this.now);
  }

  /** Seconds until one token is back: the Retry-After of a 429. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.perHour) * 3600));
  }
}
