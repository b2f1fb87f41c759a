/**
 * Who may read Terraform state, and the key that encrypts it. The state bucket (bootstrap stack)
 * and every stack's S3 backend derive their settings from here, so they cannot disagree.
 */
import { StateConfig } from './environments';

/** Who may read state: the part of `StateConfig` that `TF_STATE_READER_ARNS` sets. */
export type StateAccessConfig = Pick<StateConfig, 'readerPrincipalArns'>;

/** The embedded default: state readable inside its own account only. */
export const DEFAULT_STATE_ACCESS: StateAccessConfig = {};

/** Alias of the state bucket's customer-managed key (created by the bootstrap stack). */
export function stateKeyAliasName(bucket: string): string {
  return `alias/${bucket}`;
}

/**
 * ARN of that alias, which every S3 backend names as `kms_key_id`: known before the key exists,
 * so a service stack needs no output of the bootstrap stack. Every supported region is in the
 * `aws` partition.
 */
export function stateKeyAliasArn(state: StateConfig): string {
  return `arn:aws:kms:${state.region}:${state.accountId}:${stateKeyAliasName(state.bucket)}`;
}

const PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}|\*):(role|user|root|\*)[\w+=,.@/*-]*$/;

/**
 * Reads `TF_STATE_READER_ARNS` (comma-separated principal ARNs). Returns the access settings and
 * one message per ARN that is not an IAM role, user or account principal.
 */
export function stateAccessFromEnv(env: Readonly<Record<string, string | undefined>>): {
  access: StateAccessConfig;
  problems: string[];
} {
  const raw = env.TF_STATE_READER_ARNS;
  if (raw === undefined || raw.trim() === '') return { access: DEFAULT_STATE_ACCESS, problems: [] };
  const arns = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const problems = arns
    .filter((arn) => !PRINCIPAL_ARN.test(arn))
    .map((arn) => `TF_STATE_READER_ARNS "${arn}" is not an IAM role, user or account principal ARN`);
  return { access: { readerPrincipalArns: arns }, problems };
}
