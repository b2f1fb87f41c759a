"""Cognito user pools as AWS describes them, where moto 5.2.1 differs (emulator-gaps.json:
cognito-user-pool-tier). Imported by moto_launcher.py.

- DescribeUserPool of a pool created without a feature plan: AWS answers UserPoolTier ESSENTIALS,
  the plan every new pool gets; moto answers none. The AWS provider sends no UserPoolTier when
  the configuration says ESSENTIALS, so every second plan would set it again.
"""

from moto.cognitoidp.models import CognitoIdpUserPool

DEFAULT_USER_POOL_TIER = "ESSENTIALS"

_to_json = CognitoIdpUserPool.to_json


def _to_json_with_tier(self, extended=False):
    answer = _to_json(self, extended)
    if extended:
        answer.setdefault("UserPoolTier", DEFAULT_USER_POOL_TIER)
    return answer


CognitoIdpUserPool.to_json = _to_json_with_tier
