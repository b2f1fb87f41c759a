import { PolicyRule } from '../rule';

/**
 * Every function has a code signing configuration and deploys code from the artifact bucket
 * (the signed object), never a local file Signer has not seen (checkov CKV_AWS_272).
 */
export const lambdaCodeSigning: PolicyRule = {
  id: 'LAMBDA-CODE-SIGNING',
  terraformType: 'aws_lambda_function',
  fix: "give the function the stack's code signing configuration and its signed object (ServiceFunction does)",
  check(config) {
    const problems: string[] = [];
    if (!config.code_signing_config_arn) problems.push('function has no code signing configuration');
    if (config.filename !== undefined || !config.s3_bucket || !config.s3_key) {
      problems.push('function code is not deployed from a signed object in the artifact bucket');
    }
    return problems;
  },
};
