// Package modelcard parses model cards: Markdown documents (MODEL_CARD.md,
// README.md) with optional Hugging Face YAML front matter. It splits the
// Markdown into headed sections with line numbers (ATX and setext headings,
// fenced code and HTML comments skipped), finds "[More Information Needed]"
// placeholders, and validates the front matter offline against the Hub's
// metadata schema (license ids, field types, model-index results).
//
// It never panics on any input and reports errors with 1-based file lines.
// It imports only the standard library, gopkg.in/yaml.v3, internal/yamlerr
// and internal/lazyre.
// Like every parse/ package it must not import the rule engine (checks), a
// rule family (rules/...), gitx, action, hooks or lfsstore.
package modelcard
