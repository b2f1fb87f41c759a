import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput } from 'cdktf';
import { AppStack } from './app-stack';
import { StateConfig } from '../config/environments';
import { StackEnvironment } from '../constructs/stack-environment';
import { StateBucket } from '../constructs/state/state-bucket';
import { configureAwsProvider } from './common';

export interface BootstrapStackProps {
  /** The state bucket to create, its account and region, and who may read state. */
  readonly state: StateConfig;
  /** Value of the `CostCenter` tag. */
  readonly costCenter: string;
}

/**
 * Creates the S3 bucket that holds every other stack's Terraform state. Its own state is local
 * (a bucket cannot hold the state of its own creation): `bootstrap.tfstate` at the repository
 * root, git-ignored. Apply it once per account: `npm run deploy -- appointments-bootstrap`.
 * `state.readerPrincipalArns` names who may read state (default: the state account's principals).
 */
export class BootstrapStack extends AppStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    StackEnvironment.configure(this, { account: props.state.accountId, region: props.state.region });
    configureAwsProvider(this, { environment: 'shared', costCenter: props.costCenter });
    // Relative to the stack's directory, cdktf.out/stacks/<stack>: keeps the state out of the
    // synth output, which `cdktf synth` may replace.
    new LocalBackend(this, { path: '../../../bootstrap.tfstate' });

    this.stateBucket = new StateBucket(this, 'StateBucket', {
      bucketName: props.state.bucket,
      readerPrincipalArns: props.state.readerPrincipalArns,
    });
    new TerraformOutput(this, 'state_bucket', { value: this.stateBucket.bucket.bucket });
    new TerraformOutput(this, 'state_key_arn', { value: this.stateBucket.key.arn });
  }
}
