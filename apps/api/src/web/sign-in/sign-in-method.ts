import { Injectable } from '@nestjs/common';
import { setting } from '@conduct/config';
import type { WebSession } from '../session/web-sessions';
import { OidcSettings, OidcSignIn, oidcSettings } from './oidc';

/**
 * How people sign in: the force's OpenID provider when AUTH_OIDC_* is set; otherwise, and never in production, the
 * development sign-in of the embedded stack.
 */
@Injectable()
export class SignInMethod {
  readonly settings: OidcSettings | null = oidcSettings();
  readonly developmentAllowed = this.settings === null && setting('NODE_ENV') !== 'production';
  readonly developmentRefusal = this.settings
    ? 'The development sign-in is refused here: this service signs people in with their force account.'
    : 'The development sign-in is not available in production, and no OpenID provider is configured (AUTH_OIDC_ISSUER).';
  private discovered?: Promise<OidcSignIn>;

  /** The provider's client, from its discovery document (read once; read again after a failure). */
  oidc(): Promise<OidcSignIn> {
    if (!this.settings) throw new Error('no OpenID provider is configured');
    this.discovered ??= OidcSignIn.discover(this.settings).catch((e) => {
      this.discovered = undefined;
      throw e;
    });
    return this.discovered;
  }

  /** Where the browser goes after sign-out: the provider's end-session page when there is one. */
  async signedOutLocation(session: WebSession | undefined): Promise<string | undefined> {
    if (!this.settings || session?.user?.via !== 'oidc') return undefined;
    const idToken = typeof session.data.idToken === 'string' ? session.data.idToken : undefined;
    return (await this.oidc()).signOutUrl(idToken)?.href;
  }
}
