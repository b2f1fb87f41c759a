import { App } from 'cdktf';
import { ConfigError, resolveConfig } from './config/resolve';
import { PolicyViolationError } from './policy/service-policy';
import { defineStacks } from './stacks/app';
import { recordCreationStacks } from './stacks/creation-stacks';

try {
  recordCreationStacks(process.env.CDKTF_CREATION_STACKS === '1');
  const app = new App();
  defineStacks(app, resolveConfig(process.env));
  app.synth();
} catch (error) {
  if (error instanceof ConfigError || error instanceof PolicyViolationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
