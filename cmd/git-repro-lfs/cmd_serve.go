package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/agent"
	"github.com/git-repro/git-repro/lfsstore/gc"
	"github.com/git-repro/git-repro/lfsstore/server"
)

type serveOptions struct {
	listen, root, authFile, publicURL string
	tlsCert, tlsKey, logFormat        string
	store, quota, minRate             string
	hrefTTL, shutdownTimeout          time.Duration
	rateWindow                        time.Duration
	maxClientTransfers, maxTransfers  int
	maxClientConns                    int
	hashPassword                      bool
}

var serveCommand = &Command{
	Name:  "serve",
	Usage: "serve [flags]",
	Short: "run the Git LFS server (Batch API, transfers, locks)",
	Long: `Run a Git LFS server. Repositories are served at Git's default LFS URL
layout, <public-url>/<namespace>/<repo>(.git)/info/lfs, and one repository at
the plain root <public-url>/. Objects are stored under --root, shared by all
repositories and checked against their SHA-256 before they become visible.

Users come from --auth-file (YAML, bcrypt hashes) and/or a bootstrap admin
from GIT_REPRO_LFS_USER and GIT_REPRO_LFS_PASSWORD; SIGHUP reloads them.
SIGTERM or SIGINT stops accepting connections and waits for in-flight
transfers.

Print a bcrypt hash for the auth file with:
  git repro lfs serve --hash-password < password.txt`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &serveOptions{}
		fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to listen on (host:port)")
		fs.StringVar(&o.root, "root", "", "directory for objects, locks and the signing key (required)")
		fs.StringVar(&o.store, "store", "", "keep objects in this store URL instead of --root (file:///dir for a chunked store, s3://...)")
		fs.StringVar(&o.quota, "quota", "", "per-repository storage quota, e.g. 10GiB, checked at batch time (default: none)")
		fs.StringVar(&o.authFile, "auth-file", "", "YAML users file with bcrypt hashes and per-repository access")
		fs.StringVar(&o.publicURL, "public-url", "", "URL clients reach the server at (default: from each request's Host)")
		fs.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate file (PEM); serve HTTPS with --tls-key")
		fs.StringVar(&o.tlsKey, "tls-key", "", "TLS private key file (PEM)")
		fs.DurationVar(&o.hrefTTL, "href-ttl", time.Hour, "how long signed transfer URLs stay valid")
		fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 5*time.Minute, "how long to wait for in-flight transfers on shutdown")
		fs.StringVar(&o.minRate, "min-rate", "16KiB", "a transfer must move at least this many bytes per second, averaged over each --rate-window, or it is cut off")
		fs.DurationVar(&o.rateWindow, "rate-window", time.Minute, "the window --min-rate is measured over (a stalled transfer is cut after one)")
		fs.IntVar(&o.maxClientTransfers, "max-client-transfers", 32, "uploads and downloads one client address may run at once (more get 429); -1: no limit")
		fs.IntVar(&o.maxTransfers, "max-transfers", 512, "uploads and downloads the server runs at once (more get 503); -1: no limit")
		fs.IntVar(&o.maxClientConns, "max-client-conns", 128, "connections one client address may hold open; 0: no limit")
		fs.StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
		fs.BoolVar(&o.hashPassword, "hash-password", false, "read a password from stdin, print its bcrypt hash and exit")
		return o
	},
	Run: runServe,
}

func runServe(c *CLI, opts any, args []string) int {
	o := opts.(*serveOptions)
	if len(args) > 0 {
		return c.fail(usageErrorf("unexpected arguments %q: serve takes only flags", args))
	}
	if o.hashPassword {
		return hashPasswordFromStdin(c)
	}
	cfg, err := serveConfig(c, o)
	if err != nil {
		return c.fail(err)
	}
	srv, err := server.New(*cfg)
	if err != nil {
		return c.fail(err)
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return c.fail(fmt.Errorf("listen on %q: %w", o.listen, err))
	}
	ln = server.LimitListener(ln, o.maxClientConns)
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	tlsOn := o.tlsCert != ""
	if tlsOn {
		hs.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			a, err := loadAuth(c, o)
			if err != nil {
				cfg.Logger.Error("SIGHUP: users file not reloaded; keeping the old one", "err", err.Error())
				continue
			}
			srv.SetAuth(a)
			cfg.Logger.Info("SIGHUP: users reloaded", "auth_file", o.authFile)
		}
	}()
	errc := make(chan error, 1)
	go func() {
		if tlsOn {
			errc <- hs.ServeTLS(ln, o.tlsCert, o.tlsKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	scheme := "http"
	if tlsOn {
		scheme = "https"
	}
	cfg.Logger.Info("serving Git LFS", "addr", ln.Addr().String(), "scheme", scheme, "root", o.root, "store", redactURL(o.store), "public_url", o.publicURL, "quota", o.quota)
	select {
	case err := <-errc:
		return c.fail(fmt.Errorf("serve: %w", err))
	case <-ctx.Done():
	}
	stop()
	cfg.Logger.Info("shutting down: draining in-flight requests", "timeout", o.shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return c.fail(fmt.Errorf("shutdown: %w", err))
	}
	cfg.Logger.Info("stopped")
	return ExitClean
}

// serveConfig validates the flags and builds the server configuration.
func serveConfig(c *CLI, o *serveOptions) (*server.Config, error) {
	if o.root == "" {
		return nil, usageErrorf("missing --root: name the directory that holds the objects")
	}
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return nil, usageErrorf("--tls-cert and --tls-key go together: pass both or neither")
	}
	var logger *slog.Logger
	switch o.logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(c.Stderr, nil))
	case "json":
		logger = slog.New(slog.NewJSONHandler(c.Stderr, nil))
	default:
		return nil, usageErrorf("invalid --log-format %q: want text or json", o.logFormat)
	}
	var pub *url.URL
	if o.publicURL != "" {
		u, err := url.Parse(o.publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
			return nil, usageErrorf("invalid --public-url %q: want http(s)://host[:port][/path] without credentials or query", o.publicURL)
		}
		pub = u
	}
	auth, err := loadAuth(c, o)
	if err != nil {
		return nil, err
	}
	getenv := c.getenv()
	minRate, err := bytesize.Parse(o.minRate)
	if err != nil {
		return nil, usageErrorf("invalid --min-rate %q: %v", o.minRate, err)
	}
	if o.rateWindow <= 0 {
		return nil, usageErrorf("invalid --rate-window %v: want a positive duration such as 1m", o.rateWindow)
	}
	if o.maxClientTransfers == 0 || o.maxTransfers == 0 || o.maxClientTransfers < -1 || o.maxTransfers < -1 {
		return nil, usageErrorf("--max-client-transfers and --max-transfers want a positive number, or -1 for no limit")
	}
	cfg := &server.Config{StateDir: o.root, PublicURL: pub, Auth: auth, Logger: logger, HrefTTL: o.hrefTTL,
		Limits: server.Limits{MinRate: minRate, Window: o.rateWindow, MaxClientTransfers: o.maxClientTransfers, MaxTransfers: o.maxTransfers}}
	if o.quota != "" {
		limit, err := parseSize(o.quota)
		if err != nil {
			return nil, usageErrorf("invalid --quota %q: %v", o.quota, err)
		}
		ledger := filepath.Join(o.root, "quota.ledger")
		// Ledgers of earlier versions were JSON files named quota.json.
		if _, err := os.Stat(ledger); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(filepath.Join(o.root, "quota.json"), ledger); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
		q, err := gc.NewQuota(ledger, func(string) (int64, bool) { return limit, true })
		if err != nil {
			return nil, err
		}
		cfg.Quota = q
	}
	store, err := openStore(o.root, o.store, getenv)
	if err != nil {
		return nil, err
	}
	// What uploads killed with an earlier server left (never what a
	// running upload, of another server on the same store, is writing).
	if lc, ok := store.(lfsstore.LeftoverCleaner); ok {
		if removed, err := lc.RemoveLeftovers(context.Background()); err != nil {
			logger.Warn("could not remove what interrupted uploads left", "err", err.Error())
		} else if len(removed) > 0 {
			logger.Info("removed what interrupted uploads left", "count", len(removed))
		}
	}
	cfg.Store = store
	return cfg, nil
}

// loadAuth reads the users file and the bootstrap admin from the
// environment. SIGHUP calls it again.
func loadAuth(c *CLI, o *serveOptions) (*server.Auth, error) {
	auth := server.NewAuth()
	if o.authFile != "" {
		a, err := server.LoadAuthFile(o.authFile)
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		auth = a
	}
	getenv := c.getenv()
	if u, p := getenv("GIT_REPRO_LFS_USER"), getenv("GIT_REPRO_LFS_PASSWORD"); u != "" || p != "" {
		if err := auth.AddBootstrapAdmin(u, p); err != nil {
			return nil, usageErrorf("GIT_REPRO_LFS_USER/GIT_REPRO_LFS_PASSWORD: %v", err)
		}
	}
	if auth.Empty() {
		return nil, usageErrorf("no users: pass --auth-file or set GIT_REPRO_LFS_USER and GIT_REPRO_LFS_PASSWORD")
	}
	return auth, nil
}

// openStore opens the object store: the store URL if one is given
// (see lfsstore/agent.OpenURL), else a plain local store under root.
func openStore(root, storeURL string, getenv func(string) string) (lfsstore.Store, error) {
	if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
		return nil, usageErrorf("--root %q is not a directory", root)
	}
	if storeURL != "" {
		s, err := agent.OpenURL(context.Background(), storeURL, getenv)
		if err != nil {
			return nil, usageErrorf("--store: %v", err)
		}
		return s, nil
	}
	s, err := lfsstore.NewLocal(root)
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", root, err)
	}
	return s, nil
}

// parseSize reads a quota: a positive size as internal/bytesize reads it
// (KB, MB, GB, TB in powers of 1000; KiB, MiB, GiB, TiB or K, M, G, T in
// powers of 1024).
func parseSize(s string) (int64, error) {
	n, err := bytesize.Parse(s)
	if err != nil {
		return 0, err
	}
	if n <= 0 {
		return 0, fmt.Errorf("want a positive size such as 500MiB or 10GiB")
	}
	return n, nil
}

func hashPasswordFromStdin(c *CLI) int {
	var pw string
	if f, ok := c.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		// Do not echo a password typed at a terminal.
		fmt.Fprint(c.Stderr, "password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.Stderr)
		if err != nil {
			return c.fail(err)
		}
		pw = string(b)
	} else {
		line, err := bufio.NewReader(c.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return c.fail(err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if pw == "" {
		return c.fail(usageErrorf("empty password on stdin"))
	}
	h, err := server.HashPassword(pw)
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(c.Stdout, h)
	return ExitClean
}

// redactURL drops any userinfo from a store URL before it is logged.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	u.User = nil
	return u.String()
}
