import { App } from 'cdktf';
import { AppConfig } from '../config/environments';
import { BOOTSTRAP_STACK_NAME, stackName } from '../config/naming';
import { BootstrapStack } from './bootstrap-stack';
import { ServiceStack } from './service-stack';

/** Declares the bootstrap stack and one service stack per configured environment. */
export function defineStacks(app: App, config: AppConfig): void {
  new BootstrapStack(app, BOOTSTRAP_STACK_NAME, { state: config.state, costCenter: config.costCenter });
  for (const environment of config.environments) {
    new ServiceStack(app, stackName(environment.name), { environment, state: config.state });
  }
}
