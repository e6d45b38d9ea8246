// Package actiontest is a fake GitHub REST API for tests of the action:
// an httptest server speaking the shapes go-github expects for the user
// and issue-comment endpoints (JSON bodies, Link pagination headers,
// x-ratelimit-* headers, GitHub's error bodies), with hooks to inject the
// failures the action must survive. It is for tests only.
//
// It imports only the standard library; nothing outside tests imports it.
package actiontest
