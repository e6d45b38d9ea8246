package scorecard

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/checks"
)

// HTML writes the report as one self-contained page (inline CSS, no
// scripts, no external resources).
func (r *Report) HTML(w io.Writer) error {
	data := struct {
		R         *Report
		Status    string
		Badge     template.HTML
		New       [][]checks.Finding
		Fixed     [][]checks.Finding
		Unchanged [][]checks.Finding
		All       [][]checks.Finding
	}{R: r, Status: r.StatusText(), Badge: template.HTML(Badge(r.Score.Percent, BadgeOptions{}))}
	if r.Delta != nil {
		data.New, data.Fixed, data.Unchanged = groupByCategory(r.Delta.New), groupByCategory(r.Delta.Fixed), groupByCategory(r.Delta.Unchanged)
	} else {
		data.All = groupByCategory(r.Findings)
	}
	return htmlTmpl().Execute(w, data)
}

// htmlTmpl is parsed on first use: only the HTML report needs it, and
// parsing it when the program starts cost every git hook.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"icon": statusIcon,
		"size": sizeCell,
		"loc": func(f checks.Finding) string {
			if f.Line > 0 {
				return fmt.Sprintf("%s:%d", f.Path, f.Line)
			}
			return f.Path
		},
		"sev":   func(s checks.Severity) string { return s.String() },
		"short": short,
		"lower": strings.ToLower,
	}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reproducibility report{{if .R.Meta.Commit}} · {{short .R.Meta.Commit}}{{end}}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font:13px ui-monospace,monospace;background:#f6f8fa;padding:0 .2rem}
.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}.pass{color:#1a7f37}.fail{color:#cf222e}.na{color:#656d76}
footer{margin-top:2rem;color:#656d76;font-size:.85rem}
</style>
</head>
<body>
<h1>{{.Status}}</h1>
<p>{{.Badge}}</p>
{{define "findings"}}{{range .}}<h3>{{(index . 0).Category}}</h3>
<table><tr><th>Severity</th><th>Location</th><th>Finding</th><th>Rule</th></tr>
{{range .}}<tr><td class="{{sev .Severity}}">{{sev .Severity}}</td><td><code>{{loc .}}</code></td><td>{{.Message}}{{if .Hint}}<br><small>{{.Hint}}</small>{{end}}</td><td><code>{{.Rule}}</code></td></tr>
{{end}}</table>
{{end}}{{end}}
{{if .R.Delta}}
<h2>New findings ({{len .R.Delta.New}})</h2>
{{template "findings" .New}}
<h2>Fixed findings ({{len .R.Delta.Fixed}})</h2>
{{template "findings" .Fixed}}
<details><summary><b>Unchanged findings ({{len .R.Delta.Unchanged}})</b></summary>
{{template "findings" .Unchanged}}
</details>
{{with .R.Env}}<h2>Environment changes</h2>
{{if .Deps}}<table><tr><th>Dependency</th><th>File</th><th>Change</th><th>Before</th><th>After</th></tr>
{{range .Deps}}<tr><td><code>{{.Name}}</code></td><td>{{.File}}</td><td>{{.Change}}</td><td><code>{{.Before}}</code></td><td><code>{{.After}}</code></td></tr>
{{end}}</table>{{end}}
{{if .Python}}<table><tr><th>Python version</th><th>Change</th><th>Before</th><th>After</th></tr>
{{range .Python}}<tr><td>{{.Source}}</td><td>{{.Change}}</td><td><code>{{.Before}}</code></td><td><code>{{.After}}</code></td></tr>
{{end}}</table>{{end}}
{{if .BaseImages}}<table><tr><th>Base image</th><th>Change</th><th>Before</th><th>After</th></tr>
{{range .BaseImages}}<tr><td>{{.Source}}</td><td>{{.Change}}</td><td><code>{{.Before}}</code></td><td><code>{{.After}}</code></td></tr>
{{end}}</table>{{end}}
{{if .Artifacts}}<table><tr><th>Artifact</th><th>Stored in</th><th>Change</th><th>Before</th><th>After</th></tr>
{{range .Artifacts}}<tr><td><code>{{.Path}}</code>{{if .Model}} (model){{end}}</td><td>{{.Kind}}</td><td>{{.Change}}</td><td>{{size .BeforeSize}}</td><td>{{size .AfterSize}}</td></tr>
{{end}}</table>{{end}}
{{if .ModelCards}}<p>Model cards: {{range $i, $c := .ModelCards}}{{if $i}}, {{end}}<code>{{$c.Path}}</code> ({{$c.Change}}){{end}}</p>{{end}}
{{if not (or .Deps .Python .BaseImages .Artifacts .ModelCards)}}<p>No dependency, Python, base image, artifact or model card changes.</p>{{end}}
{{end}}
{{else}}
<h2>Findings ({{len .R.Findings}})</h2>
{{template "findings" .All}}
{{end}}
<h2>Checklist: {{.R.Score.Passed}} of {{.R.Score.Applicable}} ({{.R.Score.Percent}}%)</h2>
<table><tr><th></th><th>Item</th><th>Detail</th></tr>
{{range .R.Checklist}}<tr><td class="{{if eq .Status "n/a"}}na{{else}}{{.Status}}{{end}}">{{icon .Status}}</td><td>{{.Title}}</td><td>{{.Detail}}</td></tr>
{{end}}</table>
<footer>git-repro {{or .R.Meta.Version "devel"}}{{if .R.Meta.Commit}} · commit <code>{{short .R.Meta.Commit}}</code>{{end}}{{if .R.Meta.BaseCommit}} vs merge base <code>{{short .R.Meta.BaseCommit}}</code>{{end}}{{if .R.Meta.Command}} · reproduce locally: <code>{{.R.Meta.Command}}</code>{{end}}</footer>
</body>
</html>
`))
})
