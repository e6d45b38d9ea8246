// Package s3test starts a real S3 server for tests: versitygw
// (github.com/versity/versitygw) with its posix backend in a temporary
// directory, listening on 127.0.0.1. Tests skip with a clear message when
// the binary is missing; install it with
//
//	go install github.com/versity/versitygw/cmd/versitygw@v1.8.0
package s3test
