"""API Gateway usage plans as AWS treats them, where moto 5.2.1 differs (emulator-gaps.json:
apigateway-usage-plan-stage-removal). Imported by moto_launcher.py.

- UpdateUsagePlan `remove /apiStages` of a stage that has method throttles: moto looks for an
  entry equal to {apiId, stage} only, so a stored entry that also holds its throttle is never
  found and the call fails with a 500 (ValueError). The AWS provider removes every stage before it
  deletes a plan, and retries the 500 without end: destroying a per-client plan hangs. AWS removes
  the stage, whatever throttles it has.
"""

from moto.apigateway.models import UsagePlan

_apply_patch_operations = UsagePlan.apply_patch_operations


def _apply_removing_stages_by_id(self, patch_operations):
    rest = []
    for op in patch_operations:
        if op["op"] == "remove" and op["path"] == "/apiStages":
            api_id, stage = op["value"].split(":")[:2]
            self.api_stages = [s for s in self.api_stages if (s.get("apiId"), s.get("stage")) != (api_id, stage)]
        else:
            rest.append(op)
    _apply_patch_operations(self, rest)


UsagePlan.apply_patch_operations = _apply_removing_stages_by_id
