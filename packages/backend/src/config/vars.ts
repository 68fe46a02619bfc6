/** A variable's value, or undefined when it is unset or blank. */
export function readVar(
  env: NodeJS.ProcessEnv,
  name: string,
): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Joins variable names for a message: "A, B and C". */
export function listNames(names: string[]): string {
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Reads variables that only make sense together, given as name → what it is
 * for. None set: `values` is undefined and there is no error. All set: their
 * values. Some set: one error per missing variable, naming the ones that are.
 */
export function readVarGroup<TName extends string>(
  env: NodeJS.ProcessEnv,
  purposes: Record<TName, string>,
): { values?: Record<TName, string>; errors: string[] } {
  const names = Object.keys(purposes) as TName[];
  const set = names.filter(name => readVar(env, name) !== undefined);
  if (set.length === 0) {
    return { errors: [] };
  }
  const missing = names.filter(name => !set.includes(name));
  if (missing.length > 0) {
    const because = `needed because ${listNames(set)} ${
      set.length === 1 ? 'is' : 'are'
    } set`;
    return {
      errors: missing.map(
        name => `${name} is not set: ${purposes[name]}, ${because}`,
      ),
    };
  }
  const values = Object.fromEntries(
    names.map(name => [name, readVar(env, name)!]),
  ) as Record<TName, string>;
  return { values, errors: [] };
}
