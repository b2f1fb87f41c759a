/**
 * The time limit of a test whose work is bounded by a count (requests, runs, items), not by the
 * clock. It only catches a hang: on a loaded two-core machine the same work may take five times
 * as long as on a quiet one, and that must not fail the test (issue 15). Twenty minutes is far
 * beyond any loaded run measured (the 10,000 hostile requests: 41 s quiet, over 180 s at load 25).
 */
export const HANG_GUARD_MS = 20 * 60_000;
