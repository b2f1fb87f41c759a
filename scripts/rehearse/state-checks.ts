/**
 * What the rehearsal requires of the state it wrote, judged from inspect_account.py's reading of
 * the emulated account: every version kept, every object under the state key, no secret inside.
 */

export interface StateObject {
  readonly key: string;
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly serverSideEncryption?: string | null;
  /** The key ARN behind the object's SSE-KMS key id (resolved through KMS). */
  readonly kmsKeyArn?: string | null;
  readonly text: string;
}

export interface SecretValue {
  readonly kind: 'ssm-secure-string' | 'secrets-manager' | 'api-key';
  readonly name: string;
  readonly value: string;
}

/** What the bucket policy answered to one test upload. */
export interface UploadAttempt {
  readonly upload: string;
  readonly accepted: boolean;
  readonly serverSideEncryption?: string | null;
  readonly kmsKeyArn?: string | null;
  readonly error?: string;
}

export interface AccountInspection {
  readonly stateKeyArn: string;
  readonly stateObjects: readonly StateObject[];
  readonly secrets: readonly SecretValue[];
  readonly uploads: readonly UploadAttempt[];
}

/** The answer the state bucket must give to each test upload inspect_account.py makes. */
export const EXPECTED_UPLOADS: Readonly<Record<string, 'refused' | 'under the state key'>> = {
  'SSE-S3': 'refused',
  'another KMS key': 'refused',
  'aws:kms without a key': 'refused', // S3 would use the AWS managed key aws/s3
  'the state key': 'under the state key',
  'no SSE headers': 'under the state key', // the bucket default
};

/** Test uploads the bucket answered otherwise than EXPECTED_UPLOADS says, one line each. */
export function uploadsAnsweredWrongly(inspection: AccountInspection): string[] {
  const problems = Object.entries(EXPECTED_UPLOADS).flatMap(([upload, expected]) => {
    const attempt = inspection.uploads.find((u) => u.upload === upload);
    if (attempt === undefined) return [`no test upload with ${upload}`];
    const underStateKey =
      attempt.accepted && attempt.serverSideEncryption === 'aws:kms' && attempt.kmsKeyArn === inspection.stateKeyArn;
    if (expected === 'refused' && attempt.accepted) return [`an upload with ${upload} was accepted`];
    if (expected === 'under the state key' && !underStateKey) {
      const got = attempt.accepted
        ? `stored as ${attempt.serverSideEncryption} ${attempt.kmsKeyArn ?? ''}`
        : attempt.error;
      return [`an upload with ${upload} should be stored under the state key, got: ${String(got).trim()}`];
    }
    return [];
  });
  return problems;
}

/** Object versions that are not SSE-KMS under the state bucket's key, one line each. */
export function objectsNotUnderStateKey(inspection: AccountInspection): string[] {
  return inspection.stateObjects
    .filter((o) => o.serverSideEncryption !== 'aws:kms' || o.kmsKeyArn !== inspection.stateKeyArn)
    .map((o) => `${o.key}@${o.versionId}: ${o.serverSideEncryption ?? 'no SSE'} ${o.kmsKeyArn ?? ''}`.trim());
}

/** Resources recorded in one state version (0 when the text is not a state file). */
export function resourceCount(text: string): number {
  try {
    const state = JSON.parse(text) as { resources?: unknown[] };
    return Array.isArray(state.resources) ? state.resources.length : 0;
  } catch {
    return 0;
  }
}

/** The versions of one state object, oldest first (S3 lists the newest first). */
export function versionsOf(inspection: AccountInspection, key: string): StateObject[] {
  return inspection.stateObjects.filter((o) => o.key === key).reverse();
}

export interface StateText {
  /** Where the text came from, e.g. `appointments-dev/terraform.tfstate@<version>`. */
  readonly where: string;
  readonly text: string;
}

export interface SecretFinding {
  readonly secret: SecretValue;
  readonly where: readonly string[];
}

/** Every secret value of the account that appears in any of these state texts. */
export function secretsInState(secrets: readonly SecretValue[], states: readonly StateText[]): SecretFinding[] {
  return secrets
    .map((secret) => ({ secret, where: states.filter((s) => s.text.includes(secret.value)).map((s) => s.where) }))
    .filter((finding) => finding.where.length > 0);
}

/** A secret the rehearsal lets stay in state, and why. */
export interface ToleratedSecret {
  readonly kind: SecretValue['kind'];
  readonly name: RegExp;
  /** True for a defect to fix (the entry must go with the fix); false for a documented choice. */
  readonly defect: boolean;
  readonly why: string;
}

export interface SecretReview {
  readonly unexpected: readonly SecretFinding[];
  readonly tolerated: readonly (SecretFinding & { readonly why: string; readonly defect: boolean })[];
  /** Tolerated defects no longer found: the fix landed, so the entry must be removed. */
  readonly fixedDefects: readonly ToleratedSecret[];
}

export function reviewSecrets(findings: readonly SecretFinding[], tolerated: readonly ToleratedSecret[]): SecretReview {
  const matching = (f: SecretFinding) => tolerated.find((t) => t.kind === f.secret.kind && t.name.test(f.secret.name));
  const known = findings.flatMap((f) => {
    const entry = matching(f);
    return entry ? [{ ...f, why: entry.why, defect: entry.defect }] : [];
  });
  return {
    unexpected: findings.filter((f) => matching(f) === undefined),
    tolerated: known,
    fixedDefects: tolerated.filter((t) => t.defect && !findings.some((f) => matching(f) === t)),
  };
}
