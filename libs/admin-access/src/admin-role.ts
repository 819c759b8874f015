/** The admin roles, weakest first: each allows what the ones before it allow. */
export const ADMIN_ROLES = ['viewer', 'operator', 'admin'] as const;

export type AdminRole = (typeof ADMIN_ROLES)[number];

/**
 * A role's rank. A map rather than comparisons spread over the code, so adding a role is
 * one line here and the order is stated once.
 */
const RANK: ReadonlyMap<AdminRole, number> = new Map(ADMIN_ROLES.map((role, rank) => [role, rank]));

export function isAdminRole(value: unknown): value is AdminRole {
  return typeof value === 'string' && RANK.has(value as AdminRole);
}

/** Whether a token holding `held` may do what needs `needed`. */
export function roleAllows(held: AdminRole, needed: AdminRole): boolean {
  const heldRank = RANK.get(held);
  const neededRank = RANK.get(needed);
  // An unknown role (a value cast in from outside) allows nothing, and is needed by nothing anyone holds.
  return heldRank !== undefined && neededRank !== undefined && heldRank >= neededRank;
}
