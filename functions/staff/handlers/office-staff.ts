import { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulidx';
import { maySee, staffRecord } from '../../shared/access';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import type { StaffMember } from '../../shared/staff-member';
import { openTable } from '../../shared/store/table';
import {
  memberFormValues,
  staffDetailPage,
  staffFormPage,
  staffListPage,
} from '../pages/staff-pages';
import { parseNewStaffMember, parseStaffEdit } from '../rules/staff';
import { staffStore } from '../store/staff-store';

/**
 * The back office's staff directory: the list (supervisors see their team, managers everyone),
 * one entry (agents and finance their own), and the manager's forms to add and edit entries.
 */

const logger = new Logger();
const staff = staffStore(openTable(requireEnv('TABLE_NAME')));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const pageSize = 25;

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/staff':
      return list(request);
    case 'GET /office/staff/new':
      return newForm(request);
    case 'POST /office/staff/new':
      return create(request);
    case 'GET /office/staff/{staffId}':
      return show(request);
    case 'POST /office/staff/{staffId}':
      return edit(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function teamNames(): Promise<string[]> {
  return (await staff.listTeams()).map((t) => t.team).sort();
}

async function list({ event, principal, frame }: OfficeRequest) {
  const query = event.queryStringParameters ?? {};
  const search = (query.q ?? '').trim().toLowerCase().slice(0, 100);
  const role = query.role ?? '';
  const team = principal.role === 'manager' ? (query.team ?? '') : '';
  const matching = (await staff.listMembers())
    .filter((m) => maySee(principal, 'staff-member', staffRecord(m)))
    .filter((m) => !search || `${m.name} ${m.email}`.toLowerCase().includes(search))
    .filter((m) => !role || m.role === role)
    .filter((m) => !team || m.team === team)
    .sort((a, b) => a.name.localeCompare(b.name) || a.staffId.localeCompare(b.staffId));
  // The cursor is the last entry shown; an entry gone meanwhile starts the list again.
  const afterIndex = query.after ? matching.findIndex((m) => m.staffId === query.after) : -1;
  const shown = matching.slice(afterIndex + 1, afterIndex + 1 + pageSize);
  const hasMore = afterIndex + 1 + pageSize < matching.length;
  return pageAnswer(
    200,
    staffListPage({
      frame,
      search: query.q ?? '',
      role,
      team,
      teams: await teamNames(),
      members: shown,
      isFirst: afterIndex < 0,
      ...(hasMore ? { next: shown[shown.length - 1]?.staffId } : {}),
    }),
  );
}

const newEntryDefaults: Record<string, string> = {
  role: 'agent',
  capacity: '20',
  language: 'en',
  'workingHours.start': '09:00',
  'workingHours.end': '17:00',
  active: 'true',
};

async function newForm({ frame }: OfficeRequest) {
  return pageAnswer(
    200,
    staffFormPage({ frame, values: newEntryDefaults, problems: [], teams: await teamNames() }),
  );
}

/** The posted form as the directory's rules read it (they name the fields that are wrong). */
function entryFrom(fields: Record<string, string>) {
  const capacity = (fields.capacity ?? '').trim();
  return {
    name: fields.name ?? '',
    email: fields.email ?? '',
    role: fields.role ?? '',
    team: fields.team ?? '',
    capacity: capacity === '' ? undefined : Number(capacity),
    language: fields.language ?? '',
    workingHours: {
      start: fields['workingHours.start'] ?? '',
      end: fields['workingHours.end'] ?? '',
    },
    active: fields.active === 'true',
  };
}

async function postedForm(event: OfficeRequest['event']): Promise<Record<string, string>> {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the entry from the directory page');
  checkCsrf(event, body.fields, await signingKey());
  return body.fields;
}

async function create({ event, frame, principal, now }: OfficeRequest) {
  const fields = await postedForm(event);
  const refused = async (problems: { field: string; message: string }[]) =>
    pageAnswer(400, staffFormPage({ frame, values: fields, problems, teams: await teamNames() }));
  let details: ReturnType<typeof parseNewStaffMember>;
  try {
    details = parseNewStaffMember(entryFrom(fields));
  } catch (error) {
    if (error instanceof ValidationError) return refused([...error.problems]);
    throw error;
  }
  const member: StaffMember = { staffId: ulid(now.getTime()), ...details, version: 1 };
  if ((await staff.createMember(member)) === 'email-taken') {
    return refused([
      { field: 'email', message: 'someone in the directory has this email already' },
    ]);
  }
  logger.info('Staff member added', { staffId: member.staffId, by: principal.staffId });
  return seeOther(`${frame.base}/office/staff/${member.staffId}?done=created`);
}

async function visibleMember({ event, principal }: OfficeRequest): Promise<StaffMember> {
  const staffId = event.pathParameters?.staffId ?? '';
  const member = /^[\w-]{1,64}$/.test(staffId) ? await staff.getMember(staffId) : undefined;
  if (!member || !maySee(principal, 'staff-member', staffRecord(member))) {
    throw new NotFound('There is no staff member with this id, or it is not yours to see.');
  }
  return member;
}

const doneMessages: Record<string, string> = {
  created: 'Staff member added.',
  saved: 'Changes saved.',
};

async function show(request: OfficeRequest) {
  const { frame, principal, event } = request;
  const member = await visibleMember(request);
  const done = doneMessages[event.queryStringParameters?.done ?? ''];
  const flash = done ? ({ kind: 'done', message: done } as const) : undefined;
  if (principal.role !== 'manager') return pageAnswer(200, staffDetailPage(frame, member, flash));
  return pageAnswer(
    200,
    staffFormPage({
      frame,
      member,
      values: memberFormValues(member),
      problems: [],
      teams: await teamNames(),
      ...(flash ? { flash } : {}),
    }),
  );
}

async function edit(request: OfficeRequest) {
  const { event, frame, principal } = request;
  const member = await visibleMember(request);
  const fields = await postedForm(event);
  const teams = await teamNames();
  const refused = (problems: { field: string; message: string }[]) =>
    pageAnswer(400, staffFormPage({ frame, member, values: fields, problems, teams }));
  let edit: ReturnType<typeof parseStaffEdit>;
  try {
    const version = Number(fields.version);
    edit = parseStaffEdit({
      ...entryFrom(fields),
      version: Number.isFinite(version) ? version : undefined,
    });
  } catch (error) {
    if (error instanceof ValidationError) return refused([...error.problems]);
    throw error;
  }
  const outcome = await staff.updateMember(
    member.staffId,
    edit.details,
    edit.version,
    member.email,
  );
  switch (outcome) {
    case 'saved':
      logger.info('Staff member changed', { staffId: member.staffId, by: principal.staffId });
      return seeOther(`${frame.base}/office/staff/${member.staffId}?done=saved`);
    case 'email-taken':
      return refused([
        { field: 'email', message: 'someone in the directory has this email already' },
      ]);
    case 'missing':
      throw new NotFound('There is no staff member with this id.');
    case 'stale': {
      const latest = (await staff.getMember(member.staffId)) ?? member;
      return pageAnswer(
        409,
        staffFormPage({
          frame,
          member: latest,
          values: memberFormValues(latest),
          problems: [],
          teams,
          flash: {
            kind: 'problem',
            message:
              `Not saved: someone changed this entry (now version ${latest.version}) after you ` +
              `opened version ${edit.version}. The form shows the latest; make your change again.`,
          },
        }),
      );
    }
  }
}
