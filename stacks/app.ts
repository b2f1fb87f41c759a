import { App } from 'cdktf';
import { AppConfig } from '../config/environments';
import { BootstrapStack } from './bootstrap-stack';
import { ServiceStack } from './service-stack';

/** Declares the bootstrap stack and one service stack per configured environment. */
export function defineStacks(app: App, config: AppConfig): void {
  new BootstrapStack(app, config);
  for (const environment of config.environments) {
    new ServiceStack(app, { environment, state: config.state });
  }
}
