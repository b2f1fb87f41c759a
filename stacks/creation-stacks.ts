/**
 * cdktf records a full JavaScript stack trace when it creates each token (`captureStackTrace` in
 * `cdktf/lib/tokens/private/stack-trace.js`: thousands per synth of this app, with
 * `Error.stackTraceLimit` at its maximum). The traces appear only in the message of a token that
 * fails to resolve ("Object creation stack: ..."), never in the synthesized files, and recording
 * them is about a fifth of the app's synth time (`npm run bench`, synth).
 *
 * `recordCreationStacks(false)` makes cdktf record empty traces; the output is byte-identical
 * (`__tests__/stacks/synthesis-speed.test.ts`). `main.ts` turns them off unless
 * `CDKTF_CREATION_STACKS=1` asks for them while debugging such an error.
 */
// The module's export is read at each call (`(0, stack_trace_1.captureStackTrace)()`), so
// replacing it takes effect for tokens created from then on. cdktf does not re-export it.
// `import = require` binds the module object itself, which an `import * as` copy would not.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- binds the module object itself (above)
import stackTrace = require('cdktf/lib/tokens/private/stack-trace');

const recordingCapture = stackTrace.captureStackTrace;
const noTrace = (): string[] => [];

export function recordCreationStacks(record: boolean): void {
  stackTrace.captureStackTrace = record ? recordingCapture : noTrace;
}
