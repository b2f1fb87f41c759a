"""Reads, through the emulated AWS APIs, what the rehearsal checks about state and secrets.

Prints one JSON document:
  stateKeyArn   the key ARN behind alias/<bucket> (the state bucket's customer-managed key)
  stateObjects  every version of every object in the state bucket: key, version, latest or not,
                the SSE algorithm S3 reports for it, the ARN of the KMS key it names, and its text
  secrets       every secret value the account holds: SSM SecureString parameters (decrypted),
                Secrets Manager secret values, API Gateway API key values

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

    print(json.dumps({"stateKeyArn": state_key_arn, "stateObjects": objects, "secrets": secrets}))


if __name__ == "__main__":
    main()
