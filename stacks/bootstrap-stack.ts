import { Construct } from 'constructs';
import { Aspects, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { AppConfig } from '../config/environments';
import { BOOTSTRAP_STACK_NAME } from '../config/naming';
import { StateBucket } from '../constructs/state/state-bucket';
import { ServicePolicy } from '../policy/service-policy';
import { configureAwsProvider } from './common';

/**
 * Creates the S3 bucket that holds every other stack's Terraform state. Its own state is local
 * (a bucket cannot hold the state of its own creation): `bootstrap.tfstate` at the repository
 * root, git-ignored. Apply it once per account: `npm run deploy -- appointments-bootstrap`.
 * `config.state.readerPrincipalArns` names who may read state (default: the state account's
 * principals).
 */
export class BootstrapStack extends TerraformStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, config: AppConfig) {
    super(scope, BOOTSTRAP_STACK_NAME);
    configureAwsProvider(this, {
      region: config.state.region,
      accountId: config.state.accountId,
      environment: 'shared',
      costCenter: config.costCenter,
    });
    // Relative to the stack's directory, cdktf.out/stacks/<stack>: keeps the state out of the
    // synth output, which `cdktf synth` may replace.
    new LocalBackend(this, { path: '../../../bootstrap.tfstate' });

    this.stateBucket = new StateBucket(this, 'StateBucket', {
      bucketName: config.state.bucket,
      accountId: config.state.accountId,
      readerPrincipalArns: config.state.readerPrincipalArns,
    });
    Aspects.of(this).add(new ServicePolicy());
    new TerraformOutput(this, 'state_bucket', { value: this.stateBucket.bucket.bucket });
    new TerraformOutput(this, 'state_key_arn', { value: this.stateBucket.key.arn });
  }
}
