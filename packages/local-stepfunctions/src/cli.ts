import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { realClock, startStepFunctionsService } from './index';
import { type LambdaInvoker, lambdaEndpointInvoker } from './lambda';

/**
 * Runs the service on its own against a DynamoDB endpoint, until interrupted:
 *   npx tsx src/cli.ts --dynamodb-endpoint http://127.0.0.1:8000 [--port 8083] [--table …]
 * Lambda tasks call --lambda-endpoint's Invoke API; without one they fail with
 * Lambda.ServiceException (Retry/Catch see them as on AWS).
 */

const usage = `Usage: tsx src/cli.ts --dynamodb-endpoint <url> [options]

  --dynamodb-endpoint <url>  DynamoDB (e.g. DynamoDB Local) that keeps all the service's data
  --table <name>             table to keep it in, created when missing (local-stepfunctions)
  --port <n>                 port of the Step Functions API (8083; 0 picks a free one)
  --host <address>           address to listen on (127.0.0.1)
  --region <region>          region in the ARNs (us-east-1)
  --account-id <id>          account in the ARNs (000000000000)
  --lambda-endpoint <url>    Lambda Invoke API that runs the functions tasks name
`;

const { values } = parseArgs({
  options: {
    'dynamodb-endpoint': { type: 'string' },
    table: { type: 'string', default: 'local-stepfunctions' },
    port: { type: 'string', default: '8083' },
    host: { type: 'string', default: '127.0.0.1' },
    region: { type: 'string', default: 'us-east-1' },
    'account-id': { type: 'string', default: '000000000000' },
    'lambda-endpoint': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const dynamodbEndpoint = values['dynamodb-endpoint'];
if (values.help || !dynamodbEndpoint) {
  process.stdout.write(usage);
  process.exit(values.help ? 0 : 2);
}

const lambdaEndpoint = values['lambda-endpoint'];
const noLambda: LambdaInvoker = async () => {
  throw new Error('No Lambda endpoint: start the service with --lambda-endpoint <url>');
};

const dynamodb = new DynamoDBClient({
  endpoint: dynamodbEndpoint,
  region: values.region,
  // DynamoDB Local accepts any credentials, but the SDK refuses to sign without some.
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const service = await startStepFunctionsService({
  dynamodb,
  tableName: values.table,
  region: values.region,
  accountId: values['account-id'],
  clock: realClock,
  invokeLambda: lambdaEndpoint ? lambdaEndpointInvoker(lambdaEndpoint) : noLambda,
  host: values.host,
  port: Number(values.port),
  log: (line) => process.stderr.write(`${line}\n`),
});

const stop = async () => {
  await service.stop();
  dynamodb.destroy();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
