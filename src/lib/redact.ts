/**
 * Credentials in URLs (`http://user:pass@host/feed`) are never stored or printed in clear: every
 * log line, recorded error and stored URL passes through here. Credentials belong in
 * FETCH_CREDENTIALS (see .env.example), which the fetcher sends as an Authorization header.
 */

// "http://user:pass@host", "https://token@host" — the userinfo of any scheme://…@ authority
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/** The text with every URL's user name and password replaced by "***". */
export function redactCredentials(text: string): string {
  return text.replace(URL_USERINFO, "$1***@");
}

/** True when the URL carries a user name or password. */
export function hasUrlCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return new RegExp(URL_USERINFO.source, "i").test(url);
  }
}

/** The hint given wherever a URL with credentials is refused. */
export const CREDENTIALS_HINT =
  'a user name or password in a URL would be stored and printed in clear; give the URL without it and put the credentials in FETCH_CREDENTIALS, e.g. FETCH_CREDENTIALS=\'{"feeds.example.com":"user:password"}\'';
