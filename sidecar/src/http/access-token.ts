import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ZoomhlsError } from '../errors.js';
import type { TokenIdStore } from './token-ids.js';

export interface AccessTokenSettings {
  /** ZOOMHLS_MOODLE_SECRET; without it every call is refused. */
  secret: string | undefined;
  /** ZOOMHLS_MOODLE_ORIGINS: the only accepted `iss` values. */
  origins: string[];
}

export interface AccessClaims {
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  scope: string;
}

/** Tokens may live at most this long (the plugin uses 60 s). */
export const MAX_TOKEN_SECONDS = 300;
/** Clock difference tolerated between Moodle and the sidecar. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies the plugin's bearer token (DESIGN §3.3): HS256 only (so `none` and RS256/HS256
 * confusion are refused), `aud` = zoomhls, `iss` among the Moodle origins, a lifetime of at most
 * five minutes, and a `jti` that has never been seen. The secret is a KeyObject made once:
 * jsonwebtoken given a string re-derives a key on every call (≈1.6k/s against ≈70k/s).
 */
export class AccessTokenVerifier {
  private readonly key: KeyObject | undefined;
  private readonly origins: Set<string>;

  constructor(
    settings: AccessTokenSettings,
    private readonly tokenIds: TokenIdStore,
    private readonly now: () => number = Date.now,
  ) {
    this.key = settings.secret ? createSecretKey(Buffer.from(settings.secret, 'utf8')) : undefined;
    this.origins = new Set(settings.origins);
  }

  async verify(authorization: string | undefined): Promise<AccessClaims> {
    if (!this.key) throw new ZoomhlsError('ACCESS_NOT_CONFIGURED', 'Access tokens are refused: ZOOMHLS_MOODLE_SECRET is not set');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!match) throw invalid('missing or malformed Authorization: Bearer header');
    const nowSeconds = Math.floor(this.now() / 1000);
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(match[1]!, this.key, {
        algorithms: ['HS256'],
        audience: 'zoomhls',
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: nowSeconds,
      });
      if (typeof decoded === 'string') throw new Error('payload is not a JSON object');
      payload = decoded;
    } catch (cause) {
      // jsonwebtoken's messages name the failed check ("jwt expired", "invalid signature"…) and never the token.
      throw invalid(cause instanceof Error ? cause.message : 'verification failed', cause);
    }
    const { iss, sub, jti, iat, exp, scope } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number') throw invalid('iat and exp are required');
    if (exp - iat > MAX_TOKEN_SECONDS || exp - nowSeconds > MAX_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw invalid(`exp must be at most ${MAX_TOKEN_SECONDS} s ahead`);
    }
    if (typeof sub !== 'string' || sub.length === 0) throw invalid('sub (the Moodle user id as a string) is required');
    if (typeof jti !== 'string' || !/^[0-9a-fA-F]{32,64}$/.test(jti)) throw invalid('jti must be 128+ random bits in hex');
    if (typeof scope !== 'string') throw invalid('scope is required');
    if (typeof iss !== 'string' || !this.origins.has(iss)) {
      throw new ZoomhlsError('ACCESS_ISSUER_DENIED', `Token issuer ${JSON.stringify(String(iss).slice(0, 200))} is not in ZOOMHLS_MOODLE_ORIGINS`);
    }
    // Last, so a refused token does not burn its id; kept until exp plus the tolerance.
    if (!(await this.tokenIds.consume(jti, exp + CLOCK_TOLERANCE_SECONDS))) {
      throw new ZoomhlsError('ACCESS_TOKEN_REPLAYED', 'Access token was already used');
    }
    return { iss, sub, jti, iat, exp, scope };
  }
}

function invalid(reason: string, cause?: unknown): ZoomhlsError {
  return new ZoomhlsError('ACCESS_TOKEN_INVALID', `Access token refused: ${reason}`, cause === undefined ? {} : { cause });
}
