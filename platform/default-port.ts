/**
 * The embedded platform's loopback port when none is given. A module of its
 * own so that what only needs the port (every synth, through the local
 * paths) does not load the whole platform.
 */
export const DEFAULT_PORT = 4510;
