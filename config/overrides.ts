/**
 * Settings stated as changes to a base: an environment names only the settings it changes, at
 * any depth (`alarms: { apiLatencyP99Ms: 1_500 }` keeps the base's other alarm settings).
 * Lists are replaced whole, never merged item by item.
 */
export type Overrides<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object | undefined
      ? Overrides<NonNullable<T[K]>> | Extract<T[K], undefined>
      : T[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `base` with `overrides` applied, as a new object (the base is never changed). A key the
 * overrides state, even as `undefined`, wins; a nested object is merged key by key.
 */
export function applyOverrides<T extends object>(base: T, overrides: Overrides<T>): T {
  const result = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? applyOverrides(current, value) : value;
  }
  return result as T;
}
