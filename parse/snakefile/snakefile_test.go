package snakefile

import (
	"fmt"
	"strings"
	"testing"
)

const workflow = `configfile: "config/config.yaml"
include: "rules/common.smk"

SEED = config["seed"]
shell = "not a directive outside a rule"


rule all:
    input:
        "results/metrics.json",


rule download:
    output:
        "resources/counts.tsv.gz",
    params:
        url="https://data.example.org/counts.tsv.gz",
    shell:
        """
        wget -q -O {output[0]} {params.url}
        awk '{{print $1}}' {output} > ids.txt
        """


rule normalize:
    input: "resources/counts.tsv.gz"
    output: "results/cpm.parquet"
    conda: "envs/qc.yaml"
    shell: "python scripts/norm.py {input} {output}"


rule joined:
    conda:
        "../envs/ml.yml"
    shell:
        "curl -L -o {output} "
        "https://data.example.org/x.tsv"


rule pythonic:
    conda: "base"
    run:
        shell("wget https://data.example.org/never-read")
        conda = "x.yaml"


rule computed:
    conda: config["env"]
    shell: CMD + " {input}"
    script: "scripts/x.py"


rule escaped:
    shell: "mkdir -p out\nwget -O out/a https://data.example.org/a"


rule:
    shell: r"echo \t {input}"
`

func TestParse(t *testing.T) {
	f := Parse([]byte(workflow))
	var got []string
	for _, s := range f.Includes {
		got = append(got, fmt.Sprintf("include %s %d:%d", s.Value, s.Line, s.Col))
	}
	for _, s := range f.Conda {
		got = append(got, fmt.Sprintf("conda %s %d:%d", s.Value, s.Line, s.Col))
	}
	for _, sh := range f.Shells {
		var ls []string
		for _, l := range sh.Lines {
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
			ls = append(ls, fmt.Sprintf("%d+%d%s|%s", l.N, l.Off, map[bool]string{true: "*"}[l.Rewritten], strings.TrimSpace(l.Text)))
		}
		got = append(got, fmt.Sprintf("shell %q@%d: %s", sh.Rule, sh.Line, strings.Join(ls, " ; ")))
	}
	want := []string{
		"include rules/common.smk 2:10",
		"conda envs/qc.yaml 28:12",
		"conda ../envs/ml.yml 34:9",
		`shell "download"@18: 20+0|wget -q -O {output[0]} {params.url} ; 21+0|awk '{{print $1}}' {output} > ids.txt`,
		`shell "normalize"@29: 29+12|python scripts/norm.py {input} {output}`,
		`shell "joined"@35: 36+9|curl -L -o {output} \ ; 37+9|https://data.example.org/x.tsv`,
		`shell "escaped"@54: 54+12*|mkdir -p out ; 54+12*|wget -O out/a https://data.example.org/a`,
		`shell ""@58: 58+13|echo \t {input}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIsFile(t *testing.T) {
	for p, want := range map[string]bool{
		"Snakefile": true, "workflow/Snakefile": true, "snakefile": true, "workflow/rules/qc.smk": true,
		"x.snakefile": true, "Snakefile.bak": false, "snake.py": false, "SNAKEFILE": false,
	} {
		if IsFile(p) != want {
			t.Errorf("IsFile(%q) = %v", p, !want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(workflow))
	f.Add([]byte("rule x:\n    shell:\n        f\"\"\"echo {{x}} {y}\\\n  z\"\"\"\n"))
	f.Add([]byte("rule:\n shell: 'a' 'b'\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Parse(src)
		lines := strings.Count(string(src), "\n") + 1
		for _, sh := range file.Shells {
			for _, l := range sh.Lines {
				if l.N < 1 || l.N > lines || l.Off < 0 {
					t.Fatalf("line %d+%d of a %d-line input", l.N, l.Off, lines)
				}
				if !l.Rewritten && l.Off+len(l.Text) > len(src) {
					t.Fatalf("text past the input")
				}
			}
		}
	})
}
