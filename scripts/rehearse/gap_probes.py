"""Proves, on moto as installed, that each gap in emulator-gaps.json still exists, and that
moto_launcher.py's patch closes it.

  python3 gap_probes.py --list                the gap ids this file can probe
  python3 gap_probes.py [--patched] <gap-id>  prints {"present": bool, "observed": "..."}:
                                              whether moto (with the launcher's patches) has the gap
  python3 gap_probes.py [--patched] --all     prints {"<gap-id>": {"present": ..., "observed": ...}}
                                              for every gap, each probed in its own mock_aws()
                                              (one process: importing moto takes a second or more)

Run by __tests__/rehearsal/emulator-gaps.test.ts. Uses moto in process (mock_aws), so it needs
no server and no port.
"""

import io
import json
import sys
import zipfile

import boto3
from moto import mock_aws

REGION = "us-west-1"
PROBES = {}


def not_implemented(error):
    """moto's own answer for a missing action, not any other failure of the probe's request."""
    return isinstance(error, NotImplementedError) or "not yet implemented" in str(error).lower()


def probe(gap_id):
    def register(fn):
        PROBES[gap_id] = fn
        return fn

    return register


@probe("lambda-function-settings")
def lambda_settings():
    role = boto3.client("iam", region_name=REGION).create_role(
        RoleName="probe", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []})
    )["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.js", "exports.handler = async () => ({});")
    client = boto3.client("lambda", region_name=REGION)
    client.create_function(
        FunctionName="probe",
        Runtime="nodejs22.x",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": archive.getvalue()},
        LoggingConfig={"LogFormat": "JSON", "LogGroup": "/aws/lambda/probe"},
        DeadLetterConfig={"TargetArn": f"arn:aws:sqs:{REGION}:123456789012:probe-dlq"},
        KMSKeyArn=boto3.client("kms", region_name=REGION).create_key()["KeyMetadata"]["Arn"],
    )
    config = client.get_function_configuration(FunctionName="probe")
    dropped = [k for k in ("LoggingConfig", "DeadLetterConfig", "KMSKeyArn") if k not in config]
    return bool(dropped), f"GetFunctionConfiguration lacks {dropped or 'nothing'}"


@probe("appautoscaling-tagging")
def scaling_tags():
    client = boto3.client("application-autoscaling", region_name=REGION)
    arn = client.register_scalable_target(
        ServiceNamespace="dynamodb",
        ResourceId="table/probe",
        ScalableDimension="dynamodb:table:ReadCapacityUnits",
        MinCapacity=10,
        MaxCapacity=20,
    )["ScalableTargetARN"]
    try:
        client.list_tags_for_resource(ResourceARN=arn)
    except Exception as error:
        return not_implemented(error), f"ListTagsForResource fails: {type(error).__name__}: {error}"
    return False, "ListTagsForResource answers"


@probe("s3-policy-conditions")
def policy_conditions():
    s3 = boto3.client("s3", region_name=REGION)
    bucket = "probe-state"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    deny_non_tls = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(deny_non_tls))
    if "moto_launcher" in sys.modules:
        # In process there is no WSGI request: give the launcher's evaluation the one a TLS
        # client sends.
        sys.modules["moto_launcher"]._request.environ = {"wsgi.url_scheme": "https"}
    try:
        s3.put_object(Bucket=bucket, Key="state", Body=b"{}")  # boto3 speaks HTTPS
    except s3.exceptions.ClientError as error:
        return True, f"PutObject over HTTPS refused: {error.response['Error']['Code']}"
    return False, "PutObject over HTTPS allowed"


@probe("signer-signing-jobs")
def signing_jobs():
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="probe-artifacts")
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.put_bucket_versioning(Bucket="probe-artifacts", VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket="probe-artifacts", Key="unsigned/code.zip", Body=b"zip")["VersionId"]
    signer = boto3.client("signer", region_name=REGION)
    signer.put_signing_profile(profileName="probe", platformId="AWSLambda-SHA384-ECDSA")
    try:
        job = signer.start_signing_job(
            source={"s3": {"bucketName": "probe-artifacts", "key": "unsigned/code.zip", "version": version}},
            destination={"s3": {"bucketName": "probe-artifacts", "prefix": "signed/"}},
            profileName="probe",
        )
    except Exception as error:
        return not_implemented(error), f"StartSigningJob fails: {type(error).__name__}: {error}"
    signed = signer.describe_signing_job(jobId=job["jobId"])["signedObject"]["s3"]
    body = s3.get_object(Bucket=signed["bucketName"], Key=signed["key"])["Body"].read()
    return False, f"StartSigningJob answers; the signed object holds {body!r}"


@probe("lambda-code-signing-configs")
def code_signing_configs():
    client = boto3.client("lambda", region_name=REGION)
    try:
        config = client.create_code_signing_config(
            AllowedPublishers={"SigningProfileVersionArns": [f"arn:aws:signer:{REGION}:123456789012:/signing-profiles/p/v1"]},
            CodeSigningPolicies={"UntrustedArtifactOnDeployment": "Enforce"},
        )["CodeSigningConfig"]
        read = client.get_code_signing_config(CodeSigningConfigArn=config["CodeSigningConfigArn"])
    except Exception as error:
        return not_implemented(error), f"CreateCodeSigningConfig fails: {error}"
    policy = read["CodeSigningConfig"]["CodeSigningPolicies"]["UntrustedArtifactOnDeployment"]
    return False, f"code signing configurations answer (UntrustedArtifactOnDeployment {policy})"


@probe("cognito-user-pool-tier")
def user_pool_tier():
    # What the AWS provider sends for `user_pool_tier = "ESSENTIALS"`: no UserPoolTier at all.
    client = boto3.client("cognito-idp", region_name=REGION)
    pool = client.create_user_pool(PoolName="probe", DeletionProtection="INACTIVE")["UserPool"]
    tier = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"].get("UserPoolTier")
    return tier != "ESSENTIALS", f"DescribeUserPool answers UserPoolTier {tier!r}"


@probe("apigateway-usage-plan-stage-removal")
def usage_plan_stage_removal():
    # What destroying a per-client plan does first: remove its stage, which has method throttles.
    client = boto3.client("apigateway", region_name=REGION)
    api = client.create_rest_api(name="probe")["id"]
    root = client.get_resources(restApiId=api)["items"][0]["id"]
    client.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    client.create_deployment(restApiId=api, stageName="v1")
    throttled = {"apiId": api, "stage": "v1", "throttle": {"/GET": {"rateLimit": 1.0, "burstLimit": 2}}}
    plan = client.create_usage_plan(name="probe", apiStages=[throttled])["id"]
    try:
        client.update_usage_plan(usagePlanId=plan, patchOperations=[{"op": "remove", "path": "/apiStages", "value": f"{api}:v1"}])
    except Exception as error:
        return True, f"removing a throttled stage fails: {type(error).__name__}"
    stages = client.get_usage_plan(usagePlanId=plan).get("apiStages", [])
    return stages != [], f"after the removal the plan holds {len(stages)} stage(s)"


def main():
    args = sys.argv[1:]
    if args == ["--list"]:
        print("\n".join(sorted(PROBES)))
        return 0
    patched = args[:1] == ["--patched"]
    if patched:
        args = args[1:]
        import moto_launcher  # noqa: F401  (its import applies the patches)
    if args == ["--all"]:
        print(json.dumps({gap: run_probe(gap) for gap in sorted(PROBES)}))
        return 0
    if len(args) != 1 or args[0] not in PROBES:
        print(f"usage: gap_probes.py --list | [--patched] (--all | <{'|'.join(sorted(PROBES))}>)", file=sys.stderr)
        return 2
    print(json.dumps(run_probe(args[0])))
    return 0


def run_probe(gap):
    """One probe on a fresh emulated account: mock_aws() starts each with no resources."""
    with mock_aws():
        present, observed = PROBES[gap]()
    return {"present": present, "observed": observed}


if __name__ == "__main__":
    sys.exit(main())
