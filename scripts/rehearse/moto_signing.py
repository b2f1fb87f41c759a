"""Stand-ins for code signing, which moto 5.2.1 lacks (emulator-gaps.json: signer-signing-jobs,
lambda-code-signing-configs). Imported by moto_launcher.py; each stand-in does what the AWS API
promises, so the provider's create, read and delete work, and nothing more:

- Signer StartSigningJob / DescribeSigningJob: the "signed" object is a copy of the source
  object at `<prefix><job id>.zip` in the destination bucket, and the job has Succeeded. No
  signature is made or checked: the rehearsal cannot show that Lambda refuses unsigned code.
- Lambda code signing configurations (create, get, update, delete, tags) and
  Put/DeleteFunctionCodeSigningConfig.
"""

import datetime
import json
import time
import uuid

from moto.awslambda import urls as lambda_urls
from moto.awslambda.models import LambdaBackend
from moto.awslambda.responses import LambdaResponse
from moto.s3.models import s3_backends
from moto.signer import urls as signer_urls
from moto.signer.responses import SignerResponse

# --- Signer signing jobs ----------------------------------------------------------------------

_signing_jobs = {}

signer_urls.url_paths["{0}/signing-jobs$"] = SignerResponse.dispatch
signer_urls.url_paths["{0}/signing-jobs/(?P<job_id>[^/]+)$"] = SignerResponse.dispatch


def _start_signing_job(self):
    params = json.loads(self.body)
    source, destination = params["source"]["s3"], params["destination"]["s3"]
    s3 = s3_backends[self.current_account]["aws"]
    original = s3.get_object(source["bucketName"], source["key"], version_id=source.get("version"))
    job_id = str(uuid.uuid4())
    signed_key = f"{destination.get('prefix', '')}{job_id}.zip"
    s3.put_object(destination["bucketName"], signed_key, original.value)
    profile = self.signer_backend.get_signing_profile(profile_name=params["profileName"]).to_dict()
    now = time.time()
    _signing_jobs[job_id] = {
        "jobId": job_id,
        "jobOwner": self.current_account,
        "jobInvoker": self.current_account,
        "requestedBy": f"arn:aws:iam::{self.current_account}:root",
        "source": params["source"],
        "destination": params["destination"],
        "signedObject": {"s3": {"bucketName": destination["bucketName"], "key": signed_key}},
        "profileName": params["profileName"],
        "profileVersion": profile.get("profileVersion"),
        "platformId": profile.get("platformId"),
        "platformDisplayName": profile.get("platformDisplayName", profile.get("platformId")),
        "signingMaterial": profile.get("signingMaterial", {}),
        "overrides": {},
        "signingParameters": {},
        "status": "Succeeded",
        "createdAt": now,
        "completedAt": now,
        "signatureExpiresAt": now + 365 * 24 * 3600,
    }
    return json.dumps({"jobId": job_id, "jobOwner": self.current_account})


def _describe_signing_job(self):
    job = _signing_jobs.get(self.path.rstrip("/").split("/")[-1])
    if job is None:
        return 404, {}, json.dumps({"__type": "ResourceNotFoundException", "message": "no such signing job"})
    return json.dumps(job)


SignerResponse.start_signing_job = _start_signing_job
SignerResponse.describe_signing_job = _describe_signing_job

# --- Lambda code signing configurations -------------------------------------------------------


class _CodeSigningConfig:
    def __init__(self, account, region, body):
        config_id = "csc-" + uuid.uuid4().hex[:17]
        self.tags = body.get("Tags") or {}
        self.document = {
            "CodeSigningConfigId": config_id,
            "CodeSigningConfigArn": f"arn:aws:lambda:{region}:{account}:code-signing-config:{config_id}",
        }
        self.update(body)

    def update(self, body):
        for field in ("Description", "AllowedPublishers", "CodeSigningPolicies"):
            if field in body:
                self.document[field] = body[field]
        self.document.setdefault("Description", "")
        self.document.setdefault("CodeSigningPolicies", {"UntrustedArtifactOnDeployment": "Warn"})
        self.document["LastModified"] = datetime.datetime.now(datetime.timezone.utc).isoformat()


_code_signing_configs = {}

lambda_urls.url_paths[r"{0}/(?P<api_version>[^/]+)/code-signing-configs/?$"] = LambdaResponse.dispatch
lambda_urls.url_paths[r"{0}/(?P<api_version>[^/]+)/code-signing-configs/(?P<arn>[^/]+)$"] = LambdaResponse.dispatch


def _config_from_path(self):
    arn = self.path.rstrip("/").split("/")[-1].replace("%3A", ":")
    return next((c for c in _code_signing_configs.values() if arn in (c.document["CodeSigningConfigArn"],
                                                                       c.document["CodeSigningConfigId"])), None)


def _not_found():
    return 404, {}, json.dumps({"Type": "User", "Message": "no such code signing configuration"})


def _create_code_signing_config(self):
    config = _CodeSigningConfig(self.current_account, self.region, self.json_body)
    _code_signing_configs[config.document["CodeSigningConfigArn"]] = config
    return 201, {}, json.dumps({"CodeSigningConfig": config.document})


def _get_code_signing_config(self):
    config = _config_from_path(self)
    return json.dumps({"CodeSigningConfig": config.document}) if config else _not_found()


def _update_code_signing_config(self):
    config = _config_from_path(self)
    if config is None:
        return _not_found()
    config.update(self.json_body)
    return json.dumps({"CodeSigningConfig": config.document})


def _delete_code_signing_config(self):
    config = _config_from_path(self)
    if config is None:
        return _not_found()
    del _code_signing_configs[config.document["CodeSigningConfigArn"]]
    return 204, {}, ""


def _put_function_code_signing_config(self):
    function_name = self.path.rstrip("/").split("/")[-2]
    function = self.backend.get_function(function_name)
    function.code_signing_config_arn = self.json_body["CodeSigningConfigArn"]
    return json.dumps({"CodeSigningConfigArn": function.code_signing_config_arn, "FunctionName": function_name})


def _delete_function_code_signing_config(self):
    self.backend.get_function(self.path.rstrip("/").split("/")[-2]).code_signing_config_arn = None
    return 204, {}, ""


LambdaResponse.create_code_signing_config = _create_code_signing_config
LambdaResponse.get_code_signing_config = _get_code_signing_config
LambdaResponse.update_code_signing_config = _update_code_signing_config
LambdaResponse.delete_code_signing_config = _delete_code_signing_config
LambdaResponse.put_function_code_signing_config = _put_function_code_signing_config
LambdaResponse.delete_function_code_signing_config = _delete_function_code_signing_config

_resource_by_arn = LambdaBackend._get_resource_by_arn


def _resource_or_code_signing_config(self, arn):
    # Tags of a code signing configuration go through the same ListTags/TagResource as functions'.
    return _code_signing_configs.get(arn) or _resource_by_arn(self, arn)


LambdaBackend._get_resource_by_arn = _resource_or_code_signing_config
