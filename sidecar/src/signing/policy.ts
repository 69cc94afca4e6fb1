/**
 * CloudFront custom policies (pure functions). A policy has exactly one statement with a
 * `Resource` (may hold `*` and `?` wildcards) and conditions. We always use a custom policy:
 * the canned one cannot express a wildcard, and a course cookie must open a whole folder.
 */

export interface PolicyConditions {
  /** Unix seconds; access is allowed strictly before it. */
  dateLessThan: number;
  /** Unix seconds; access is allowed from it on. */
  dateGreaterThan?: number;
  /** CIDR such as 192.0.2.0/24 or 2001:db8::/32. */
  ipAddress?: string;
}

export interface Policy {
  resource: string;
  conditions: PolicyConditions;
}

/**
 * The policy JSON exactly as it is signed. Key order and spacing are fixed (no whitespace), so
 * equal inputs give byte-identical policies and therefore reusable signatures.
 */
export function policyJson(policy: Policy): string {
  const condition: Record<string, unknown> = {};
  if (policy.conditions.ipAddress !== undefined) condition['IpAddress'] = { 'AWS:SourceIp': policy.conditions.ipAddress };
  condition['DateLessThan'] = { 'AWS:EpochTime': policy.conditions.dateLessThan };
  if (policy.conditions.dateGreaterThan !== undefined) {
    condition['DateGreaterThan'] = { 'AWS:EpochTime': policy.conditions.dateGreaterThan };
  }
  return JSON.stringify({ Statement: [{ Resource: policy.resource, Condition: condition }] });
}

/**
 * Parses a policy as CloudFront reads it. Anything it would not accept (not one statement, no
 * DateLessThan, unknown conditions, wrong types) gives undefined.
 */
export function parsePolicy(json: string): Policy | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(data) || Object.keys(data).length !== 1 || !Array.isArray(data['Statement'])) return undefined;
  if (data['Statement'].length !== 1) return undefined;
  const statement: unknown = data['Statement'][0];
  if (!isObject(statement)) return undefined;
  const { Resource: resource, Condition: condition } = statement;
  if (typeof resource !== 'string' || resource.length === 0 || !isObject(condition)) return undefined;
  if (Object.keys(statement).some((k) => k !== 'Resource' && k !== 'Condition')) return undefined;
  const conditions: Partial<PolicyConditions> = {};
  for (const [name, value] of Object.entries(condition)) {
    if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
    if (name === 'DateLessThan' || name === 'DateGreaterThan') {
      const t = value['AWS:EpochTime'];
      if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return undefined;
      conditions[name === 'DateLessThan' ? 'dateLessThan' : 'dateGreaterThan'] = t;
    } else if (name === 'IpAddress') {
      const ip = value['AWS:SourceIp'];
      if (typeof ip !== 'string') return undefined;
      conditions.ipAddress = ip;
    } else {
      return undefined;
    }
  }
  if (conditions.dateLessThan === undefined) return undefined;
  return { resource, conditions: conditions as PolicyConditions };
}

/**
 * CloudFront's wildcard match of a policy `Resource` against the full request URL (scheme, host,
 * path and query): `*` matches any run of characters (also none), `?` exactly one; case matters.
 */
export function resourceMatches(resource: string, url: string): boolean {
  const pattern = resource
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(url);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
