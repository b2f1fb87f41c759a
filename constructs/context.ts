import { EnvironmentConfig } from '../config/environments';
import { resourceName, stackName } from '../config/naming';

/** What every construct of a service stack knows about where it is deployed. */
export interface DeploymentContext {
  readonly environment: EnvironmentConfig;
  readonly accountId: string;
  readonly region: string;
  /** `${app}-${env}`: the service name in logs and metrics. */
  readonly serviceName: string;
  /** Physical name `${app}-${env}-${purpose}`. */
  name(purpose: string): string;
}

export function deploymentContext(environment: EnvironmentConfig): DeploymentContext {
  return {
    environment,
    accountId: environment.accountId,
    region: environment.region,
    serviceName: stackName(environment.name),
    name: (purpose) => resourceName(environment.name, purpose),
  };
}
