package notebooks

import (
	"testing"

	"github.com/git-repro/git-repro/internal/rulestest"
)

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }
