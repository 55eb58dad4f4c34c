"""The web app's site: private bucket behind CloudFront (OAC), security headers, config.json."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from cfn_template import logical_id, resources

from infra.config import InfraConfig
from infra.constructs.site import STATIC_DIR

FIREBASE_BUNDLE = STATIC_DIR / "vendor" / "firebase.js"


def flatten(value: Any) -> str:
    """A CloudFormation string expression as text: ``{GetAtt: [X, Attr]}`` -> ``<X.Attr>``."""
    if isinstance(value, str):
        return value
    if "Fn::Join" in value:
        sep, parts = value["Fn::Join"]
        return sep.join(flatten(p) for p in parts)
    if "Fn::GetAtt" in value:
        return "<{}.{}>".format(*value["Fn::GetAtt"])
    if "Ref" in value:
        return f"<{value['Ref']}>"
    raise AssertionError(f"unexpected expression {value}")


@pytest.fixture(scope="module")
def csp(template: Any) -> dict[str, list[str]]:
    (policy,) = resources(template, "AWS::CloudFront::ResponseHeadersPolicy").values()
    header = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    text = flatten(header["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    directives: dict[str, list[str]] = {}
    for part in text.split(";"):
        name, *values = part.split()
        assert name not in directives, name
        directives[name] = values
    return directives


def test_csp_fits_cloudfronts_limit_with_the_longest_names(template):
    (policy,) = resources(template, "AWS::CloudFront::ResponseHeadersPolicy").values()
    header = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    longest = {  # bucket names have at most 63 characters
        "RegionalDomainName": "b" * 63 + ".s3.ap-southeast-2.amazonaws.com",
        "DomainName": "b" * 63 + ".s3.amazonaws.com",
        "ApiEndpoint": "https://0123456789.execute-api.ap-southeast-2.amazonaws.com",
    }
    text = re.sub(
        r"<[A-Za-z0-9]+\.([A-Za-z]+)>",
        lambda m: longest[m.group(1)],
        flatten(header["ContentSecurityPolicy"]["ContentSecurityPolicy"]),
    )
    assert len(text) <= 1783, len(text)  # CloudFront's quota on a CSP header value


@pytest.fixture(scope="module")
def ids(template: Any) -> dict[str, str]:
    return {
        "uploads": logical_id(template, "AWS::S3::Bucket", "Storage/Uploads/Resource"),
        "results": logical_id(template, "AWS::S3::Bucket", "Storage/Results/Resource"),
        "access_logs": logical_id(template, "AWS::S3::Bucket", "Storage/AccessLogs/Resource"),
        "files": logical_id(template, "AWS::S3::Bucket", "Site/Files/Resource"),
        "cf_logs": logical_id(template, "AWS::S3::Bucket", "Site/CloudFrontLogs/Resource"),
        "key": logical_id(template, "AWS::KMS::Key", "Site/SiteKey/Resource"),
        "api": logical_id(template, "AWS::ApiGatewayV2::Api", "Api/HttpApi/Resource"),
        "distribution": logical_id(
            template, "AWS::CloudFront::Distribution", "Site/Distribution/Resource"
        ),
    }


def s3_hosts(bucket: str) -> set[str]:
    return {f"https://<{bucket}.RegionalDomainName>", f"https://<{bucket}.DomainName>"}


def test_site_buckets_are_private_kms_encrypted_versioned_and_logged(template, ids):
    for name in ("files", "cf_logs"):
        props = resources(template, "AWS::S3::Bucket")[ids[name]]["Properties"]
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        sse = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert sse["ServerSideEncryptionByDefault"] == {
            "SSEAlgorithm": "aws:kms",
            "KMSMasterKeyID": {"Fn::GetAtt": [ids["key"], "Arn"]},
        }
        assert props["VersioningConfiguration"] == {"Status": "Enabled"}
        assert props["LoggingConfiguration"]["DestinationBucketName"] == {"Ref": ids["access_logs"]}
    files = resources(template, "AWS::S3::Bucket")[ids["files"]]["Properties"]
    assert files["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert "WebsiteConfiguration" not in files  # a REST origin, never an S3 website


def test_site_buckets_refuse_plain_http_and_tls_below_1_2(template, ids):
    for name in ("files", "cf_logs"):
        (policy,) = [
            p
            for p in resources(template, "AWS::S3::BucketPolicy").values()
            if p["Properties"]["Bucket"] == {"Ref": ids[name]}
        ]
        denies = [
            st["Condition"]
            for st in policy["Properties"]["PolicyDocument"]["Statement"]
            if st["Effect"] == "Deny"
        ]
        assert {"Bool": {"aws:SecureTransport": "false"}} in denies
        assert {"NumericLessThan": {"s3:TlsVersion": 1.2}} in denies


def test_only_this_distribution_reads_the_site_bucket_through_origin_access_control(template, ids):
    (oac,) = resources(template, "AWS::CloudFront::OriginAccessControl").values()
    cfg = oac["Properties"]["OriginAccessControlConfig"]
    assert cfg["OriginAccessControlOriginType"] == "s3"
    assert (cfg["SigningBehavior"], cfg["SigningProtocol"]) == ("always", "sigv4")

    dist = resources(template, "AWS::CloudFront::Distribution")[ids["distribution"]]
    (origin,) = dist["Properties"]["DistributionConfig"]["Origins"]
    assert origin["DomainName"] == {"Fn::GetAtt": [ids["files"], "RegionalDomainName"]}
    assert "OriginAccessControlId" in origin
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy OAI

    (policy,) = [
        p
        for p in resources(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": ids["files"]}
    ]
    allows = [
        st for st in policy["Properties"]["PolicyDocument"]["Statement"] if st["Effect"] == "Allow"
    ]
    (allow,) = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    source = flatten(allow["Condition"]["StringEquals"]["AWS:SourceArn"])
    assert source.endswith(f":distribution/<{ids['distribution']}>")

    # The site key lets CloudFront decrypt (any distribution of this account: CDK avoids a
    # key -> distribution cycle) and log delivery encrypt, nothing else outside the account.
    key = resources(template, "AWS::KMS::Key")[ids["key"]]["Properties"]
    services = {
        st["Principal"]["Service"]: st["Action"]
        for st in key["KeyPolicy"]["Statement"]
        if "Service" in st["Principal"]
    }
    assert services == {
        "cloudfront.amazonaws.com": "kms:Decrypt",
        "delivery.logs.amazonaws.com": "kms:GenerateDataKey*",
    }


def test_distribution_serves_index_over_https_with_logs_and_the_headers_policy(template, ids):
    dist = resources(template, "AWS::CloudFront::Distribution")[ids["distribution"]]
    cfg = dist["Properties"]["DistributionConfig"]
    assert cfg["DefaultRootObject"] == "index.html"
    behavior = cfg["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behavior["AllowedMethods"] == ["GET", "HEAD"]
    policy = logical_id(
        template, "AWS::CloudFront::ResponseHeadersPolicy", "Site/SecurityHeaders/Resource"
    )
    assert behavior["ResponseHeadersPolicyId"] == {"Ref": policy}
    assert cfg["Logging"]["Bucket"] == {"Fn::GetAtt": [ids["cf_logs"], "RegionalDomainName"]}
    assert cfg["PriceClass"] == InfraConfig().site_price_class


def test_security_headers_set_hsts_nosniff_deny_framing_and_referrer_policy(template):
    (policy,) = resources(template, "AWS::CloudFront::ResponseHeadersPolicy").values()
    cfg = policy["Properties"]["ResponseHeadersPolicyConfig"]
    headers = cfg["SecurityHeadersConfig"]
    hsts = headers["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] >= 365 * 24 * 3600 and hsts["IncludeSubdomains"]
    assert headers["ContentTypeOptions"] == {"Override": True}
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
    assert all(h["Override"] for h in headers.values())
    custom = {h["Header"]: h["Value"] for h in cfg["CustomHeadersConfig"]["Items"]}
    assert "microphone=()" in custom["Permissions-Policy"]
    assert "camera" not in custom["Permissions-Policy"]  # the upload page may use the camera
    assert custom["Cross-Origin-Opener-Policy"] == "same-origin"


def test_csp_allows_exactly_what_the_app_loads_and_calls(csp, ids):
    recaptcha_scripts = {"https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"}
    assert csp["default-src"] == ["'none'"]
    assert set(csp["script-src"]) == {"'self'"} | recaptcha_scripts
    assert csp["style-src"] == ["'self'"]
    assert set(csp["connect-src"]) == (
        {"'self'", f"<{ids['api']}.ApiEndpoint>"}
        | s3_hosts(ids["uploads"])
        | s3_hosts(ids["results"])
        | {
            "https://identitytoolkit.googleapis.com",
            "https://securetoken.googleapis.com",
            "https://firestore.googleapis.com",
        }
    )
    assert set(csp["media-src"]) == {"'self'"} | s3_hosts(ids["results"])
    assert set(csp["img-src"]) == {"'self'", "data:"} | s3_hosts(ids["results"])
    assert set(csp["frame-src"]) == {
        "https://www.google.com/recaptcha/",
        "https://recaptcha.google.com/recaptcha/",
    }
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    everything = [v for values in csp.values() for v in values]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "https:", "blob:"} & set(everything)
    assert not any("*" in v for v in everything)  # no wildcard hosts


def test_csp_covers_every_host_the_bundled_firebase_sdk_calls_or_loads(csp):
    bundle = FIREBASE_BUNDLE.read_text()
    api_hosts = set(re.findall(r'(?:apiHost|tokenApiHost): "([a-z.]+)"', bundle))
    firestore = set(re.findall(r'= "(firestore\.googleapis\.com)"', bundle))
    assert len(api_hosts) == 2 and firestore, "the SDK's hosts moved: update the CSP test"
    for host in api_hosts | firestore:
        assert f"https://{host}" in csp["connect-src"], host
    scripts = re.findall(r'recaptcha(?:V2|Enterprise)Script: "([^"?]+)', bundle)
    assert len(scripts) == 2
    for url in scripts:  # CSP path sources ending in "/" match everything below them
        assert any(s.endswith("/") and url.startswith(s) for s in csp["script-src"]), url


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_csp_covers_the_hosts_of_the_presigned_urls_the_api_hands_out(
    csp, ids, region, monkeypatch
):
    from ichseg.adapters.aws import boto_client

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", region)
    s3 = boto_client("s3")  # the client the upload API signs with (no network)
    post = s3.generate_presigned_post("ichseg-uploads-x", "uploads/u/s/a.zip")["url"]
    link = s3.generate_presigned_url(
        "get_object", Params={"Bucket": "ichseg-results-x", "Key": "results/u/s/overlay.mp4"}
    )

    def as_csp(url: str, bucket: str, logical: str) -> str:
        host = url.split("/")[2]
        assert host.startswith(bucket + ".")
        rest = host[len(bucket) + 1 :]
        attr = {
            "s3.amazonaws.com": "DomainName",
            f"s3.{region}.amazonaws.com": "RegionalDomainName",
        }
        return f"https://<{logical}.{attr[rest]}>"

    assert as_csp(post, "ichseg-uploads-x", ids["uploads"]) in csp["connect-src"]
    results = as_csp(link, "ichseg-results-x", ids["results"])
    assert results in csp["media-src"] and results in csp["connect-src"]


def deployments(template: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for lid, res in resources(template, "Custom::CDKBucketDeployment").items():
        path = res["Metadata"]["aws:cdk:path"]
        out[path.split("/")[2]] = {"id": lid, **res}
    return out


def test_static_files_go_under_static_and_root_files_after_them(template, ids, synth):
    deploys = deployments(template)
    assert set(deploys) == {"DeployStatic", "DeployRoot"}
    static, root = deploys["DeployStatic"], deploys["DeployRoot"]
    for d in (static, root):
        assert d["Properties"]["DestinationBucketName"] == {"Ref": ids["files"]}
        assert d["Properties"]["Prune"] is True
        assert d["Properties"]["SystemMetadata"] == {"cache-control": "no-cache"}
    assert static["Properties"]["DestinationBucketKeyPrefix"] == "static/"
    assert "DestinationBucketKeyPrefix" not in root["Properties"]
    # Pruning the root must not touch static/: the root deployment only syncs two names.
    assert root["Properties"]["Exclude"] == ["*"]
    assert set(root["Properties"]["Include"]) == {"index.html", "config.json"}
    assert static["id"] in root["DependsOn"]
    assert root["Properties"]["DistributionId"] == {"Ref": ids["distribution"]}
    assert root["Properties"]["DistributionPaths"] == ["/*"]

    (key,) = static["Properties"]["SourceObjectKeys"]
    staged = synth.outdir / f"asset.{key.removesuffix('.zip')}"
    names = {p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()}
    expected = {p.relative_to(STATIC_DIR).as_posix() for p in STATIC_DIR.rglob("*") if p.is_file()}
    assert names == expected
    assert {"index.html", "app.css", "js/main.js", "vendor/firebase.js"} <= names


def test_config_json_is_written_beside_index_html_from_the_stack(template, ids, synth):
    root = deployments(template)["DeployRoot"]["Properties"]
    staged = [
        synth.outdir / f"asset.{key.removesuffix('.zip')}" / "config.json"
        for key in root["SourceObjectKeys"]
    ]
    (config_file,) = [p for p in staged if p.exists()]
    (markers,) = [m for m in root["SourceMarkers"] if m]
    text = config_file.read_text()
    for marker, value in markers.items():  # what the handler does at deploy time
        text = text.replace(marker, flatten(value))
    site = json.loads(text)
    cfg = InfraConfig()
    assert site["mode"] == "firebase"
    assert site["apiUrl"].startswith(f"https://<{ids['api']}>.execute-api.")
    assert site["firebase"] == {
        "projectId": cfg.firebase_project_id,
        "authDomain": f"{cfg.firebase_project_id}.firebaseapp.com",
    }
    assert site["maxUploadBytes"] == cfg.max_upload_bytes


def test_synth_warns_when_the_firebase_web_config_has_no_api_key(synth):
    from aws_cdk.assertions import Annotations, Match

    assert "apiKey" not in InfraConfig().firebase_web  # the development default
    Annotations.from_stack(synth.stack).has_warning(
        "/Ichseg/Site", Match.string_like_regexp("firebase_web_config has no apiKey")
    )


def test_site_url_is_a_stack_output(template, ids):
    outputs = template.to_json()["Outputs"]
    assert flatten(outputs["SiteUrl"]["Value"]) == f"https://<{ids['distribution']}.DomainName>"
    assert outputs["SiteBucket"]["Value"] == {"Ref": ids["files"]}


def test_uploads_cors_keeps_the_context_origin(template, ids):
    # The CSP names the uploads bucket and the API, and the distribution names the CSP:
    # allowing the CloudFront domain on the bucket would close a CloudFormation cycle.
    props = resources(template, "AWS::S3::Bucket")[ids["uploads"]]["Properties"]
    (rule,) = props["CorsConfiguration"]["CorsRules"]
    assert rule["AllowedOrigins"] == [InfraConfig().app_origin]


def test_firebase_web_config_fills_project_and_auth_domain_and_checks_the_project():
    cfg = InfraConfig.from_context(
        {"firebase_project_id": "p1", "firebase_web_config": {"apiKey": "k", "appId": "a"}}
    )
    assert cfg.firebase_web == {
        "projectId": "p1",
        "authDomain": "p1.firebaseapp.com",
        "apiKey": "k",
        "appId": "a",
    }
    custom = InfraConfig.from_context({"firebase_web_config": {"authDomain": "login.example.org"}})
    assert custom.firebase_web["authDomain"] == "login.example.org"
    with pytest.raises(ValueError, match="token audience"):
        InfraConfig.from_context(
            {"firebase_project_id": "p1", "firebase_web_config": {"projectId": "p2"}}
        )


def test_index_html_loads_its_files_from_the_static_prefix():
    # The static deployment puts ichseg/web/static/ under static/; index.html must agree.
    html = (STATIC_DIR / "index.html").read_text()
    refs = re.findall(r'(?:src|href)="([^"#][^"]*)"', html)
    local = [r for r in refs if not r.startswith(("data:", "https:"))]
    assert local and all(r.startswith("static/") for r in local), local
    assert all((STATIC_DIR / r.removeprefix("static/")).is_file() for r in local)


CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000"


def test_a_custom_domain_gets_tls_1_2_its_origin_for_cors_and_no_cfr4_acknowledgement(
    tmp_path,
):
    from aws_cdk.assertions import Template

    from infra.app import build_app

    context = {
        "ichseg": {
            "site_domain_names": ["scans.example.org"],
            "site_certificate_arn": CERTIFICATE,
            "firebase_web_config": {"apiKey": "AIza-example", "appId": "1:2:web:3"},
            # A production stack: filled base-image digests, Workload Identity (no key).
            "base_images": {
                "lambda": "public.ecr.aws/lambda/python:3.12@sha256:" + "1" * 64,
                "gpu": "python:3.11-slim-bookworm@sha256:" + "2" * 64,
            },
            "google_wif_audience": (
                "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/"
                "ichseg/providers/aws"
            ),
            "google_service_account": "ichseg@p.iam.gserviceaccount.com",
        }
    }
    app, stack = build_app(context=context, outdir=str(tmp_path))
    app.synth()  # raises on any unacknowledged cdk-nag finding
    report = json.loads((tmp_path / "validation-report.json").read_text())
    assert all(r["violations"] == [] for r in report["pluginReports"])
    template = Template.from_stack(stack)
    (dist,) = resources(template, "AWS::CloudFront::Distribution").values()
    cfg = dist["Properties"]["DistributionConfig"]
    assert cfg["Aliases"] == ["scans.example.org"]
    assert cfg["ViewerCertificate"] == {
        "AcmCertificateArn": CERTIFICATE,
        "MinimumProtocolVersion": "TLSv1.2_2021",
        "SslSupportMethod": "sni-only",
    }
    acknowledged = [
        rule["id"] for rule in dist["Metadata"].get("cdk_nag", {}).get("rules_to_suppress", [])
    ]
    assert "AwsSolutions::AwsSolutions-CFR4" not in acknowledged
    assert template.to_json()["Outputs"]["SiteUrl"]["Value"] == "https://scans.example.org"
    from aws_cdk.assertions import Annotations, Match

    Annotations.from_stack(stack).has_no_warning("*", Match.any_value())
    uploads = logical_id(template, "AWS::S3::Bucket", "Storage/Uploads/Resource")
    props = resources(template, "AWS::S3::Bucket")[uploads]["Properties"]
    assert props["CorsConfiguration"]["CorsRules"][0]["AllowedOrigins"] == [
        "https://scans.example.org"
    ]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"site_domain_names": ["scans.example.org"]}, "go together"),
        ({"site_certificate_arn": CERTIFICATE}, "go together"),
        (
            {
                "site_domain_names": ["scans.example.org"],
                "site_certificate_arn": CERTIFICATE.replace("us-east-1", "eu-west-1"),
            },
            "us-east-1",
        ),
        ({"site_price_class": "PriceClass_300"}, "PriceClass_100"),
    ],
)
def test_bad_site_settings_are_refused(override, message):
    with pytest.raises(ValueError, match=message):
        InfraConfig.from_context(override)


def test_an_explicit_app_origin_wins_over_the_custom_domain():
    cfg = InfraConfig.from_context(
        {
            "site_domain_names": ["scans.example.org"],
            "site_certificate_arn": CERTIFICATE,
            "app_origin": "https://app.example.org",
        }
    )
    assert cfg.app_origin == "https://app.example.org"
