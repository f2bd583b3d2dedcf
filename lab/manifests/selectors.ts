// Kubernetes label selectors (metav1.LabelSelector), read and matched as apimachinery does
// (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector, pkg/labels/selector.go):
// matchLabels and every matchExpression must all hold; In needs the key with one of the values, NotIn
// holds when the key is absent or its value is none of them, Exists and DoesNotExist test the key alone.
// An empty selector ({}) selects everything; an absent one selects nothing, unless the owning API says
// otherwise (each caller says which it is).
import { Fields, invalid, type ResourceRef } from './fields.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A parsed label selector. Example: {"matchLabels":{"bgp":"65001"},"matchExpressions":[]} */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Reads the selector at `key` of `fields`; undefined when it is absent (or null). */
export function readSelector(fields: Fields, key: string): LabelSelector | undefined {
  const selector = fields.optionalObject(key);
  if (!selector) return undefined;
  const matchLabels = selector.stringMap('matchLabels');
  const matchExpressions = selector.objects('matchExpressions').map((e) => readRequirement(e, fields.ref));
  selector.done();
  return { matchLabels, matchExpressions };
}

function readRequirement(e: Fields, ref: ResourceRef): SelectorRequirement {
  const key = e.string('key');
  const operator = e.string('operator');
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    throw invalid(ref, `${e.path}.operator`, operator, OPERATORS.join(', '));
  }
  const values = e.strings('values');
  // apimachinery's ValidateLabelSelectorRequirement
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    throw invalid(ref, `${e.path}.values`, values, `at least one value for operator ${operator}`);
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    throw invalid(ref, `${e.path}.values`, values, `no values for operator ${operator}`);
  }
  e.done();
  return { key, operator: operator as SelectorOperator, values };
}

function requirementHolds(r: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]!);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether `selector` selects an object with `labels`; an absent selector selects nothing. */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  return (
    Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v) &&
    selector.matchExpressions.every((r) => requirementHolds(r, labels))
  );
}

/** The selector as kubectl would print it, for messages: "bgp=65001,somekey notin (x)". */
export function selectorText(selector: LabelSelector | undefined): string {
  if (!selector) return '(no selector)';
  const parts = [
    ...Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`),
    ...selector.matchExpressions.map((r) =>
      r.operator === 'Exists' ? r.key : r.operator === 'DoesNotExist' ? `!${r.key}` : `${r.key} ${r.operator.toLowerCase()} (${r.values.join(',')})`,
    ),
  ];
  return parts.length > 0 ? parts.join(',') : '(everything)';
}
