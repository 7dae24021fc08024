/**
 * How long an AliExpress authorisation request waits for its code: the core keeps its anti-forgery
 * state this long (core/connectors/authStates.ts), and the connection screen keeps the code box
 * through a reload for as long (pages/settings/pendingAuth.ts).
 */
export const AUTH_STATE_TTL_MS = 30 * 60_000;
