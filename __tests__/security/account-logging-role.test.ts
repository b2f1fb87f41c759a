/**
 * The region-wide role API Gateway logs with exists only in a stack whose configuration opts in,
 * so the expected tables (default configuration) never see it: its grants are checked here.
 * (Testing.synth leaves out construct paths, so this table names resources by logical id.)
 */
import { policyTableOf } from '../../scripts/policy-table/walk';
import { synthServiceStack } from '../support/synth';

test('only API Gateway, called from this account, may assume the account logging role, which holds only the managed logging policy', () => {
  const table = policyTableOf(synthServiceStack('dev', { manageApiGatewayAccountLogging: true }));
  const logging = Object.fromEntries(
    Object.entries(table).filter(([holder]) => /AccountLogging|aws_api_gateway_account/.test(holder)),
  );
  expect(logging).toEqual({
    'aws_api_gateway_account Api_Stage_AccountLogging_CD39B8E6': {
      cloudwatch_role_arn: '${aws_iam_role.Api_Stage_AccountLoggingRole_84F25EEA.arn}',
    },
    'aws_iam_role Api_Stage_AccountLoggingRole_84F25EEA': {
      assume_role_policy: [
        {
          sid: 'AssumedByApiGateway',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['apigateway.amazonaws.com'] }],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
        },
      ],
    },
    'aws_iam_role_policy_attachment Api_Stage_AccountLoggingPolicy_8718D781': {
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      role: '${aws_iam_role.Api_Stage_AccountLoggingRole_84F25EEA.name}',
    },
  });
});
