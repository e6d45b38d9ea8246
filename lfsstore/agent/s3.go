package agent

import (
	"context"
	"net/url"

	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/s3"
)

func openS3(ctx context.Context, u *url.URL, getenv func(string) string) (chunked.Backend, error) {
	o, err := s3.ParseURL(u, getenv)
	if err != nil {
		return nil, err
	}
	return s3.New(ctx, o)
}
