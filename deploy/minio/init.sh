#!/bin/sh
# One-shot MinIO setup for docker-compose.yaml (idempotent): the app's bucket, and an S3 user that
# can only read, write, list and delete objects in that bucket. The app never gets root keys.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
bucket="${S3_BUCKET:-redactify}"
policy=redactify-app

until mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null; do
  sleep 2
done
mc mb --ignore-existing "local/$bucket"

cat > /tmp/policy.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::$bucket"]
    },
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts"
      ],
      "Resource": ["arn:aws:s3:::$bucket/*"]
    }
  ]
}
POLICY
mc admin policy create local "$policy" /tmp/policy.json
mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
# Attaching twice is an error; a user that already has the policy is what we want.
mc admin policy attach local "$policy" --user "$S3_ACCESS_KEY" ||
  mc admin user info local "$S3_ACCESS_KEY" | grep -q "$policy"
echo "bucket $bucket and user $S3_ACCESS_KEY (policy $policy) ready"
