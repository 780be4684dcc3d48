import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { dataTable, errorSummary, textField, timeElement } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import type { ApiKeyRecord } from '../store/api-keys';

/**
 * Settings → API keys (managers): the keys that let a client post leads as JSON to `POST /leads`.
 * A new key is shown once, on the page that answers its creation; the list shows each key's name,
 * who created it and when, when it was last used, and revokes it.
 */

export interface ApiKeysView {
  frame: Frame;
  zone: string;
  keys: readonly ApiKeyRecord[];
  /** The key just created: its whole value, shown this once. */
  created?: { key: ApiKeyRecord; token: string };
  values?: { name?: string };
  problems?: readonly FieldProblem[];
  flash?: Flash;
}

export function apiKeysPage(view: ApiKeysView): string {
  const { frame, zone } = view;
  const problems = view.problems ?? [];
  const rows = [...view.keys]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((key) => [
      key.name,
      html`${timeElement(key.createdAt, zone)} by ${key.createdBy.name}`,
      key.lastUsedAt ? timeElement(key.lastUsedAt, zone) : 'Never',
      key.revokedAt
        ? html`Revoked ${timeElement(key.revokedAt, zone)} by ${key.revokedBy?.name ?? 'a manager'}`
        : html`<form method="post" action="${frame.base}/office/settings/api-keys/${key.keyId}/revoke">
${csrfInput(frame)}
<button type="submit">Revoke</button>
</form>`,
    ]);
  const created = view.created
    ? html`<section class="card" aria-labelledby="new-key-title">
<h2 id="new-key-title">New key: ${view.created.key.name}</h2>
<p>Copy this key now and give it to the client. It is shown <strong>only this once</strong>: the
desk keeps only a fingerprint of it. Lost, it cannot be shown again: revoke it and create another.</p>
<p><code id="new-key">${view.created.token}</code></p>
</section>`
    : '';
  const main = html`<p><a href="${frame.base}/office/settings">← Settings</a></p>
<h1>API keys</h1>
<p>A program that sends leads to the desk as JSON (<code>POST /leads</code>) needs a key, sent as
<code>Authorization: Bearer &lt;key&gt;</code>. Give each client its own key, so one can be revoked
without stopping the others. The public lead form needs none.</p>
${created}
${errorSummary(problems, () => 'Name')}
<form method="post" action="${frame.base}/office/settings/api-keys" class="card">
${csrfInput(frame)}
${textField({
  name: 'name',
  label: 'Name of the client',
  hint: 'Who will use the key, for example "Website" or "Partner portal"',
  value: view.values?.name ?? '',
  required: true,
  ...(problems.find((p) => p.field === 'name')
    ? { error: problems.find((p) => p.field === 'name')?.message }
    : {}),
})}
<button type="submit">Create key</button>
</form>
${dataTable(
  'Keys, newest first',
  [{ label: 'Name' }, { label: 'Created' }, { label: 'Last used' }, { label: 'Revoke' }],
  rows,
  'No key yet: nothing can post leads as JSON.',
)}`;
  return officePage(frame, {
    title: 'API keys',
    section: 'settings',
    ...(view.flash ? { flash: view.flash } : {}),
    main,
  });
}
