import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import {
  BadRequest,
  Conflict,
  Forbidden,
  NotFound,
  PayloadTooLarge,
  TooManyRequests,
  UnsupportedMediaType,
  ValidationError,
} from '../errors';
import { errorPage } from './pages';
import { type HttpAnswer, htmlAnswer, isHttps, jsonAnswer, wantsHtml } from './responses';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpAnswer>;

/**
 * The stack every HTTP handler runs in: the Lambda context in every log line, and errors turned
 * into clear answers. A typed error says what the caller did wrong; anything else is our fault:
 * logged in full, answered with a generic 500 that shows no internals.
 */
export function httpHandler(logger: Logger, handler: HttpHandler) {
  return middy<APIGatewayProxyEventV2, HttpAnswer>()
    .use(injectLambdaContext(logger))
    .use(transportSecurity())
    .use(errorAnswers(logger))
    .handler(handler);
}

interface Failure {
  statusCode: number;
  title: string;
  problems: { field?: string; message: string }[];
  headers?: Record<string, string>;
}

export function describeError(error: unknown): Failure | undefined {
  if (error instanceof ValidationError) {
    return { statusCode: 400, title: 'Invalid request', problems: [...error.problems] };
  }
  if (error instanceof TooManyRequests) {
    return {
      statusCode: 429,
      title: 'Too many requests',
      problems: [{ message: error.message }],
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  }
  const simple: [new (...args: never[]) => Error, number, string][] = [
    [BadRequest, 400, 'Bad request'],
    [Forbidden, 403, 'Forbidden'],
    [NotFound, 404, 'Not found'],
    [Conflict, 409, 'Conflict'],
    [PayloadTooLarge, 413, 'Request too large'],
    [UnsupportedMediaType, 415, 'Unsupported media type'],
  ];
  for (const [type, statusCode, title] of simple) {
    if (error instanceof type) return { statusCode, title, problems: [{ message: error.message }] };
  }
  return undefined;
}

function errorAnswers(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, HttpAnswer> {
  return {
    onError(request) {
      const known = describeError(request.error);
      const failure: Failure = known ?? {
        statusCode: 500,
        title: 'Something went wrong',
        problems: [{ message: 'Something went wrong on our side. Please try again later.' }],
      };
      // A refusal is the caller's doing: a line is enough. A failure is ours: log it whole.
      if (known) {
        logger.info('Request refused', {
          statusCode: known.statusCode,
          reason: `${request.error?.name}: ${request.error?.message}`,
        });
      } else logger.error('Request failed', { error: request.error });
      const answer = wantsHtml(request.event)
        ? htmlAnswer(failure.statusCode, errorPage(failure.title, failure.problems))
        : jsonAnswer(failure.statusCode, { errors: failure.problems });
      Object.assign(answer.headers, failure.headers);
      request.response = withTransportSecurity(request.event, answer);
    },
  };
}

/**
 * HSTS only on answers served over https (AWS): a browser told so by plain http on this machine
 * would refuse the local desk afterwards.
 */
function transportSecurity(): MiddlewareObj<APIGatewayProxyEventV2, HttpAnswer> {
  return {
    after(request) {
      if (request.response)
        request.response = withTransportSecurity(request.event, request.response);
    },
  };
}

function withTransportSecurity(event: APIGatewayProxyEventV2, answer: HttpAnswer): HttpAnswer {
  if (isHttps(event)) return answer;
  const { 'Strict-Transport-Security': _hsts, ...headers } = answer.headers;
  return { ...answer, headers };
}
