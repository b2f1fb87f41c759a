import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { EnvironmentConfig, StateConfig } from '../config/environments';
import { stackName } from '../config/naming';
import { configureAwsProvider, useS3State } from './common';

export interface ServiceStackProps {
  readonly environment: EnvironmentConfig;
  readonly state: StateConfig;
}

/** One environment of the appointments service. Composes the domain constructs; no logic here. */
export class ServiceStack extends TerraformStack {
  constructor(scope: Construct, props: ServiceStackProps) {
    const name = stackName(props.environment.name);
    super(scope, name);
    const env = props.environment;
    configureAwsProvider(this, {
      region: env.region,
      accountId: env.accountId,
      environment: env.name,
      costCenter: env.costCenter,
    });
    useS3State(this, props.state, name);
  }
}
