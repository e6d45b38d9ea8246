package gc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

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
	top, err := gitOutput(ctx, dir, nil, "rev-parse", "--absolute-git-dir")
	if err != nil {
		return nil, fmt.Errorf("repository %q: %w", dir, err)
	}
	gitDir := strings.TrimSpace(string(top))
	list, err := gitOutput(ctx, gitDir, nil, "rev-list", "--objects", "--all",
		"--filter=object:type=blob", "--filter=blob:limit="+strconv.Itoa(snapshot.MaxPointerSize-1))
	if err != nil {
		return nil, fmt.Errorf("repository %q: list objects: %w", dir, err)
	}
	var in bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(list))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		oid, _, _ := strings.Cut(sc.Text(), " ")
		if oid != "" {
			in.WriteString(oid)
			in.WriteByte('\n')
		}
	}
	out := map[lfsstore.OID]int64{}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch=%(objecttype) %(objectsize)")
	cmd.Dir = gitDir
	cmd.Env = gitEnv()
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(stdout, 1<<20)
	perr := func() error {
		for {
			hdr, err := br.ReadString('\n')
			if errors.Is(err, io.EOF) && hdr == "" {
				return nil
			}
			if err != nil {
				return err
			}
			typ, sz, ok := strings.Cut(strings.TrimSuffix(hdr, "\n"), " ")
			n, err := strconv.Atoi(sz)
			if !ok || err != nil || n < 0 {
				return fmt.Errorf("unexpected cat-file header %q", hdr)
			}
			body := make([]byte, n+1) // content and a trailing newline
			if _, err := io.ReadFull(br, body); err != nil {
				return err
			}
			if typ != "blob" {
				continue
			}
			if p := snapshot.ParseLFSPointer(body[:n]); p != nil {
				if oid, err := lfsstore.ParseOID(p.OID); err == nil {
					out[oid] = p.Size
				}
			}
		}
	}()
	werr := cmd.Wait()
	if perr != nil {
		return nil, fmt.Errorf("repository %q: read objects: %v", dir, perr)
	}
	if werr != nil {
		return nil, fmt.Errorf("repository %q: git cat-file: %v: %s", dir, werr, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

func gitOutput(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
