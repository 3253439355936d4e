export interface EmulatedOnCallUser {
  id: string;
  name: string;
  email: string;
  level: number;
}

export interface EmulatedEscalationPolicy {
  escalationPolicyId: string;
  users: EmulatedOnCallUser[];
}

/** PagerDuty's default page size for /oncalls. */
const DEFAULT_LIMIT = 25;

/**
 * The body of `GET /oncalls` in PagerDuty's shape: user references unless `include[]=users`
 * asks for the full user (which is how callers get an email). Honours `limit` and `offset`.
 */
export function listOnCalls(
  policies: EmulatedEscalationPolicy[],
  query: URLSearchParams,
  shift: { start: Date; end: Date },
): Record<string, unknown> {
  const wanted = new Set(query.getAll('escalation_policy_ids[]'));
  const includeUsers = query.getAll('include[]').includes('users');
  const limit = Math.max(1, Number(query.get('limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT);
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);

  const all = policies
    .filter((policy) => wanted.size === 0 || wanted.has(policy.escalationPolicyId))
    .flatMap((policy) =>
      policy.users.map((user) => ({
        escalation_level: user.level,
        user: includeUsers
          ? { id: user.id, type: 'user', summary: user.name, name: user.name, email: user.email }
          : { id: user.id, type: 'user_reference', summary: user.name },
        escalation_policy: { id: policy.escalationPolicyId, type: 'escalation_policy_reference' },
        schedule: null,
        start: shift.start.toISOString(),
        end: shift.end.toISOString(),
      })),
    );

  return { oncalls: all.slice(offset, offset + limit), limit, offset, more: offset + limit < all.length, total: null };
}
