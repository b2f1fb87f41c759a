/** Steps 8-10: what the state bucket holds after the rehearsal, read through the emulated APIs. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KNOWN_SECRETS_IN_STATE } from './known-secrets-in-state';
import {
  AccountInspection,
  EXPECTED_UPLOADS,
  objectsNotUnderStateKey,
  resourceCount,
  reviewSecrets,
  secretsInState,
  SecretValue,
  StateText,
  uploadsAnsweredWrongly,
  versionsOf,
} from './state-checks';
import { StackDirectory } from './workspace';

/** Step 8: dev's destroyed state can be recovered from an earlier version of its object. */
export function checkVersions(inspection: AccountInspection, dev: StackDirectory): string {
  const key = `${dev.name}/terraform.tfstate`;
  const versions = versionsOf(inspection, key);
  const counts = versions.map((v) => resourceCount(v.text));
  const latest = counts[counts.length - 1];
  if (versions.length < 3) throw new Error(`${key} has ${versions.length} versions; apply, change and destroy make 3`);
  if (latest !== 0) throw new Error(`the latest ${key} holds ${latest} resources after destroy`);
  if (!counts.includes(dev.addresses.length)) {
    throw new Error(
      `no earlier version of ${key} holds dev's ${dev.addresses.length} resources (${counts.join(', ')})`,
    );
  }
  const keys = [...new Set(inspection.stateObjects.map((o) => o.key))];
  const perKey = keys.map((k) => `${k} ${versionsOf(inspection, k).length}`).join(', ');
  return `${key} resources per version: ${counts.join(' -> ')}; versions: ${perKey}`;
}

/**
 * Step 9: S3 reports every version of every object as SSE-KMS under the state bucket's key, and
 * the bucket policy refuses uploads under any other encryption.
 */
export function checkEncryption(inspection: AccountInspection): string {
  const answeredWrongly = uploadsAnsweredWrongly(inspection);
  if (answeredWrongly.length > 0) throw new Error(`the state bucket policy:\n${answeredWrongly.join('\n')}`);
  const wrong = objectsNotUnderStateKey(inspection);
  if (wrong.length > 0) {
    throw new Error(
      `${wrong.length} of ${inspection.stateObjects.length} object versions are not under ${inspection.stateKeyArn}:\n${wrong.join('\n')}`,
    );
  }
  const refused = Object.entries(EXPECTED_UPLOADS).filter(([, answer]) => answer === 'refused');
  return (
    `${inspection.stateObjects.length} object versions, all aws:kms under ${inspection.stateKeyArn}; ` +
    `uploads refused: ${refused.map(([upload]) => upload).join(', ')}`
  );
}

/** Step 10: no secret value of the account in any state version or in the bootstrap's local state. */
export function checkSecrets(
  secrets: readonly SecretValue[],
  inspection: AccountInspection,
  bootstrap: StackDirectory,
): string {
  const states: StateText[] = inspection.stateObjects.map((o) => ({ where: `${o.key}@${o.versionId}`, text: o.text }));
  for (const file of ['terraform.tfstate', 'terraform.tfstate.backup']) {
    const local = path.join(bootstrap.dir, file);
    if (existsSync(local)) states.push({ where: `${bootstrap.name}/${file}`, text: readFileSync(local, 'utf8') });
  }
  const review = reviewSecrets(secretsInState(secrets, states), KNOWN_SECRETS_IN_STATE);
  const problems = [
    ...review.unexpected.map((f) => `${f.secret.kind} ${f.secret.name} is in ${f.where.length} state versions`),
    ...review.fixedDefects.map(
      (d) =>
        `fixed: no ${d.kind} matching ${d.name} is in state any more; remove its entry from known-secrets-in-state.ts`,
    ),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const tolerated = review.tolerated.map((f) => `${f.secret.name} (${f.where.length} versions) ${f.why}`);
  return [`${secrets.length} secret values searched in ${states.length} states`, ...tolerated].join('\n     ');
}
