package chunked

import (
	"os"
	"testing"
)

// TestRealModelPair reports how two versions of a real model file
// deduplicate. It runs only when GIT_REPRO_MODEL_A and GIT_REPRO_MODEL_B
// name the files; bench/dedup-model.sh fetches a pair from a package.
func TestRealModelPair(t *testing.T) {
	pa, pb := os.Getenv("GIT_REPRO_MODEL_A"), os.Getenv("GIT_REPRO_MODEL_B")
	if pa == "" || pb == "" {
		t.Skip("set GIT_REPRO_MODEL_A and GIT_REPRO_MODEL_B to two versions of a model file (bench/dedup-model.sh does)")
	}
	a, err := os.ReadFile(pa)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pb)
	if err != nil {
		t.Fatal(err)
	}
	s := newDirStore(t, nil)
	_, ra := put(t, s, a)
	_, rb := put(t, s, b)
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("A %s: %d bytes, %d chunks", pa, len(a), ra.Chunks)
	t.Logf("B %s: %d bytes, %d chunks, %d new (%d bytes new, %.1f%% of B deduplicated against A)",
		pb, len(b), rb.Chunks, rb.NewChunks, rb.NewBytes, 100*(1-float64(rb.NewBytes)/float64(len(b))))
	t.Logf("plain LFS %d bytes, chunked %d bytes: %.1f%%", st.LogicalBytes, st.StoredBytes, 100*st.Ratio())
}
