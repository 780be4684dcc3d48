import jsonata from 'jsonata';
import { type Fields, invalid, isObject } from './definition';

/** Creation checks of a state's JSONata: every `{% … %}` parses and names no bare input. */

/** Every `{% … %}` in the state's own fields (not in nested branches) must parse. */
export function checkExpressions(state: Fields, where: string): void {
  const visit = (value: unknown, field: string): void => {
    if (typeof value === 'string') {
      const match = /^\{%([\s\S]*)%\}$/.exec(value);
      if (match) checkExpression(match[1] ?? '', field, where);
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, `${field}[${i}]`);
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, `${field}/${k}`);
    }
  };
  for (const [field, value] of Object.entries(state)) {
    if (['Branches', 'ItemProcessor', 'Iterator'].includes(field)) continue;
    visit(value, field);
  }
}

function checkExpression(text: string, field: string, where: string): void {
  let ast: { type?: string; value?: unknown; steps?: { type?: string; value?: unknown }[] };
  try {
    ast = jsonata(text).ast() as typeof ast;
  } catch (error) {
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: The JSONata expression '${text.trim()}' in field '${field}' is invalid: ${(error as Error).message} ${where}`,
    );
  }
  // AWS gives JSONata no input document: `$`, `$$` and bare field names have nothing to refer to.
  const first = ast.type === 'path' ? ast.steps?.[0] : ast;
  const bare =
    first?.type === 'name' ||
    (first?.type === 'variable' && (first.value === '' || first.value === '$'));
  if (bare) {
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: The JSONata expression '${text.trim()}' in field '${field}' refers to the input at the top level; use $states.input ${where}`,
    );
  }
}
