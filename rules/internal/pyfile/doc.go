// Package pyfile loads the Python programs the rule families read: .py
// modules (Load) and the code cells of Jupyter notebooks as one module
// (LoadNotebook), each parsed once per run through Pass.Memo with the
// pure-Go tokenizer and module model of parse/python. Positions in a
// notebook's module map back to the .ipynb file (File.At) and name the
// cell (File.CellRef); IPython magics and shell lines become "pass", and
// every code cell's source lines are kept (Notebook.Code) for the rules
// that read the shell lines.
//
// The seeds family follows programs through these modules; the notebooks
// family checks the notebooks themselves. It imports the engine (checks)
// and parsers only.
package pyfile
