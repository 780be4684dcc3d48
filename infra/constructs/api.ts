import { Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteDeclaration, staffAuthorizerFunction } from '../manifest';
import { acknowledge } from './nag';

export { staffAuthorizerFunction };

export interface ApiRoutesProps {
  routes: readonly RouteDeclaration[];
  functionNamed(name: string): lambda.IFunction;
  /** Where a function's routes go: its concern's nested stack, or undefined for the API itself. */
  routeScopeOf(functionName: string): Construct | undefined;
}

/**
 * The HTTP API: one route per declared route. Public and signed-link routes are open at the
 * gateway (a signed link is checked by its handler); staff routes pass the staff authorizer.
 * The API exists before its routes: staff sign-in needs its URL, the functions need sign-in.
 */
export class Api extends Construct {
  readonly url: string;
  private readonly api: apigw.HttpApi;
  private readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Customer desk: public forms, signed links and staff routes.',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // Enough for a busy desk; stops a runaway client before it costs money. Each route has
      // its own allowance; public routes a smaller one (see `publicRouteThrottle`).
      throttle: staffRouteThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    this.url = stage.url;
    this.api = api;
    this.stage = stage;
  }

  /** One route per declared route, each staff route behind the staff authorizer. */
  addDeclaredRoutes(props: ApiRoutesProps): void {
    const { api } = this;
    const staffAuthorizer = new HttpLambdaAuthorizer(
      'StaffAuthorizer',
      props.functionNamed(staffAuthorizerFunction),
      {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        // No session cookie: the gateway answers 401 without calling the authorizer.
        identitySource: ['$request.header.cookie'],
        resultsCacheTtl: Duration.seconds(0),
      },
    );

    // One integration and one invoke permission per function, shared by its routes: a route
    // each would cost two more resources per route, and a stack holds at most 500.
    const integrations = new Map<string, FunctionIntegration>();
    const integrationOf = (name: string) => {
      let integration = integrations.get(name);
      if (!integration) {
        const handler = props.functionNamed(name);
        integration = new FunctionIntegration(`${name} integration`, handler);
        handler.addPermission('InvokedByApi', {
          principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
          sourceArn: Stack.of(this).formatArn({
            service: 'execute-api',
            resource: api.apiId,
            resourceName: '*/*',
          }),
        });
        integrations.set(name, integration);
      }
      return integration;
    };

    // CloudFormation's JSON map of route key to settings: written as CloudFormation names them.
    const routeSettings: Record<string, Record<string, number>> = {};
    const stage = this.stage.node.defaultChild as apigw.CfnStage;
    for (const route of props.routes) {
      const routeKey = `${route.method} ${route.path}`;
      const integration = integrationOf(route.function);
      // The id HttpApi.addRoutes would give it, so a route in the API's own stack keeps its id.
      const created = new apigw.HttpRoute(
        props.routeScopeOf(route.function) ?? api,
        `${route.method}${route.path}`,
        {
          httpApi: api,
          routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
          integration,
          authorizer: route.access.kind === 'staff' ? staffAuthorizer : undefined,
        },
      );
      if (route.access.kind !== 'staff') {
        routeSettings[routeKey] = {
          ThrottlingRateLimit: publicRouteThrottle.rateLimit,
          ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
        };
        // A route's settings name a route that must exist before the stage refers to it (in a
        // nested stack, CDK makes the stage wait for that whole stack).
        this.stage.node.addDependency(created);
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          route.access.kind === 'public'
            ? `${routeKey} is for prospects who have no account: public by design.`
            : `${routeKey} is opened from an emailed link; its handler verifies the signature.`,
        );
      }
    }
    stage.routeSettings = routeSettings;
  }
}

/** What each staff route may take: a busy desk, not a runaway client. */
export const staffRouteThrottle = { rateLimit: 50, burstLimit: 100 };

/**
 * What each public or signed-link route may take, below a staff route's: anyone on the internet
 * can call these, and a flood of the lead form (or of sign-in, or of a link) is turned away at
 * the gateway with 429 before it runs up the functions and the table the staff routes need.
 * Still far above what prospects and customers send: a few requests a minute.
 */
export const publicRouteThrottle = { rateLimit: 10, burstLimit: 20 };

/**
 * A Lambda proxy integration (payload 2.0) that, unlike `HttpLambdaIntegration`, adds no invoke
 * permission per route: the API holds one per function (see `addDeclaredRoutes`).
 */
class FunctionIntegration extends apigw.HttpRouteIntegration {
  constructor(
    id: string,
    private readonly handler: lambda.IFunction,
  ) {
    super(id);
  }

  bind(_options: apigw.HttpRouteIntegrationBindOptions): apigw.HttpRouteIntegrationConfig {
    return {
      type: apigw.HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    };
  }
}

/** HTTP API access log line: who asked what, and how it ended (authorizer errors included). */
const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};
