import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden } from '../errors';
import { readSessionCookie } from '../http/cookies';
import { csrfToken } from '../http/csrf';
import { html } from '../http/html';
import { describeError } from '../http/middleware';
import { basePath, type HttpAnswer, htmlAnswer, isHttps } from '../http/responses';
import { staffPrincipal } from '../http/staff-request';
import type { SigningKeyInput } from '../signing-key';
import type { StaffPrincipal } from '../staff-member';
import { staffRolesOf } from '../staff-roles';
import { type Frame, officePage } from './layout';

/**
 * The stack every back-office page runs in. The staff authorizer has let the request in; this
 * checks the route's roles once more (a page never trusts one gate alone), builds the frame and
 * turns typed errors into pages inside the frame: 403, 404, 409, 400. Anything else is logged
 * whole and answered with a page that shows no internals.
 */

export interface OfficeRequest {
  event: APIGatewayProxyEventV2;
  principal: StaffPrincipal;
  frame: Frame;
  now: Date;
}

type OfficeRoute = (request: OfficeRequest) => Promise<HttpAnswer>;

export function officeHandler(
  logger: Logger,
  signingKey: () => Promise<SigningKeyInput>,
  route: OfficeRoute,
) {
  let frame: Frame | undefined;
  return middy<APIGatewayProxyEventV2, HttpAnswer>()
    .use(injectLambdaContext(logger))
    .use(officeErrors(logger, () => frame))
    .handler(async (event) => {
      frame = undefined;
      const principal = staffPrincipal(event);
      const session = readSessionCookie(event) ?? '';
      frame = { principal, base: basePath(event), csrf: csrfToken(session, await signingKey()) };
      const allowed = staffRolesOf(event.routeKey);
      if (!allowed?.includes(principal.role)) {
        throw new Forbidden('Your role does not give access to this page.');
      }
      return withTransportSecurity(
        event,
        await route({ event, principal, frame, now: new Date() }),
      );
    });
}

/** A back-office page as an HTTP answer. */
export function pageAnswer(statusCode: number, body: string): HttpAnswer {
  return htmlAnswer(statusCode, body, 'en');
}

function officeErrors(
  logger: Logger,
  currentFrame: () => Frame | undefined,
): MiddlewareObj<APIGatewayProxyEventV2, HttpAnswer> {
  return {
    onError(request) {
      const known = describeError(request.error);
      if (known) {
        logger.info('Request refused', {
          statusCode: known.statusCode,
          reason: `${request.error?.name}: ${request.error?.message}`,
        });
      } else logger.error('Request failed', { error: request.error });
      const statusCode = known?.statusCode ?? 500;
      const title = known ? (titles[statusCode] ?? known.title) : 'Something went wrong';
      const messages = known?.problems.map((p) => p.message) ?? [
        'Something went wrong on our side. Please try again later.',
      ];
      const main = html`<h1>${title}</h1>
${messages.map((m) => html`<p>${m}</p>`)}`;
      const frame = currentFrame();
      const body = frame
        ? officePage(frame, { title, main })
        : html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${main}</main></body></html>`
            .value;
      request.response = withTransportSecurity(request.event, pageAnswer(statusCode, body));
    },
  };
}

const titles: Record<number, string> = {
  403: 'Not allowed',
  404: 'Not found',
  409: 'Changed meanwhile',
};

/** HSTS only over https (AWS): told so over plain http, a browser would refuse the local desk. */
function withTransportSecurity(event: APIGatewayProxyEventV2, answer: HttpAnswer): HttpAnswer {
  if (isHttps(event)) return answer;
  const { 'Strict-Transport-Security': _hsts, ...headers } = answer.headers;
  return { ...answer, headers };
}
