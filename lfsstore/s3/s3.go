package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/git-repro/git-repro/lfsstore/chunked"
)

// Options locate a bucket and a key prefix in it.
type Options struct {
	Endpoint  string // host:port
	Secure    bool   // https
	Region    string
	Bucket    string
	Prefix    string // keys are Prefix + blob name; "" or ending in "/"
	AccessKey string
	SecretKey string
	// SpoolDir is the local directory for packs before upload. Default:
	// os.TempDir().
	SpoolDir string
	// PartSize is the multipart part size for large blobs. Default: 16 MiB.
	PartSize uint64
}

// Backend is a chunked.Backend on one bucket.
type Backend struct {
	c    *minio.Client
	o    Options
	part uint64
}

// New connects to the bucket. It checks that the bucket exists.
func New(ctx context.Context, o Options) (*Backend, error) {
	if o.Endpoint == "" || o.Bucket == "" {
		return nil, errors.New("s3: endpoint and bucket are required")
	}
	if o.Prefix != "" && !strings.HasSuffix(o.Prefix, "/") {
		o.Prefix += "/"
	}
	if o.SpoolDir == "" {
		o.SpoolDir = os.TempDir()
	}
	c, err := minio.New(o.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(o.AccessKey, o.SecretKey, ""),
		Secure: o.Secure,
		Region: o.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	ok, err := c.BucketExists(ctx, o.Bucket)
	if err != nil {
		return nil, fmt.Errorf("s3: check bucket %q at %q: %w", o.Bucket, o.Endpoint, err)
	}
	if !ok {
		return nil, fmt.Errorf("s3: bucket %q does not exist at %q: create it first", o.Bucket, o.Endpoint)
	}
	part := o.PartSize
	if part == 0 {
		part = 16 << 20
	}
	return &Backend{c: c, o: o, part: part}, nil
}

// ParseURL reads s3://bucket/prefix?endpoint=host:port&region=r&insecure=true.
// Credentials come from getenv: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
func ParseURL(u *url.URL, getenv func(string) string) (Options, error) {
	q := u.Query()
	o := Options{
		Bucket:    u.Host,
		Prefix:    strings.TrimPrefix(u.Path, "/"),
		Endpoint:  q.Get("endpoint"),
		Region:    q.Get("region"),
		Secure:    q.Get("insecure") != "true",
		AccessKey: getenv("AWS_ACCESS_KEY_ID"),
		SecretKey: getenv("AWS_SECRET_ACCESS_KEY"),
	}
	if o.Bucket == "" {
		return o, fmt.Errorf("invalid store URL %q: want s3://bucket/prefix?endpoint=host:port", u.Redacted())
	}
	if o.Endpoint == "" {
		return o, fmt.Errorf("store URL %q has no endpoint: add ?endpoint=host:port", u.Redacted())
	}
	if u.User != nil {
		return o, fmt.Errorf("store URL %q carries credentials: put them in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead", u.Redacted())
	}
	return o, nil
}

func (b *Backend) key(name string) string { return b.o.Prefix + name }

// SpoolDir implements chunked.Backend.
func (b *Backend) SpoolDir() string { return b.o.SpoolDir }

// PutFile implements chunked.Backend. Large files go up as multipart
// uploads, which S3 completes atomically.
func (b *Backend) PutFile(ctx context.Context, name, path string) error {
	defer os.Remove(path)
	_, err := b.c.FPutObject(ctx, b.o.Bucket, b.key(name), path, minio.PutObjectOptions{
		ContentType: "application/octet-stream",
		PartSize:    b.part,
	})
	if err != nil {
		return fmt.Errorf("s3: put %q: %w", name, err)
	}
	return nil
}

// PutBytes implements chunked.Backend.
func (b *Backend) PutBytes(ctx context.Context, name string, data []byte) error {
	_, err := b.c.PutObject(ctx, b.o.Bucket, b.key(name), bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
		ContentType: "application/octet-stream",
	})
	if err != nil {
		return fmt.Errorf("s3: put %q: %w", name, err)
	}
	return nil
}

func notFound(err error) bool {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		return er.Code == "NoSuchKey" || er.StatusCode == 404
	}
	return false
}

func (b *Backend) wrap(op, name string, err error) error {
	if notFound(err) {
		return fmt.Errorf("s3: %s %q: %w", op, name, fs.ErrNotExist)
	}
	return fmt.Errorf("s3: %s %q: %w", op, name, err)
}

// Get implements chunked.Backend.
func (b *Backend) Get(ctx context.Context, name string, off, length int64) (io.ReadCloser, error) {
	var opts minio.GetObjectOptions
	switch {
	case length == 0:
		return io.NopCloser(bytes.NewReader(nil)), nil
	case length > 0:
		if err := opts.SetRange(off, off+length-1); err != nil {
			return nil, err
		}
	case off > 0:
		if err := opts.SetRange(off, 0); err != nil {
			return nil, err
		}
	}
	obj, err := b.c.GetObject(ctx, b.o.Bucket, b.key(name), opts)
	if err != nil {
		return nil, b.wrap("get", name, err)
	}
	// GetObject is lazy; Stat sends the request so a missing blob is
	// reported here, not on the first Read.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, b.wrap("get", name, err)
	}
	return &object{obj, b, name}, nil
}

// object reports a blob deleted while it is being read as fs.ErrNotExist,
// as the Backend contract says.
type object struct {
	*minio.Object
	b    *Backend
	name string
}

func (o *object) Read(p []byte) (int, error) {
	n, err := o.Object.Read(p)
	if err != nil && err != io.EOF {
		err = o.b.wrap("get", o.name, err)
	}
	return n, err
}

// Stat implements chunked.Backend.
func (b *Backend) Stat(ctx context.Context, name string) (chunked.Blob, error) {
	info, err := b.c.StatObject(ctx, b.o.Bucket, b.key(name), minio.StatObjectOptions{})
	if err != nil {
		return chunked.Blob{}, b.wrap("stat", name, err)
	}
	return chunked.Blob{Name: name, Size: info.Size, ModTime: info.LastModified}, nil
}

// List implements chunked.Backend.
func (b *Backend) List(ctx context.Context, prefix string, fn func(chunked.Blob) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine if fn returns early
	for info := range b.c.ListObjects(ctx, b.o.Bucket, minio.ListObjectsOptions{Prefix: b.key(prefix), Recursive: true}) {
		if info.Err != nil {
			return fmt.Errorf("s3: list %q: %w", prefix, info.Err)
		}
		name := strings.TrimPrefix(info.Key, b.o.Prefix)
		if err := fn(chunked.Blob{Name: name, Size: info.Size, ModTime: info.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

// Delete implements chunked.Backend. S3 deletes of missing keys succeed,
// so Delete stats first to report fs.ErrNotExist as the contract says.
func (b *Backend) Delete(ctx context.Context, name string) error {
	if _, err := b.Stat(ctx, name); err != nil {
		return err
	}
	if err := b.c.RemoveObject(ctx, b.o.Bucket, b.key(name), minio.RemoveObjectOptions{}); err != nil {
		return b.wrap("delete", name, err)
	}
	return nil
}

// Client returns the underlying minio client (for tests and tools).
func (b *Backend) Client() *minio.Client { return b.c }

var _ chunked.Backend = (*Backend)(nil)
