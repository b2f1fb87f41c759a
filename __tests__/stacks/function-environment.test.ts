import { ENV } from '../../src/environment';
import { FUNCTION_NAMES, FUNCTIONS } from '../../src/operations';
import { resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let dev: SynthJson;
beforeAll(() => {
  dev = synthServiceStack('dev');
});
const variablesOf = (name: string): Record<string, string> => {
  const fn = resourcesOfType(dev, 'aws_lambda_function').find(
    ([, f]) => f.function_name === `appointments-dev-${name}`,
  );
  if (!fn) throw new Error(`no function ${name}`);
  return (fn[1].environment as { variables: Record<string, string> }).variables;
};

describe('function environments come from the registry of operations', () => {
  test.each(FUNCTION_NAMES)('%s gets exactly the variables its registry entry lists, and the common ones', (name) => {
    expect(Object.keys(variablesOf(name)).sort()).toEqual(
      ['NODE_OPTIONS', ENV.serviceName, ENV.metricsNamespace, ...FUNCTIONS[name].environment].sort(),
    );
  });

  test('the stream publisher is not given the table name, which it never reads', () => {
    expect(variablesOf('publish-appointment-events')).not.toHaveProperty(ENV.tableName);
  });

  test('values point at the resources they name', () => {
    expect(variablesOf('list-appointments')).toMatchObject({
      [ENV.tableName]: expect.stringMatching(/^\$\{aws_dynamodb_table\.Storage_Table_[0-9A-F]+\.name\}$/),
      [ENV.pageTokenSecretParameter]: expect.stringMatching(
        /^\$\{aws_ssm_parameter\.Api_PageTokenSecret_[0-9A-F]+\.name\}$/,
      ),
      [ENV.serviceName]: 'appointments-dev',
    });
    expect(variablesOf('send-reminder')[ENV.topicArn]).toMatch(
      /^\$\{aws_sns_topic\.Notifications_Topic_[0-9A-F]+\.arn\}$/,
    );
  });
});
