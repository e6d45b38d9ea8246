package agent

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
)

// OpenURL opens the store a URL names:
//
//	file:///abs/dir                 chunked store in a local directory
//	file:///abs/dir?format=plain    plain one-file-per-object store (lfsstore.Local)
//	s3://bucket/prefix?endpoint=host:port[&region=r][&insecure=true]
//	                                chunked store on an S3-compatible service;
//	                                credentials from AWS_ACCESS_KEY_ID and
//	                                AWS_SECRET_ACCESS_KEY
//
// A chunked store that does not exist yet is created; pack_size=BYTES
// sets its pack size (default 64 MiB). getenv supplies the environment.
func OpenURL(ctx context.Context, raw string, getenv func(string) string) (lfsstore.Store, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid store URL %q: %v", raw, err)
	}
	q := u.Query()
	cfg := chunked.DefaultConfig()
	if ps := q.Get("pack_size"); ps != "" {
		n, err := strconv.ParseInt(ps, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("invalid pack_size %q in store URL: want a positive byte count", ps)
		}
		cfg.PackSize = n
	}
	switch u.Scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("invalid store URL %q: file URLs name a local path, as file:///abs/dir", raw)
		}
		if u.Path == "" || !filepath.IsAbs(u.Path) {
			return nil, fmt.Errorf("invalid store URL %q: want an absolute path, as file:///abs/dir", raw)
		}
		switch q.Get("format") {
		case "plain":
			return lfsstore.NewLocal(u.Path)
		case "", "chunked":
		default:
			return nil, fmt.Errorf("invalid format %q in store URL: want chunked (default) or plain", q.Get("format"))
		}
		b, err := chunked.NewDir(u.Path)
		if err != nil {
			return nil, err
		}
		return chunked.Open(ctx, b, &cfg)
	case "s3":
		b, err := openS3(ctx, u, getenv)
		if err != nil {
			return nil, err
		}
		return chunked.Open(ctx, b, &cfg)
	default:
		return nil, fmt.Errorf("unsupported store URL scheme %q in %q: want file:// or s3://", u.Scheme, raw)
	}
}
