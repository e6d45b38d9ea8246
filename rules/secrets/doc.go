// Package secrets is the secrets rule family (REPRO-SECRET-*): committed
// .env files, private keys (by name and by PEM content), credential files,
// credentials in committed tool configurations (.dvc/config, pip.conf,
// .npmrc, rclone.conf, docker and AWS files, read with parse/ini by key,
// placeholders aside), passwords and tokens written into URLs in the
// files that hold install and fetch commands (urls.go), and .env files
// that python-dotenv loads but .gitignore does not keep out. Messages name the file, the line and the
// kind of secret, never a value. The secrets: section of .repro.yaml
// allows throwaway keys in test fixtures.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package secrets
