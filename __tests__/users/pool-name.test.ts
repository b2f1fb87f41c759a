import { resourcesOfType, synthServiceStack } from '../support/synth';
import { userPoolName } from '../../scripts/users/users';

test('npm run users looks for the pool by the name the service stack gives it', () => {
  const pools = resourcesOfType(synthServiceStack('dev'), 'aws_cognito_user_pool');
  expect(pools.map(([, pool]) => pool.name)).toEqual([userPoolName('dev')]);
});
