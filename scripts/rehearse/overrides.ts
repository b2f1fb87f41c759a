/**
 * The override files that point a synthesized stack at the emulator. They are written into the
 * rehearsal's own copy of the stacks only: Terraform merges `*_override.tf.json` over the
 * configuration, so the stacks themselves stay exactly as synthesized.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The provider `endpoints` key of the service each resource type prefix calls. */
const ENDPOINT_OF_PREFIX: Readonly<Record<string, string>> = {
  aws_api_gateway_: 'apigateway',
  aws_appautoscaling_: 'appautoscaling',
  aws_cloudwatch_: 'cloudwatch',
  aws_cloudwatch_event_: 'events',
  aws_cloudwatch_log_: 'logs',
  aws_cognito_: 'cognitoidp',
  aws_dynamodb_: 'dynamodb',
  aws_iam_: 'iam',
  aws_kms_: 'kms',
  aws_lambda_: 'lambda',
  aws_s3_: 's3',
  aws_scheduler_: 'scheduler',
  aws_secretsmanager_: 'secretsmanager',
  aws_signer_: 'signer',
  aws_sns_: 'sns',
  aws_sqs_: 'sqs',
  aws_ssm_: 'ssm',
  aws_wafv2_: 'wafv2',
};

/** Data sources the provider answers without calling AWS. */
const LOCAL_DATA_SOURCES = new Set(['aws_iam_policy_document', 'aws_region', 'aws_partition']);

/** Fake credentials: moto accepts any; these reach nothing else because every endpoint is moto. */
export const EMULATOR_CREDENTIALS = {
  access_key: 'AKIAREHEARSALFAKEKEY',
  secret_key: 'rehearsal-secret-key-accepted-only-by-the-emulator',
} as const;

export interface SynthesizedStack {
  readonly resource?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
  readonly ephemeral?: Record<string, unknown>;
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>> };
}

export interface Emulator {
  /** `https://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** PEM certificate the emulator serves, trusted through `custom_ca_bundle`. */
  readonly caBundle: string;
}

/**
 * The endpoint keys of every service the stack calls, STS always (the provider asks it for the
 * account id, which `allowed_account_ids` then checks). Throws on a resource type it cannot
 * place: a call to real AWS would only fail later, and less clearly.
 */
export function servicesCalledBy(stack: SynthesizedStack): string[] {
  const services = new Set(['sts']);
  const types = [
    ...Object.keys(stack.resource ?? {}),
    ...Object.keys(stack.ephemeral ?? {}),
    ...Object.keys(stack.data ?? {}).filter((t) => !LOCAL_DATA_SOURCES.has(t)),
  ];
  for (const type of types) {
    if (type === 'aws_caller_identity') continue;
    const prefix = Object.keys(ENDPOINT_OF_PREFIX)
      .filter((p) => type.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix === undefined) {
      throw new Error(`No emulator endpoint for ${type}: add its service to ENDPOINT_OF_PREFIX in ${__filename}`);
    }
    services.add(ENDPOINT_OF_PREFIX[prefix]);
  }
  return [...services].sort();
}

/**
 * The override of one stack: every provider endpoint at the emulator, with fake credentials;
 * an S3 backend keeps every synthesized setting (bucket, key, encryption, locking) and only gains
 * the emulator's endpoints; a local backend is kept inside the stack's directory.
 */
export function emulatorOverride(stack: SynthesizedStack, emulator: Emulator): Record<string, unknown> {
  const endpoints = Object.fromEntries(servicesCalledBy(stack).map((s) => [s, emulator.endpoint]));
  const reachEmulator = { ...EMULATOR_CREDENTIALS, custom_ca_bundle: emulator.caBundle, skip_metadata_api_check: true };
  const backend = stack.terraform?.backend ?? {};
  const [kind] = Object.keys(backend);
  let backendOverride: Record<string, unknown>;
  if (kind === 's3') {
    backendOverride = {
      s3: {
        // An override's backend block replaces the original whole: carry every setting over.
        ...backend.s3,
        ...reachEmulator,
        endpoints: { s3: emulator.endpoint, sts: emulator.endpoint, iam: emulator.endpoint },
        use_path_style: true,
      },
    };
  } else if (kind === 'local' || kind === undefined) {
    backendOverride = { local: { path: 'terraform.tfstate' } };
  } else {
    throw new Error(`The rehearsal cannot emulate a "${kind}" backend`);
  }
  return {
    terraform: { backend: backendOverride },
    provider: { aws: [{ ...reachEmulator, endpoints: [endpoints], s3_use_path_style: true }] },
  };
}

export const OVERRIDE_FILE = 'rehearsal_override.tf.json';

export function writeEmulatorOverride(stackDir: string, stack: SynthesizedStack, emulator: Emulator): void {
  writeFileSync(path.join(stackDir, OVERRIDE_FILE), JSON.stringify(emulatorOverride(stack, emulator), null, 2));
}
