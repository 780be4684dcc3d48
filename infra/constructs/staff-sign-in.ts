import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StaffSignInNames } from '../environment';
import { staffRoles } from '../manifest';
import { acknowledge } from './nag';

export interface StaffSignInProps {
  /** The HTTP API's base URL, ending in `/`: the callback and sign-out landing live there. */
  apiUrl: string;
  /** The hosted sign-in domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
  domainPrefix?: string;
}

/**
 * Staff sign-in on AWS: a Cognito user pool (no self sign-up: managers create staff), a group
 * per role, the hosted sign-in pages on a Cognito domain, and the desk's app client: public (no
 * secret), authorization code grant only, which Cognito pairs with PKCE.
 */
export class StaffSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly names: StaffSignInNames;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is one setting for the whole pool: optional, with TOTP. The desk refuses a manager ' +
        "or finance session whose token reports no second factor and sets up the person's " +
        'authenticator app; agents and supervisors by a business-rules setting.',
    );

    for (const role of staffRoles) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Desk staff with the ${role} role (the staff directory holds the role used).`,
      });
    }

    const stackName = Stack.of(this).stackName;
    const domain = this.userPool.addDomain('Domain', {
      cognitoDomain: {
        domainPrefix:
          props.domainPrefix ??
          `${stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${Aws.ACCOUNT_ID}`,
      },
    });

    this.client = this.userPool.addClient('DeskClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
          // A person's own account: the desk sets up their authenticator app with it.
          cognito.OAuthScope.COGNITO_ADMIN,
        ],
        callbackUrls: [`${props.apiUrl}auth/callback`],
        // After signing out, the desk's sign-in starts again: the sign-in page is where one lands.
        logoutUrls: [`${props.apiUrl}auth/sign-in`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // The id token is the session: a working day, then sign in again.
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });

    const issuer = this.userPool.userPoolProviderUrl;
    this.names = {
      url: domain.baseUrl(),
      clientId: this.client.userPoolClientId,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      secondFactor: 'amr',
    };
  }
}
