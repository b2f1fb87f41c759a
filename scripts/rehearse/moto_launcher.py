"""Starts moto's server for the deploy rehearsal, over TLS, with its known gaps closed.

Every patch here fixes moto, never the stacks; each is listed in emulator-gaps.json (kind
"patched"), whose test proves that the unpatched moto still has the gap.

1. Lambda: moto 5.2.1 keeps no LoggingConfig, DeadLetterConfig or KMSKeyArn of a function, so
   every second plan would update them again. Here they are kept and returned.
2. Application Auto Scaling: moto 5.2.1 has no ListTagsForResource / TagResource /
   UntagResource, and the AWS provider retries the 500 forever (the apply hangs on scalable
   targets). Tags given to RegisterScalableTarget are kept too.
3. S3 bucket policies: moto treats every condition operator but StringEquals as met, so a
   deny-non-TLS statement (Bool aws:SecureTransport false) denies every request, even over
   HTTPS. Here bucket policies are evaluated with their conditions, from the request: its
   scheme, its SSE headers and the account of its access key.
4. Code signing (moto_signing.py): Signer signing jobs and Lambda code signing configurations.
5. Cognito (moto_cognito.py): a user pool's default feature plan (UserPoolTier ESSENTIALS).

Usage: python3 moto_launcher.py --cert-dir DIR. Prints `listening on PORT` once it serves
https://127.0.0.1:PORT (a free port), with DIR/cert.pem as the certificate to trust.
"""

import argparse
import datetime
import fnmatch
import ipaddress
import json
import os
import sys
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from werkzeug.serving import make_server

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.awslambda.models import LambdaFunction
from moto.iam.access_control import PermissionResult
from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.models import FakeBucket
from moto.utilities.tagging_service import TaggingService

import moto_apigateway  # noqa: F401  (6. its import lets a usage plan drop a throttled stage)
import moto_cognito  # noqa: F401  (5. its import gives user pools their default feature plan)
import moto_signing  # noqa: F401  (4. its import adds the code signing stand-ins)

# --- 1. Lambda settings moto drops ----------------------------------------------------------

_DROPPED_FUNCTION_SETTINGS = ("LoggingConfig", "DeadLetterConfig", "KMSKeyArn")
_create_function = LambdaFunction.__init__
_get_configuration = LambdaFunction.get_configuration
_update_configuration = LambdaFunction.update_configuration


def _create_keeping_settings(self, account_id, spec, region, version=1):
    _create_function(self, account_id, spec, region, version)
    self.kept_settings = {k: spec[k] for k in _DROPPED_FUNCTION_SETTINGS if k in spec}


def _configuration_with_settings(self, on_create=False):
    return {**_get_configuration(self, on_create), **getattr(self, "kept_settings", {})}


def _update_keeping_settings(self, updates):
    kept = {k: updates[k] for k in _DROPPED_FUNCTION_SETTINGS if k in updates}
    self.kept_settings = {**getattr(self, "kept_settings", {}), **kept}
    return _update_configuration(self, updates)


LambdaFunction.__init__ = _create_keeping_settings
LambdaFunction.get_configuration = _configuration_with_settings
LambdaFunction.update_configuration = _update_keeping_settings

# --- 2. Application Auto Scaling tags -------------------------------------------------------

_scaling_tags = TaggingService(tag_name="Tags", key_name="Key", value_name="Value")
_register_scalable_target = ApplicationAutoScalingResponse.register_scalable_target


def _as_tag_list(tags):
    return [{"Key": k, "Value": v} for k, v in (tags or {}).items()]


def _register_with_tags(self):
    body = _register_scalable_target(self)
    if self._get_param("Tags"):
        _scaling_tags.tag_resource(json.loads(body)["ScalableTargetARN"], _as_tag_list(self._get_param("Tags")))
    return body


def _list_tags(self):
    return json.dumps({"Tags": _scaling_tags.get_tag_dict_for_resource(self._get_param("ResourceARN"))})


def _tag(self):
    _scaling_tags.tag_resource(self._get_param("ResourceARN"), _as_tag_list(self._get_param("Tags")))
    return "{}"


def _untag(self):
    _scaling_tags.untag_resource_using_names(self._get_param("ResourceARN"), self._get_param("TagKeys"))
    return "{}"


ApplicationAutoScalingResponse.register_scalable_target = _register_with_tags
ApplicationAutoScalingResponse.list_tags_for_resource = _list_tags
ApplicationAutoScalingResponse.tag_resource = _tag
ApplicationAutoScalingResponse.untag_resource = _untag

# --- 3. S3 bucket policies evaluated with their conditions -----------------------------------

_request = threading.local()  # the WSGI environ of the request being served, per thread

_NEGATED = ("StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike")


def _request_context():
    environ = getattr(_request, "environ", {})
    header = lambda name: environ.get("HTTP_" + name.upper().replace("-", "_"))  # noqa: E731
    access_key = (header("authorization") or "").partition("Credential=")[2].partition("/")[0]
    account = get_account_id_from(access_key) if access_key else None
    context = {
        "aws:securetransport": "true" if environ.get("wsgi.url_scheme") == "https" else "false",
        "aws:principalaccount": account,
        "aws:principalarn": f"arn:aws:iam::{account}:root" if account else None,
        "s3:x-amz-server-side-encryption": header("x-amz-server-side-encryption"),
        "s3:x-amz-server-side-encryption-aws-kms-key-id": header("x-amz-server-side-encryption-aws-kms-key-id"),
    }
    return {k: v for k, v in context.items() if v is not None}


def _listed(value):
    return value if isinstance(value, list) else [value]


def _operator_holds(operator, expected, actual):
    if operator in ("StringEquals", "ArnEquals", "Bool"):
        return actual.lower() in [e.lower() for e in expected] if operator == "Bool" else actual in expected
    if operator in ("StringLike", "ArnLike"):
        return any(fnmatch.fnmatchcase(actual, e) for e in expected)
    if operator in _NEGATED:
        return not _operator_holds(operator.replace("Not", ""), expected, actual)
    raise ValueError(f"condition operator {operator} is not emulated")


def _conditions_hold(conditions, context):
    for operator, entries in (conditions or {}).items():
        if_exists = operator.endswith("IfExists")
        base = operator.removesuffix("IfExists")
        for key, expected in entries.items():
            actual = context.get(key.lower())
            if base == "Null":
                holds = (actual is None) == (str(expected).lower() == "true")
            elif actual is None:
                # As IAM does: a missing key fails positive operators and meets negated ones.
                holds = if_exists or base in _NEGATED
            else:
                holds = _operator_holds(base, _listed(expected), actual)
            if not holds:
                return False
    return True


def _matches(patterns, value):
    return any(fnmatch.fnmatchcase(value, p) for p in _listed(patterns))


def _statement_applies(statement, action, resource, context):
    if "Action" in statement and not _matches(statement["Action"], action):
        return False
    if "NotAction" in statement and _matches(statement["NotAction"], action):
        return False
    if "Resource" in statement and not _matches(statement["Resource"], resource):
        return False
    principal = statement.get("Principal", "*")
    aws = principal.get("AWS", "*") if isinstance(principal, dict) else principal
    if aws != "*" and not _matches(aws, context.get("aws:principalarn", "")):
        return False
    return _conditions_hold(statement.get("Condition"), context)


def _get_permission(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    context = _request_context()
    result = PermissionResult.NEUTRAL
    for statement in _listed(json.loads(self.policy.decode())["Statement"]):
        if _statement_applies(statement, action, resource, context):
            if statement["Effect"] == "Deny":
                return PermissionResult.DENIED
            result = PermissionResult.PERMITTED
    return result


FakeBucket.get_permission = _get_permission

# --- the server ------------------------------------------------------------------------------


def _write_certificate(directory):
    """A self-signed certificate for 127.0.0.1, trusted by the rehearsal only (AWS_CA_BUNDLE)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "moto rehearsal")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


class _RememberRequest:
    """WSGI middleware: keeps the request's environ where the bucket policy evaluation can see it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        _request.environ = environ
        return self.app(environ, start_response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert-dir", required=True)
    args = parser.parse_args()
    cert, key = _write_certificate(args.cert_dir)
    app = _RememberRequest(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", 0, app, threaded=True, ssl_context=(cert, key))
    os.environ["MOTO_PORT"] = str(server.server_port)
    print(f"listening on {server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
