/**
 * Keeps secrets out of everything hop-ci prints or sends: database passwords (from
 * URLs), tokens, and whole URLs that carry credentials.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  addSecret(value: string | undefined): void {
    if (value && value.length >= 3) this.secrets.add(value);
  }

  /** A URL's password (and the URL itself) become secrets; anything else is a token. */
  addSecretUrlOrToken(value: string): void {
    this.addSecret(value);
    try {
      const u = new URL(value);
      if (u.password) {
        this.addSecret(u.password);
        this.addSecret(decodeURIComponent(u.password));
      }
    } catch {
      // not a URL: the whole value is the secret
    }
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a URL is masked whole before its password is.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    // Any credentials in a URL we were not told about.
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1***@');
  }
}
