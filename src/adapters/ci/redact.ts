/**
 * Keeps secrets out of everything hop-ci prints or sends: database passwords (from
 * URLs and libpq key=value strings), tokens, and whole URLs that carry credentials.
 */
export const MASK = '***';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Values shorter than 3 characters would mask ordinary words: they are ignored. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 3) this.secrets.add(value);
  }

  /** A URL's password (and the URL itself) become secrets; anything else is a token. */
  addSecretUrlOrToken(value: string): void {
    this.addSecret(value);
    for (const part of credentialParts(value)) this.addSecret(part);
  }

  /** Every value registered so far (providers that mask natively, e.g. GitHub, replay them). */
  values(): string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a URL is masked whole before its password is.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK);
    // Credentials we were not told about: `scheme://user:password@` and libpq `password=…`.
    return out
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`)
      .replace(/(\bpassword\s*=\s*)('[^']*'|[^\s'"]+)/gi, `$1${MASK}`);
  }
}

/** The password of a connection URL or a libpq conninfo string, raw and percent-decoded. */
export function credentialParts(value: string): string[] {
  const parts: string[] = [];
  try {
    const u = new URL(value);
    if (u.password) {
      parts.push(u.password);
      try {
        parts.push(decodeURIComponent(u.password));
      } catch {
        // a malformed escape: the raw form is masked already
      }
    }
  } catch {
    const m = /\bpassword\s*=\s*('([^']*)'|(\S+))/i.exec(value);
    const pw = m?.[2] ?? m?.[3];
    if (pw) parts.push(pw);
  }
  return parts;
}
