/**
 * Setting up an authenticator app (TOTP) for one's own Cognito sign-in. The user pool's MFA is
 * optional (one setting for the whole pool), so Cognito's hosted pages never offer the set-up;
 * the desk does, for a manager or finance whose sign-in had no second factor. It speaks
 * Cognito's user API with the person's own access token (scope `aws.cognito.signin.user.admin`):
 * no IAM permission, the token is the authority. Once set up and preferred, Cognito asks for the
 * app's code at every sign-in and reports it in the token (`amr` holds `mfa`).
 */

export interface AuthenticatorApps {
  /** A new secret for the person's app (base32, as authenticator apps take it). */
  associate(accessToken: string): Promise<string>;
  /** Checks a code of the app; when right, makes the app the person's second factor. */
  confirm(accessToken: string, code: string): Promise<'confirmed' | 'wrong-code'>;
}

/** Cognito's answer when something is wrong with what was sent, rather than with Cognito. */
export class AuthenticatorSetUpRefused extends Error {
  override name = 'AuthenticatorSetUpRefused';
}

/**
 * Cognito's user API at the pool's regional endpoint, which is the origin of the pool's token
 * issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`).
 */
export function cognitoAuthenticatorApps(issuer: string): AuthenticatorApps {
  const endpoint = `${new URL(issuer).origin}/`;
  async function call(operation: string, body: Record<string, unknown>) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return answer;
    const type = String(answer.__type ?? response.status).replace(/^.*#/, '');
    if (response.status >= 500) throw new Error(`Cognito ${operation} answered ${type}`);
    throw new AuthenticatorSetUpRefused(`${operation}: ${type}`);
  }
  return {
    async associate(accessToken) {
      const answer = await call('AssociateSoftwareToken', { AccessToken: accessToken });
      if (typeof answer.SecretCode !== 'string') throw new Error('Cognito gave no secret code');
      return answer.SecretCode;
    },
    async confirm(accessToken, code) {
      try {
        const verified = await call('VerifySoftwareToken', {
          AccessToken: accessToken,
          UserCode: code,
          FriendlyDeviceName: 'Customer desk',
        });
        if (verified.Status !== 'SUCCESS') return 'wrong-code';
      } catch (error) {
        // A wrong or stale code: the person tries again with the next one.
        if (
          error instanceof AuthenticatorSetUpRefused &&
          /CodeMismatch|EnableSoftwareTokenMFA/.test(error.message)
        ) {
          return 'wrong-code';
        }
        throw error;
      }
      await call('SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      });
      return 'confirmed';
    },
  };
}

/** The `otpauth://` address an authenticator app reads (typed in, or from a QR code elsewhere). */
export function otpauthUri(secret: string, account: string, issuer = 'Customer Desk'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  return `otpauth://totp/${label}?${query}`;
}

/** Six digits, as the app shows them (spaces a person may type are dropped). */
export function readCode(value: string | undefined): string | undefined {
  const code = (value ?? '').replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}
