/**
 * The desk deploys as a root stack with a nested stack per concern. Template tests look at all of
 * it as one template: every stack's resources in one map, with the references CDK threads
 * between the stacks (a nested stack's parameters, a parent's `Outputs.` attributes) resolved to
 * the resources they name, so `{ Ref: <parameter> }` reads `{ Ref: DataTable... }` again.
 */

// biome-ignore lint/suspicious/noExplicitAny: a template is untyped JSON
type Json = any;

export interface StackTemplate {
  Resources: Record<string, Json>;
  Parameters?: Record<string, Json>;
  Outputs?: Record<string, { Value: Json }>;
}

interface Node {
  template: StackTemplate;
  /** The parent's template and the values it passes for this stack's parameters. */
  parent?: { node: Node; parameters: Record<string, Json> };
  /** Nested stacks by their resource's logical id in this template. */
  children: Map<string, Node>;
}

/** The root template and its nested ones as one; `readNested` reads a file of the cloud assembly. */
export function flattenNested(
  root: StackTemplate,
  readNested: (file: string) => StackTemplate,
): { Resources: Record<string, Json>; Outputs?: Record<string, Json> } {
  const nodes: Node[] = [];
  const load = (template: StackTemplate, parent?: Node['parent']): Node => {
    const node: Node = { template, parent, children: new Map() };
    nodes.push(node);
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const file = resource.Metadata?.['aws:asset:path'];
      if (typeof file !== 'string') throw new Error(`${id} names no nested template file`);
      const parameters = resource.Properties?.Parameters ?? {};
      node.children.set(id, load(readNested(file), { node, parameters }));
    }
    return node;
  };
  const rootNode = load(root);

  const resolve = (value: Json, node: Node): Json => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, node));
    if (value === null || typeof value !== 'object') return value;
    const ref = value.Ref;
    if (typeof ref === 'string' && node.parent && ref in (node.template.Parameters ?? {})) {
      return resolve(node.parent.parameters[ref], node.parent.node);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && String(getAtt[1]).startsWith('Outputs.')) {
      const child = node.children.get(getAtt[0]);
      const output = child?.template.Outputs?.[String(getAtt[1]).slice('Outputs.'.length)];
      if (child && output) return resolve(output.Value, child);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, node)]));
  };

  const resources: Record<string, Json> = {};
  for (const node of nodes) {
    for (const [id, resource] of Object.entries(node.template.Resources)) {
      // Every stack `cdk synth` writes has its own CDKMetadata: the root's stands for them.
      if (resource.Type === 'AWS::CDK::Metadata' && node !== rootNode) continue;
      // CDK names a nested stack's resources by their path in that stack: two could meet here.
      if (id in resources) throw new Error(`Two stacks hold a resource with the logical id ${id}`);
      resources[id] = resolve(resource, node);
    }
  }
  return { Resources: resources, Outputs: rootNode.template.Outputs };
}

/** The nested stack templates' files, from the root template of the cloud assembly. */
export function nestedTemplateFiles(root: StackTemplate): string[] {
  return Object.values(root.Resources)
    .filter((r) => r.Type === 'AWS::CloudFormation::Stack')
    .map((r) => String(r.Metadata?.['aws:asset:path']));
}
