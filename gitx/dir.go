package gitx

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/git-repro/git-repro/snapshot"
)

// Dir returns a snapshot of a plain directory, as if every file in it were
// committed: used for directories outside git and by golden tests. The
// .gitattributes and .gitignore files inside it are honoured; .git is not
// part of it.
func Dir(root string) *Snapshot { return newSnapshot(dirSource{root: root}) }

type dirSource struct{ root string }

func (s dirSource) stat(p string) (snapshot.FileInfo, error) { return diskStat(s.root, p) }
func (s dirSource) read(p string) ([]byte, error)            { return diskRead(s.root, p) }

// diskStat describes the regular file or symlink p under root. Paths that
// leave root ("..") or enter .git do not exist in a snapshot.
func diskStat(root, p string) (snapshot.FileInfo, error) {
	if p == "" || p == ".git" || strings.HasPrefix(p, ".git/") || p == ".." || strings.HasPrefix(p, "../") || strings.Contains("/"+p+"/", "/../") {
		return snapshot.FileInfo{}, notExist("stat", p)
	}
	st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		return snapshot.FileInfo{}, err
	}
	if !st.Mode().IsRegular() && st.Mode()&fs.ModeSymlink == 0 {
		return snapshot.FileInfo{}, notExist("stat", p)
	}
	return snapshot.FileInfo{Path: p, Size: st.Size(), Mode: st.Mode()}, nil
}

// diskRead reads the file diskStat describes.
func diskRead(root, p string) ([]byte, error) {
	if _, err := diskStat(root, p); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
}

func (s dirSource) list() ([]snapshot.FileInfo, []string, error) {
	var files []snapshot.FileInfo
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if d.Name() == ".git" && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		fi, err := diskStat(s.root, rel)
		if err != nil {
			return nil
		}
		files = append(files, fi)
		return nil
	})
	sortInfos(files)
	return files, nil, err
}

func (s dirSource) extra(string) []byte { return nil }

func (s dirSource) dir() string { return s.root }
