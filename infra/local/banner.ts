import type { LocalCloudEndpoints } from '../../test/support/local-cloud-context';
import { localCredentials } from './aws-clients';

/** What a person needs to use the running desk, and to point AWS tools at it. */
export function banner(endpoints: LocalCloudEndpoints, timeZone: string): string {
  return `
Customer desk — local cloud is running (company time zone ${timeZone})

  Lead form   ${endpoints.gatewayUrl}/forms/lead
  Mailbox     ${endpoints.sesEndpoint}/
  API         ${endpoints.gatewayUrl}
  Console     ${endpoints.consoleUrl}/
  Events      ${endpoints.consoleUrl}/events
  Data        ${endpoints.dataDir}

Lead API key   ${endpoints.leadApiKey}
  (POST ${endpoints.gatewayUrl}/leads as JSON with "Authorization: Bearer <key>"; managers
  create and revoke keys at ${endpoints.gatewayUrl}/office/settings/api-keys)

Staff sign-in  ${endpoints.gatewayUrl}/auth/sign-in   (issuer ${endpoints.signInUrl})

${endpoints.staffUsers
  .map((u) => `  ${u.role.padEnd(10)} ${u.team.padEnd(7)} ${u.email.padEnd(28)} ${u.password}`)
  .join('\n')}

Point AWS tools and SDKs at the local services:

  export AWS_REGION=${endpoints.region}
  export AWS_ACCESS_KEY_ID=${localCredentials.accessKeyId}
  export AWS_SECRET_ACCESS_KEY=${localCredentials.secretAccessKey}
  export AWS_ENDPOINT_URL_DYNAMODB=${endpoints.dynamodbEndpoint}
  export AWS_ENDPOINT_URL_SES=${endpoints.sesEndpoint}
  export AWS_ENDPOINT_URL_SESV2=${endpoints.sesEndpoint}
  export AWS_ENDPOINT_URL_SFN=${endpoints.sfnEndpoint}
  export AWS_ENDPOINT_URL_S3=${endpoints.s3Endpoint}
  export AWS_ENDPOINT_URL_SECRETS_MANAGER=${endpoints.secretsManagerEndpoint}
  export AWS_ENDPOINT_URL_EVENTBRIDGE=${endpoints.eventsEndpoint}

Older AWS CLIs (Debian's awscli 2.9) ignore those variables: pass --endpoint-url, e.g.
  aws stepfunctions list-state-machines --endpoint-url ${endpoints.sfnEndpoint}
  aws dynamodb scan --table-name ${endpoints.tableName} --endpoint-url ${endpoints.dynamodbEndpoint}

Ctrl-C stops everything.
`;
}
