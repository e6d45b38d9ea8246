// Package s3 is a chunked.Backend on S3-compatible object storage
// (AWS S3, MinIO, versitygw, Ceph RGW, ...) through minio-go. Packs go up
// with FPutObject, which switches to multipart uploads for large blobs,
// so objects beyond S3's 5 GB single-PUT limit are never a problem (a
// pack is ~64 MiB anyway). Range reads fetch runs of chunks. S3 has no
// locks: the chunked store uses lock objects on it (see chunked/lock.go),
// which rely on S3's strong read-after-write consistency.
//
// Package s3test starts a real versitygw for tests.
//
// s3 imports lfsstore/chunked and minio-go; it must not import the
// server, the agent, checks, rules, gitx or go-git.
package s3
