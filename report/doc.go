// Package report renders findings: one model in ([]checks.Finding plus the
// rule metadata), many writers out:
//
//   - Text: "path:line:col: message [RULE-ID]" and an indented hint line,
//     ANSI colour only when Options.Color is set (the CLI decides: a TTY
//     and no NO_COLOR);
//   - JSON: the stable findings contract of DESIGN.md,
//     {"version":1,"findings":[...],"summary":{...}};
//   - SARIF 2.1.0 for code scanning (rules with descriptions and help,
//     results with partialFingerprints, one category per run);
//   - Markdown: a report with a status line, counts per category and one
//     table per category, reusable by the PR comment and job summary;
//   - GitHub workflow commands (::error file=...::msg), escaped.
//
// report depends only on package checks (for Finding and Rule). It must not
// import gitx, action, hooks, lfsstore or anything that does I/O beyond the
// io.Writer it is given.
package report
