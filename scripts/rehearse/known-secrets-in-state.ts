/**
 * Secret values the rehearsal finds in state and lets pass, each with its reason. Anything else
 * it finds fails the rehearsal; a `defect: true` entry (a known defect awaiting its fix) whose
 * secret is no longer found fails it too, so that the entry goes with the fix. The page-token
 * secret was one until it became write-only (`value_wo`): the rehearsal then reported it fixed.
 */
import { ToleratedSecret } from './state-checks';

export const KNOWN_SECRETS_IN_STATE: readonly ToleratedSecret[] = [
  {
    // aws_api_gateway_api_key always records `value` (sensitive, but in state): the provider
    // reads it back on every refresh, even when API Gateway generates it. API keys identify a
    // client application for its usage plan; AWS says they are not a means of authentication
    // (callers prove who they are with an ID token, which no state holds). One key per client.
    kind: 'api-key',
    name: /^appointments-[a-z]+-client-[a-z][a-z0-9-]*$/,
    defect: false,
    why: 'by design: aws_api_gateway_api_key keeps its value in state; API keys meter client applications and are not authentication; the bucket policy limits who reads state',
  },
];
