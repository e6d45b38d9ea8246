package notebooks

import (
	"fmt"
	"testing"

	"github.com/git-repro/git-repro/internal/rulestest"
)

func TestSplitShellWords(t *testing.T) {
	got := splitShellWords(`-q "torch>=2" 'a b' c\ d # comment`)
	if fmt.Sprint(got) != "[-q torch>=2 a b c d]" {
		t.Errorf("%q", got)
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }
