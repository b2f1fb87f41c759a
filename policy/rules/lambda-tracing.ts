import { PolicyRule } from '../rule';

/** Every function traces with X-Ray, so a slow booking can be followed across services. */
export const lambdaTracing: PolicyRule = {
  id: 'LAMBDA-XRAY-TRACING',
  terraformType: 'aws_lambda_function',
  fix: 'set tracing_config { mode = "Active" } (ServiceFunction does)',
  check(config) {
    const tracing = config.tracing_config as { mode?: string } | undefined;
    return tracing?.mode === 'Active' ? [] : ['function does not have active X-Ray tracing'];
  },
};
