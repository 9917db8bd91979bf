/**
 * Messages between the page and the engine worker. Both sides import these types and nothing
 * else from each other.
 */
export const PROTOCOL_VERSION = 1;
