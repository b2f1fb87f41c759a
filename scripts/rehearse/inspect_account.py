"""Reads, through the emulated AWS APIs, what the rehearsal checks about state and secrets.

Prints one JSON document:
  stateKeyArn   the key ARN behind alias/<bucket> (the state bucket's customer-managed key)
  stateObjects  every version of every object in the state bucket: key, version, latest or not,
                the SSE algorithm S3 reports for it, the ARN of the KMS key it names, and its text
  secrets       every secret value the account holds: SSM SecureString parameters (decrypted),
                Secrets Manager secret values, API Gateway API key values
  uploads       what the bucket policy answered to test uploads: under SSE-S3, under another KMS
                key, under the state key, and with no SSE headers (then the bucket default
                applies); each with the encryption S3 then reports. Accepted test objects are
                deleted, every version, after the state objects were read.

boto3 comes with moto, so this needs nothing moto does not. Usage:
  python3 inspect_account.py --endpoint https://127.0.0.1:PORT --ca-bundle CERT --bucket NAME --region R
"""

import argparse
import json

import boto3
from botocore.config import Config


def main():
    parser = argparse.ArgumentParser()
    for name in ("--endpoint", "--ca-bundle", "--bucket", "--region", "--access-key", "--secret-key"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()

    def client(service):
        return boto3.client(
            service,
            endpoint_url=args.endpoint,
            region_name=args.region,
            verify=args.ca_bundle,
            aws_access_key_id=args.access_key,
            aws_secret_access_key=args.secret_key,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        )

    s3, kms = client("s3"), client("kms")
    state_key_arn = kms.describe_key(KeyId=f"alias/{args.bucket}")["KeyMetadata"]["Arn"]

    def key_arn(key_id):
        return kms.describe_key(KeyId=key_id)["KeyMetadata"]["Arn"] if key_id else None

    objects = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=args.bucket):
        for version in page.get("Versions", []):
            got = s3.get_object(Bucket=args.bucket, Key=version["Key"], VersionId=version["VersionId"])
            objects.append(
                {
                    "key": version["Key"],
                    "versionId": version["VersionId"],
                    "isLatest": version["IsLatest"],
                    "serverSideEncryption": got.get("ServerSideEncryption"),
                    "kmsKeyArn": key_arn(got.get("SSEKMSKeyId")),
                    "text": got["Body"].read().decode("utf-8", errors="replace"),
                }
            )

    secrets = []
    ssm = client("ssm")
    for page in ssm.get_paginator("describe_parameters").paginate():
        for parameter in page["Parameters"]:
            if parameter["Type"] == "SecureString":
                value = ssm.get_parameter(Name=parameter["Name"], WithDecryption=True)["Parameter"]["Value"]
                secrets.append({"kind": "ssm-secure-string", "name": parameter["Name"], "value": value})
    secretsmanager = client("secretsmanager")
    for page in secretsmanager.get_paginator("list_secrets").paginate():
        for secret in page["SecretList"]:
            try:
                value = secretsmanager.get_secret_value(SecretId=secret["ARN"])["SecretString"]
            except secretsmanager.exceptions.ResourceNotFoundException:
                continue  # a secret with no value yet
            secrets.append({"kind": "secrets-manager", "name": secret["Name"], "value": value})
    for key in client("apigateway").get_api_keys(includeValues=True)["items"]:
        secrets.append({"kind": "api-key", "name": key["name"], "value": key["value"]})

    other_key = kms.create_key(Description="rehearsal: a key that is not the state key")["KeyMetadata"]["Arn"]
    attempts = {
        "SSE-S3": {"ServerSideEncryption": "AES256"},
        "another KMS key": {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": other_key},
        "aws:kms without a key": {"ServerSideEncryption": "aws:kms"},
        "the state key": {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": state_key_arn},
        "no SSE headers": {},
    }
    uploads = []
    for name, encryption in attempts.items():
        key = "rehearsal-policy-probe"
        try:
            s3.put_object(Bucket=args.bucket, Key=key, Body=b"{}", **encryption)
            head = s3.head_object(Bucket=args.bucket, Key=key)
            uploads.append({"upload": name, "accepted": True, "serverSideEncryption": head.get("ServerSideEncryption"),
                            "kmsKeyArn": key_arn(head.get("SSEKMSKeyId"))})
        except s3.exceptions.ClientError as error:
            uploads.append({"upload": name, "accepted": False, "error": error.response["Error"]["Code"]})
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=args.bucket, Prefix=key):
            for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=args.bucket, Key=key, VersionId=version["VersionId"])

    print(json.dumps({"stateKeyArn": state_key_arn, "stateObjects": objects, "secrets": secrets, "uploads": uploads}))


if __name__ == "__main__":
    main()
