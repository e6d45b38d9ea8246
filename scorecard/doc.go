// Package scorecard builds git-repro's reproducibility report: a checklist
// score (pinned dependencies, seeds, Python version, environment file,
// Docker, data, README, CI, hardware, config, version control, model
// cards, large files, secrets, .dockerignore), the findings grouped by
// category, and, against a base revision, the delta of findings (new,
// fixed, unchanged, matched by fingerprint) and the environment diff
// (dependencies, Python version, base images, data and model artifacts,
// model cards).
//
// The checklist is judged from the engine's findings by category plus a
// look at the snapshot's files, never from specific rule ids, so it gets
// richer as rule families land.
//
// One model, several writers: Markdown (the pull-request comment, with a
// size budget), Text, JSON, HTML, and an SVG badge.
//
// The API the Action uses:
//
//	head, _ := scorecard.Evaluate(headTree, cfg, nil)
//	base, _ := scorecard.Evaluate(baseTree, cfg, nil)
//	r := scorecard.Build(head, base, scorecard.Meta{...})
//	body := r.Markdown(scorecard.MarkdownOptions{MaxBytes: 60000})
//
// scorecard reads snapshot.Tree snapshots; it must not import gitx (so
// go-git), action, hooks or lfsstore.
package scorecard
