import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, staffRoles } from '../../infra/manifest';
import { buildDesk, constructAt, type DeskApp, logicalId, templateOf } from './desk-app';

/** A synthesized template is untyped JSON. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

let desk: DeskApp;
let resources: Record<string, { Type: string; Properties: Json; [k: string]: Json }>;

beforeAll(() => {
  desk = buildDesk({}, { nagChecks: false });
  resources = templateOf(desk).toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (path: string) => logicalId(constructAt(desk.stack, path));

describe('staff sign-in on AWS', () => {
  it('is one user pool: no self sign-up, a strong password policy, optional TOTP MFA, kept', () => {
    const pools = ofType('AWS::Cognito::UserPool');
    expect(pools).toHaveLength(1);
    const [, pool] = pools[0] ?? [];
    expect(pool?.DeletionPolicy).toBe('Retain');
    expect(pool?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
  });

  it('has a group for each of the four roles', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...staffRoles].sort());
    for (const group of groups) {
      expect(group.UserPoolId).toEqual({ Ref: idOf('StaffSignIn/UserPool') });
    }
  });

  it('has a hosted sign-in domain, its prefix from the context', () => {
    expect(ofType('AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    const named = templateOf(buildDesk({ signInDomainPrefix: 'acme-desk' }, { nagChecks: false }));
    named.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-desk' });
  });

  it('has one public app client: code grant only (with PKCE), openid/email/profile and the user API, the API callback', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0]?.[1].Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual([
      'aws.cognito.signin.user.admin',
      'email',
      'openid',
      'profile',
    ]);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    const apiId = idOf('Api/HttpApi');
    expect(JSON.stringify(client.CallbackURLs)).toContain(apiId);
    expect(JSON.stringify(client.CallbackURLs)).toContain('auth/callback');
    expect(JSON.stringify(client.LogoutURLs)).toContain('auth/sign-in');
  });

  it('gives the authorizer and the sign-in routes the pool, client and domain', () => {
    for (const name of ['staff-authorizer', 'staff-session']) {
      const variables =
        resources[idOf(`Functions/${name}/Function`)]?.Properties.Environment.Variables;
      expect(variables.STAFF_CLIENT_ID).toEqual({ Ref: idOf('StaffSignIn/UserPool/DeskClient') });
      // The pool's provider URL: https://cognito-idp.<region>.amazonaws.com/<pool id>.
      expect(variables.STAFF_TOKEN_ISSUER).toEqual({
        'Fn::GetAtt': [idOf('StaffSignIn/UserPool'), 'ProviderURL'],
      });
      expect(JSON.stringify(variables.STAFF_JWKS_URI)).toContain('/.well-known/jwks.json');
      expect(JSON.stringify(variables.STAFF_SIGN_IN_URL)).toContain('amazoncognito.com');
      // Cognito reports a second factor in the token: managers and finance need one on AWS.
      expect(variables.STAFF_SECOND_FACTOR).toBe('amr');
    }
  });

  it('puts every staff route behind the Lambda authorizer, cookie-identified, never cached', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0] ?? [];
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.cookie'],
      AuthorizerResultTtlInSeconds: 0,
    });
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const staffRoutes = manifest.routes.filter((r) => r.access.kind === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(5);
    for (const declared of staffRoutes) {
      const route = routes.find((r) => r.RouteKey === `${declared.method} ${declared.path}`);
      expect(route?.AuthorizationType, `${declared.method} ${declared.path}`).toBe('CUSTOM');
      expect(route?.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });
});
