//go:build ignore

// baselines-gogit.go times go-git opening a repository and decoding its
// index, the step a pre-commit hook built on go-git cannot avoid. Run by
// docs/baselines.sh: go run docs/baselines-gogit.go REPO RUNS
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"

	git "github.com/go-git/go-git/v5"
)

func main() {
	runs, _ := strconv.Atoi(os.Args[2])
	var ms []float64
	for i := 0; i < runs; i++ {
		t := time.Now()
		r, err := git.PlainOpen(os.Args[1])
		if err != nil {
			panic(err)
		}
		idx, err := r.Storer.Index()
		if err != nil {
			panic(err)
		}
		_ = len(idx.Entries)
		ms = append(ms, float64(time.Since(t).Microseconds())/1000)
	}
	sort.Float64s(ms)
	fmt.Printf("%.1f\n", ms[len(ms)/2])
}
