/**
 * Which requests carry cookies. Only the CDN (and the playlist's own origin, which is Moodle or the
 * CDN): a teacher's link to some public stream elsewhere must not start sending credentials, which
 * a server without `Access-Control-Allow-Credentials` would refuse.
 */
export function credentialedOrigins(cdnBaseUrl: string | null, playlistUrl: string): Set<string> {
  const origins = new Set<string>();
  for (const url of [cdnBaseUrl, playlistUrl]) {
    if (!url) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      /* not a URL: nothing to add */
    }
  }
  return origins;
}

export function isCredentialed(url: string, origins: Set<string>): boolean {
  try {
    return origins.has(new URL(url).origin);
  } catch {
    return false;
  }
}

/** The VHS onRequest hook: adds `withCredentials` to requests for those origins. */
export function credentialsHook(origins: Set<string>) {
  return <T extends { uri?: string; withCredentials?: boolean }>(options: T): T => {
    if (options.uri && isCredentialed(options.uri, origins)) options.withCredentials = true;
    return options;
  };
}
