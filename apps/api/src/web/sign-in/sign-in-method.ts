import { setting } from '@conduct/config';
import type { WebSession } from '../session/web-sessions';

/** How people sign in: the force's OpenID provider when one is configured, else (not in production) the development sign-in. */
export class SignInMethod {
  readonly developmentAllowed: boolean;
  readonly developmentRefusal = 'The development sign-in is not available here: sign in with your force account.';

  constructor() {
    this.developmentAllowed = setting('NODE_ENV') !== 'production';
  }

  /** Where the browser goes after sign-out: the provider's end-session page when there is one. */
  signedOutLocation(_session: WebSession | undefined): string | undefined {
    return undefined;
  }
}
