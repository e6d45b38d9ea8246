package s3

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/s3/s3test"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func newBackend(t testing.TB, srv *s3test.Server, prefix string) *Backend {
	t.Helper()
	b, err := New(context.Background(), Options{
		Endpoint: srv.Endpoint, Region: "us-east-1", Bucket: srv.Bucket(t), Prefix: prefix,
		AccessKey: s3test.AccessKey, SecretKey: s3test.SecretKey, SpoolDir: t.TempDir(),
		PartSize: 5 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestConformanceChunkedS3 runs the Store conformance suite on the chunked
// store over a real S3 server.
func TestConformanceChunkedS3(t *testing.T) {
	srv := s3test.Start(t)
	storetest.Run(t, func(t *testing.T) lfsstore.Store {
		cfg := chunked.DefaultConfig()
		cfg.MinChunk, cfg.AvgChunk, cfg.MaxChunk = 1<<10, 4<<10, 16<<10
		cfg.PackSize = 1 << 20
		s, err := chunked.Open(context.Background(), newBackend(t, srv, "lfs/"), &cfg)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestBackendBasics(t *testing.T) {
	srv := s3test.Start(t)
	b := newBackend(t, srv, "p")
	ctx := context.Background()
	if err := b.PutBytes(ctx, "a/b", []byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	rc, err := b.Get(ctx, "a/b", 3, 4)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "3456" {
		t.Errorf("range read = %q, want %q", got, "3456")
	}
	rc, _ = b.Get(ctx, "a/b", 7, -1)
	got, _ = io.ReadAll(rc)
	rc.Close()
	if string(got) != "789" {
		t.Errorf("tail read = %q, want %q", got, "789")
	}
	var names []string
	b.List(ctx, "a/", func(bl chunked.Blob) error { names = append(names, bl.Name); return nil })
	if len(names) != 1 || names[0] != "a/b" {
		t.Errorf("List = %q, want [a/b] (without the key prefix)", names)
	}
	for _, op := range []func() error{
		func() error { _, err := b.Get(ctx, "nope", 0, -1); return err },
		func() error { _, err := b.Stat(ctx, "nope"); return err },
		func() error { return b.Delete(ctx, "nope") },
	} {
		if err := op(); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing blob: error %v, want one wrapping fs.ErrNotExist", err)
		}
	}
}

func TestParseURL(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"AWS_ACCESS_KEY_ID": "ak", "AWS_SECRET_ACCESS_KEY": "sk"}[k]
	}
	u, _ := url.Parse("s3://bucket/some/prefix?endpoint=127.0.0.1:7070&insecure=true&region=eu-west-1")
	o, err := ParseURL(u, env)
	if err != nil {
		t.Fatal(err)
	}
	if o.Bucket != "bucket" || o.Prefix != "some/prefix" || o.Endpoint != "127.0.0.1:7070" || o.Secure || o.Region != "eu-west-1" || o.AccessKey != "ak" {
		t.Errorf("ParseURL = %+v", o)
	}
	for _, bad := range []string{"s3:///prefix?endpoint=x:1", "s3://b/p", "s3://user:pw@b/p?endpoint=x:1"} {
		u, _ := url.Parse(bad)
		if _, err := ParseURL(u, env); err == nil {
			t.Errorf("ParseURL(%q) accepted a bad URL", bad)
		}
	}
}

func FuzzParseURL(f *testing.F) {
	f.Add("s3://bucket/prefix?endpoint=127.0.0.1:7070&insecure=true")
	f.Add("s3://u:p@b/?endpoint=x")
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		o, err := ParseURL(u, func(string) string { return "" })
		if err == nil && (o.Bucket == "" || o.Endpoint == "" || u.User != nil) {
			t.Fatalf("ParseURL(%q) accepted %+v", raw, o)
		}
	})
}
