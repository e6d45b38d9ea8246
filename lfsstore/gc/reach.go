package gc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/internal/gitcli"
	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/snapshot"
)

// Pointers returns every LFS object that an LFS pointer reachable from any
// ref of the repository at dir (bare or not) names, with its size. It
// runs git rev-list over all refs, keeping only blobs small enough to be
// pointers, and reads those with one git cat-file --batch.
func Pointers(ctx context.Context, dir string) (map[lfsstore.OID]int64, error) {
	// Refuse a directory that is not a repository (git would otherwise
	// find an enclosing one).
	top, err := gitcli.Git{Dir: dir, Env: gitEnv()}.Output(ctx, "rev-parse", "--absolute-git-dir")
	if err != nil {
		return nil, fmt.Errorf("repository %q: %w", dir, err)
	}
	g := gitcli.Git{Dir: strings.TrimSpace(string(top)), Env: gitEnv()}
	list, err := g.Output(ctx, "rev-list", "--objects", "--all",
		"--filter=object:type=blob", "--filter=blob:limit="+strconv.Itoa(snapshot.MaxPointerSize-1))
	if err != nil {
		return nil, fmt.Errorf("repository %q: list objects: %w", dir, err)
	}
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(list))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if oid, _, _ := strings.Cut(sc.Text(), " "); oid != "" {
			names = append(names, oid)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("repository %q: list objects: %w", dir, err)
	}
	out := map[lfsstore.OID]int64{}
	err = g.ReadObjects(ctx, names, snapshot.MaxPointerSize-1, func(_ int, o gitcli.Object, body []byte) error {
		if o.Type != "blob" {
			return nil
		}
		if p := snapshot.ParseLFSPointer(body); p != nil {
			if oid, err := lfsstore.ParseOID(p.OID); err == nil {
				out[oid] = p.Size
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repository %q: read objects: %w", dir, err)
	}
	return out, nil
}
