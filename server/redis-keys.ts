/** A Redis key under an explicit prefix (for code that gets the prefix passed in). */
export const redisKeyFor = (prefix: string, ...parts: string[]) => [prefix, ...parts].join(":");
