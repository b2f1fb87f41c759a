/**
 * Real `terraform init`, `validate` and `plan` on every synthesized stack, offline. This is the
 * proof that what we synthesize is accepted by Terraform and the AWS provider (5.100.0), not
 * only shaped like it. Each stack is planned once; the dev stack's plan also shows what only a
 * real plan can (what it keeps of a write-only secret, which object each function deploys).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  findTerraformTooling,
  runTerraform,
  showPlanJson,
  synthHclToTempDir,
  synthToTempDir,
  PlanJson,
  TerraformTooling,
  writeCliConfig,
  writeOfflineOverride,
} from '../../scripts/terraform-offline';

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly change: {
    after: Record<string, unknown>;
    after_unknown: Record<string, unknown>;
    after_sensitive: Record<string, unknown>;
  };
}

const tooling = findTerraformTooling();
const missing = 'missing' in tooling ? tooling.missing : undefined;

if (missing && process.env.CI) {
  // In CI a missing terraform is a failure, never a silent skip.
  test('terraform tooling is installed', () => {
    throw new Error(`Cannot verify the synthesized Terraform: ${missing}`);
  });
} else if (missing) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED terraform validate/plan: ${missing}`);
  test.skip(`terraform validate and plan (skipped: ${missing})`, () => undefined);
} else {
  const tf = tooling as TerraformTooling;
  const outdir = synthToTempDir();
  const stacksDir = path.join(outdir, 'stacks');
  const cliConfig = writeCliConfig(mkdtempSync(path.join(tmpdir(), 'appointments-tf-')), tf);
  const stacks = readdirSync(stacksDir).sort();

  test('the synth produced the bootstrap stack and one stack per environment', () => {
    expect(stacks).toEqual(['appointments-bootstrap', 'appointments-dev', 'appointments-prod', 'appointments-staging']);
  });

  describe('HCL output (npm run synth:hcl)', () => {
    const hclStacks = path.join(synthHclToTempDir(), 'stacks');

    test.each(stacks)(
      '%s is valid Terraform, without a warning',
      (stack) => {
        const dir = path.join(hclStacks, stack);
        expect(readdirSync(dir)).toContain('cdk.tf');
        writeOfflineOverride(dir);
        const init = runTerraform(tf, cliConfig, dir, ['init', '-no-color', '-input=false', '-backend=false']);
        if (init.status !== 0) throw new Error(`terraform init failed:\n${init.output}`);
        const run = runTerraform(tf, cliConfig, dir, ['validate', '-no-color']);
        // "valid." alone: with warnings (a quoted reference, say) it reads "valid, but there were".
        expect(run.output.trim()).toBe('Success! The configuration is valid.');
        expect(run.status).toBe(0);
      },
      300_000,
    );
  });

  /** A stack initialised, and planned with `extraArgs`; the plan's standard output. */
  const initAndPlan = (stack: string, extraArgs: string[]): string => {
    const dir = path.join(stacksDir, stack);
    writeOfflineOverride(dir);
    let output = '';
    for (const args of [
      ['init', '-no-color', '-input=false'],
      ['plan', '-no-color', '-input=false', '-lock=false', ...extraArgs],
    ]) {
      const run = runTerraform(tf, cliConfig, dir, args);
      if (run.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${run.output}`);
      output = run.output;
    }
    return output;
  };

  /** The dev stack's whole plan (its tests below read attributes), planned once. */
  let devPlan: PlanJson | undefined;
  const planOfDev = (): PlanJson => {
    if (!devPlan) {
      initAndPlan('appointments-dev', ['-out=offline.tfplan']);
      devPlan = showPlanJson(tf, cliConfig, path.join(stacksDir, 'appointments-dev'), 'offline.tfplan');
    }
    return devPlan;
  };

  /**
   * What a plan does to each managed resource: the dev stack's from its whole plan; the other
   * stacks' from `plan -json`'s stream of planned changes, which skips `terraform show` and so
   * one more launch of the provider (a few seconds) per stack.
   */
  const managedChanges = (stack: string): { address: string; actions: string }[] => {
    if (stack === 'appointments-dev') {
      return (planOfDev().resource_changes ?? [])
        .filter((r) => r.mode === 'managed')
        .map((r) => ({ address: r.address, actions: r.change.actions.join(',') }));
    }
    return initAndPlan(stack, ['-json'])
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; change?: { resource: { addr: string }; action: string } })
      .filter((message) => message.type === 'planned_change' && !message.change!.resource.addr.startsWith('data.'))
      .map((message) => ({ address: message.change!.resource.addr, actions: message.change!.action }));
  };

  describe.each(stacks)('%s', (stack) => {
    const dir = path.join(stacksDir, stack);
    let planned: { address: string; actions: string }[];

    beforeAll(() => {
      planned = managedChanges(stack);
    });

    // No separate `terraform validate` of the JSON: a plan validates the configuration first and
    // fails on everything validate reports (each validate would load the provider once more, about
    // 4 s). The HCL output above is validated on its own.
    test('terraform plan creates exactly the synthesized resources and changes nothing else', () => {
      expect(planned.filter((r) => r.actions !== 'create')).toEqual([]);

      const synthesized = JSON.parse(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as {
        resource?: Record<string, Record<string, unknown>>;
      };
      const expected = Object.entries(synthesized.resource ?? {}).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => `${type}.${name}`),
      );
      expect(planned.map((r) => r.address).sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(0);
    });
  });

  describe('the dev plan', () => {
    let planText = '';
    let planned: PlannedResource[] = [];
    const ofType = (type: string) => planned.filter((r) => r.type === type);

    beforeAll(() => {
      const plan = planOfDev();
      planText = JSON.stringify(plan);
      planned = plan.resource_changes as unknown as PlannedResource[];
    });

    describe('page-token secret', () => {
      test('the synthesized stack sets it write-only', () => {
        expect(readFileSync(path.join(stacksDir, 'appointments-dev', 'cdk.tf.json'), 'utf8')).toContain('value_wo');
      });

      test('Terraform accepts the write-only value and plans its version, never the value', () => {
        const [secret] = ofType('aws_ssm_parameter');
        expect(secret.change.after).toMatchObject({
          name: '/appointments-dev/page-token-secret',
          type: 'SecureString',
          value_wo: null,
          value_wo_version: 1,
        });
        expect(secret.change.after).not.toHaveProperty('value');
        expect(secret.change.after_sensitive).toMatchObject({ value: true, value_wo: true });
      });

      test('no generated value is anywhere in the plan: no uuid-shaped string at all', () => {
        expect(planText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      });
    });

    describe('signed function code (moto cannot run signing jobs: the plan is where this is proved)', () => {
      test('each function deploys the object its own signing job writes, under the code signing configuration', () => {
        const functions = ofType('aws_lambda_function');
        expect(functions).toHaveLength(11);
        for (const fn of functions) {
          // Lambda reports the signed zip's hash; the bundle's would plan an update every time.
          expect(fn.change.after).toMatchObject({ filename: null });
          expect(fn.change.after).not.toHaveProperty('source_code_hash');
          expect(fn.change.after_unknown).toMatchObject({
            s3_bucket: true,
            s3_key: true,
            code_signing_config_arn: true,
          });
        }
      });

      test('each bundle is uploaded under its hash and signed from the artifact bucket into signed/<function>/', () => {
        const jobs = ofType('aws_signer_signing_job');
        expect(jobs).toHaveLength(11);
        const uploads = new Map(ofType('aws_s3_object').map((o) => [o.change.after.key as string, o]));
        for (const job of jobs) {
          const [source] = (job.change.after.source as { s3: { bucket: string; key: string }[] }[])[0].s3;
          const fn = /^unsigned\/([a-z-]+)\/[0-9a-f]{64}\.zip$/.exec(source.key)?.[1];
          expect(fn).toBeDefined();
          expect(source.bucket).toBe('appointments-dev-artifacts-123456789012');
          expect(uploads.get(source.key)?.change.after).toMatchObject({ bucket: source.bucket });
          expect(job.change.after).toMatchObject({
            ignore_signing_job_failure: false,
            destination: [{ s3: [{ bucket: source.bucket, prefix: `signed/${fn}/` }] }],
          });
        }
      });

      test('dev only warns about untrusted code; the profile signs for Lambda', () => {
        const [config] = ofType('aws_lambda_code_signing_config');
        expect(config.change.after.policies).toEqual([{ untrusted_artifact_on_deployment: 'Warn' }]);
        const [profile] = ofType('aws_signer_signing_profile');
        expect(profile.change.after).toMatchObject({
          name_prefix: 'appointments_dev_functions_',
          platform_id: 'AWSLambda-SHA384-ECDSA',
        });
      });
    });
  });
}
