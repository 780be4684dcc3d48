import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import { httpHandler } from '../../shared/http/middleware';
import { jsonAnswer } from '../../shared/http/responses';
import { readJsonWrite, staffPrincipal } from '../../shared/http/staff-request';
import { openTable } from '../../shared/store/table';
import { parseNewStaffMember, parseStaffEdit, parseTeamEdit, parseTeamName } from '../rules/staff';
import {
  addStaffMember,
  editStaffMember,
  setTeamSupervisor,
  visibleMember,
  visibleStaff,
} from '../staff-directory';
import { staffStore } from '../store/staff-store';

/**
 * The staff directory API. Roles per route are declared in the manifest and checked by the
 * staff authorizer; which entries a reader sees is decided per entry (`shared/access.ts`).
 *
 * GET /staff[?team=&role=]   GET /staff/me   GET /staff/{staffId}
 * POST /staff                PUT /staff/{staffId}   (manager; JSON; PUT carries `version`)
 * GET /teams                 PUT /teams/{team}      (manager; `{supervisorId, version?}`)
 */

const logger = new Logger();
const directory = staffStore(openTable(requireEnv('TABLE_NAME')));

export const handler = httpHandler(logger, async (event) => {
  const principal = staffPrincipal(event);
  const path = event.pathParameters ?? {};
  switch (event.routeKey) {
    case 'GET /staff': {
      const query = event.queryStringParameters ?? {};
      const staff = await visibleStaff(directory, principal, {
        team: query.team,
        role: query.role,
      });
      return jsonAnswer(200, { staff });
    }
    case 'GET /staff/me':
      return jsonAnswer(200, await visibleMember(directory, principal, principal.staffId));
    case 'GET /staff/{staffId}':
      return jsonAnswer(200, await visibleMember(directory, principal, path.staffId ?? ''));
    case 'POST /staff': {
      const member = await addStaffMember(
        directory,
        parseNewStaffMember(readJsonWrite(event)),
        new Date(),
      );
      logger.info('Staff member added', { staffId: member.staffId, by: principal.staffId });
      return jsonAnswer(201, member);
    }
    case 'PUT /staff/{staffId}': {
      const { details, version } = parseStaffEdit(readJsonWrite(event));
      const member = await editStaffMember(directory, path.staffId ?? '', details, version);
      logger.info('Staff member changed', { staffId: member.staffId, by: principal.staffId });
      return jsonAnswer(200, member);
    }
    case 'GET /teams':
      return jsonAnswer(200, {
        teams: (await directory.listTeams()).filter(
          (t) => principal.role === 'manager' || t.team === principal.team,
        ),
      });
    case 'PUT /teams/{team}': {
      const team = parseTeamName(path.team);
      const edit = parseTeamEdit(readJsonWrite(event));
      const saved = await setTeamSupervisor(directory, team, edit.supervisorId, edit.version);
      logger.info('Team supervisor set', { team: saved.team, by: principal.staffId });
      return jsonAnswer(200, saved);
    }
    default:
      throw new NotFound(`No such route: ${event.routeKey}`);
  }
});
