package secrets

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

// TestPrivateKeysReal generates real keys (none is committed as a
// fixture) and checks every way they get committed.
func TestPrivateKeysReal(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	ecDER, _ := x509.MarshalECPrivateKey(k)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER}))
	pubDER, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	pubPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
	sa, _ := json.MarshalIndent(map[string]string{"type": "service_account", "private_key": keyPEM}, "", "  ")

	tree := &snapshot.MapTree{Content: map[string]string{
		"deploy/tls.key":           keyPEM,
		"notes/ops.md":             "the old key was:\n\n" + ecPEM,
		"gcp.json":                 string(sa),
		"keys/public.pem":          pubPEM,
		"src/scan.py":              "HEADER = '-----BEGIN EC PRIVATE KEY-----'\n",
		"tests/fixtures/dummy.pem": keyPEM,
	}}
	cfg, err := checks.ParseConfig(".repro.yaml", []byte("secrets:\n  allow: [\"tests/fixtures/**\"]\n"), []checks.Family{Family})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rulestest.Run(t, rules, tree, cfg) {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
		if strings.Contains(f.Message, strings.Split(keyPEM, "\n")[1][:20]) || strings.Contains(f.Message, strings.Split(ecPEM, "\n")[1][:20]) {
			t.Errorf("message quotes key material: %s", f.Message)
		}
	}
	want := "deploy/tls.key:1 REPRO-SECRET-002,gcp.json:2 REPRO-SECRET-002,notes/ops.md:3 REPRO-SECRET-002"
	if strings.Join(got, ",") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, ","), want)
	}
}

// TestSecretValuesNeverPrinted runs the secrets rules over the golden
// cases whose fixtures mark their values DO-NOT-PRINT.
func TestSecretValuesNeverPrinted(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		".env":            "export API_KEY=DO-NOT-PRINT-1\nPASSWORD='DO-NOT-PRINT-2'\nMULTI=\"DO-NOT-PRINT-3\nDO-NOT-PRINT-4\"\n",
		".env.local":      "TOKEN=DO-NOT-PRINT-5 # DO-NOT-PRINT-6\n",
		"kaggle.json":     `{"username":"u","key":"DO-NOT-PRINT-7"}`,
		".netrc":          "machine m login l password DO-NOT-PRINT-8\n",
		"app.py":          "from dotenv import load_dotenv  # DO-NOT-PRINT-9\nload_dotenv()\n",
		".env.example":    "API_KEY=\n",
		"deploy/key.pem":  "-----BEGIN RSA PRIVATE KEY-----\nDONOTPRINTDONOTPRINTDONOTPRINT\n-----END RSA PRIVATE KEY-----\n",
		"cfg/.env.sample": "X=\n",
	}}
	fs := rulestest.Run(t, rules, tree, nil)
	if len(fs) < 6 {
		t.Fatalf("expected findings for every secret, got %d", len(fs))
	}
	for _, f := range fs {
		for _, s := range []string{f.Message, f.Hint, f.Fingerprint} {
			if strings.Contains(strings.ReplaceAll(s, "-", ""), "DONOTPRINT") {
				t.Errorf("%s prints a secret: %q", f.Rule, s)
			}
		}
	}
}

func TestIsEnvFile(t *testing.T) {
	for p, want := range map[string]bool{
		".env": true, "svc/.env": true, ".env.local": true, ".env.production": true, ".ENV": true,
		".env.example": false, ".env.sample": false, ".env.template": false, "a/.env.local.example": false,
		"env.py": false, ".envrc": false, "environment.yml": false,
	} {
		if got := IsEnvFile(p); got != want {
			t.Errorf("IsEnvFile(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestDotenvIgnored(t *testing.T) {
	base := map[string]string{"train.py": "import os\nfrom dotenv import load_dotenv\nload_dotenv()\n"}
	notIgnored := &snapshot.MapTree{Content: base}
	if fs := rulestest.Run(t, rules, notIgnored, nil); len(fs) != 1 || fs[0].Rule != "REPRO-SECRET-004" || fs[0].Line != 2 {
		t.Errorf("dotenv without ignore: %v", fs)
	}
	ignored := &snapshot.MapTree{Content: base, IgnoredPaths: []string{".env"}}
	if fs := rulestest.Run(t, rules, ignored, nil); len(fs) != 0 {
		t.Errorf("dotenv with .env ignored: %v", fs)
	}
	comment := &snapshot.MapTree{Content: map[string]string{"a.py": "# we used to call load_dotenv() here\nx = 1\n"}}
	if fs := rulestest.Run(t, rules, comment, nil); len(fs) != 0 {
		t.Errorf("a comment is not a use: %v", fs)
	}
}

// A committed .env that holds only settings is still reported, but not as
// leaked credentials to rotate; one with a key is.
func TestEnvCommittedSettingsOnly(t *testing.T) {
	for _, c := range []struct {
		env    string
		rotate bool
	}{
		{"PYTHONPATH=src\nCUDA_VISIBLE_DEVICES=0\n", false},
		{"PYTHONPATH=src\nWANDB_API_KEY=abc\n", true},
		{"DATABASE_URL=postgres://app:hunter2@db:5432/app\n", true},
		{"MODEL_DIR=models\nHF_TOKEN=\n", true},
	} {
		tree := &snapshot.MapTree{Content: map[string]string{".env": c.env}}
		fs := rulestest.Run(t, rules, tree, nil)
		if len(fs) != 1 || fs[0].Rule != "REPRO-SECRET-001" {
			t.Fatalf("%q: got %v, want one REPRO-SECRET-001", c.env, fs)
		}
		if got := strings.Contains(fs[0].Hint, "rotate"); got != c.rotate {
			t.Errorf("%q: hint %q mentions rotating: %v, want %v", c.env, fs[0].Hint, got, c.rotate)
		}
	}
}

// The .gitignore hints append the entry on a line of its own, also when
// the file does not end in a newline (echo would make "__pycache__/.env").
func TestAppendIgnoreHintRuns(t *testing.T) {
	for _, gi := range []string{"__pycache__/", "__pycache__/\n", ""} {
		dir := t.TempDir()
		content := map[string]string{"app.py": "from dotenv import load_dotenv\nload_dotenv()\n"}
		if gi != "" {
			content[".gitignore"] = gi
			if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(gi), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var hint string
		for _, f := range rulestest.Run(t, rules, &snapshot.MapTree{Content: content}, nil) {
			if f.Rule == "REPRO-SECRET-004" {
				hint = f.Hint
			}
		}
		cmd := exec.Command("sh", "-c", hint)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%q: %v\n%s", hint, err, out)
		}
		b, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		if lines[len(lines)-1] != ".env" || (gi != "" && lines[0] != "__pycache__/") {
			t.Errorf(".gitignore %q after %q: %q", gi, hint, b)
		}
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }

// Credentials in tool configurations are found by key, their values are
// never printed, and the hint says where they go instead.
func TestToolConfigCredentials(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		".dvc/config":     "[core]\n    remote = lake\n['remote \"lake\"']\n    url = s3://acme-bucket/x\n    access_key_id = DO-NOT-PRINT-1\n    secret_access_key = DO-NOT-PRINT-2  # set by hand\n",
		".dvc/.gitignore": "/config.local\n",
		"sub/.dvc/config": "['remote \"az\"']\n    url = azure://c/p\n    account_key = 'DO-NOT-PRINT-3'\n",
		".npmrc":          "//npm.acme-mirror.dev/:_authToken=DO-NOT-PRINT-4\n",
		"docker/pip.conf": "[global]\nextra-index-url =\n    https://acme-mirror.dev/simple\n    https://u:DO-NOT-PRINT-5@private.acme-mirror.dev/simple\n",
		"ci/.s3cfg":       "[default]\naccess_key = DO-NOT-PRINT-6\nsecret_key = DO-NOT-PRINT-7\n",
		".dockercfg":      `{"registry.acme-mirror.dev": {"auth": "DO-NOT-PRINT-8", "email": "x@acme-mirror.dev"}}`,
	}}
	got := map[string]checks.Finding{}
	for _, f := range rulestest.Run(t, rules, tree, nil) {
		got[fmt.Sprintf("%s:%d", f.Path, f.Line)] = f
		for _, s := range []string{f.Message, f.Hint, f.Fingerprint} {
			if strings.Contains(strings.ReplaceAll(s, "-", ""), "DONOTPRINT") {
				t.Errorf("%s prints a secret: %q", f.Rule, s)
			}
		}
	}
	for at, hint := range map[string][]string{
		".dvc/config:5":     {"dvc remote modify --local lake access_key_id <value>", "dvc remote modify --unset lake secret_access_key", ".dvc/config.local", "AWS_ACCESS_KEY_ID", "rotate"},
		"sub/.dvc/config:3": {"dvc remote modify --local az account_key <value>", "rotate"},
		".npmrc:1":          {"${NPM_TOKEN}", "revoke"},
		"docker/pip.conf:4": {"PIP_INDEX_URL", "change the password"},
		"ci/.s3cfg:2":       {"git rm --cached", "deactivate the key"},
		".dockercfg:1":      {"git rm --cached", "credsStore"},
	} {
		f, ok := got[at]
		if !ok || f.Rule != "REPRO-SECRET-003" {
			t.Errorf("%s: no REPRO-SECRET-003 (got %v)", at, got)
			continue
		}
		for _, h := range hint {
			if !strings.Contains(f.Hint, h) {
				t.Errorf("%s: hint %q lacks %q", at, f.Hint, h)
			}
		}
	}
	if len(got) != 6 {
		t.Errorf("got %d findings, want 6: %v", len(got), got)
	}
}

func TestPlaceholders(t *testing.T) {
	for v, want := range map[string]bool{
		"": true, "  ": true, "${AWS_SECRET_ACCESS_KEY}": true, "$TOKEN": true, "%(password)s": true, "{{ secret }}": true,
		"<your key>": true, "[token]": true, "xxxx": true, "XXXXXXXX": true, "****": true, "...": true, "changeme": true,
		"CHANGE_ME": true, "YOUR_SECRET_KEY": true, "your-token-here": true, "put_key_here": true, "none": true, "'changeme'": true,
		"AKIAIOSFODNN7EXAMPLE": true, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY": true,
		"AKIAZ3QW7RJ5EXAMPLE2": false, "9mD2pX7vQe4Lk0Yt6Rb1Hs8Wn3Jc5Fa2": false, "hunter2": false, "mytoken123": false,
		"pypi-AgEIcHlwaS5vcmc": false, "0x1234": false,
	} {
		if got := isPlaceholder(v); got != want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}

// Credential files whose secret is a placeholder are templates, not
// credentials.
func TestCredentialFileTemplates(t *testing.T) {
	for content, want := range map[string]bool{
		`{"username": "you", "key": ""}`:                     false,
		`{"username": "you", "key": "<your kaggle key>"}`:    false,
		`{"username": "someone", "key": "0123456789abcdef"}`: true,
		`{"username": "someone", "key": `:                    true, // does not parse: taken to hold it
	} {
		fs := rulestest.Run(t, rules, &snapshot.MapTree{Content: map[string]string{"kaggle.json": content}}, nil)
		if got := len(fs) == 1 && fs[0].Rule == "REPRO-SECRET-003"; got != want {
			t.Errorf("%s: reported %v (%v), want %v", content, got, fs, want)
		}
	}
	fs := rulestest.Run(t, rules, &snapshot.MapTree{Content: map[string]string{"auth/client_secret_app.json": `{"installed": {"client_id": "x", "client_secret": "YOUR_CLIENT_SECRET"}}`}}, nil)
	if len(fs) != 0 {
		t.Errorf("a client secret placeholder is reported: %v", fs)
	}
}

// TestURLCreds: a URL's password is a secret unless it is expanded at run
// time, a placeholder, or for a host only the machine resolves.
func TestURLCreds(t *testing.T) {
	for line, want := range map[string]string{
		"--extra-index-url https://deploy:Zx9q7RkL2mPw4vT8@pkgs.acme-mirror.dev/simple": "https deploy pkgs.acme-mirror.dev",
		"pkg @ git+https://x-access-token:ghp_4f8Kq2LmN7pR9sT1@github.com/o/r@v1":       "git+https x-access-token github.com",
		"git clone https://:glpat-8Hq3vN8wX2cT5kL9pR4m@gitlab.com/g/r.git":              "https  gitlab.com",
		"url = 'https://u:Wq8sLp2Xv9@Artifacts.Acme-Tools.dev:8443/x'":                  "https u artifacts.acme-tools.dev",
		"https://u:${TOKEN}@pkgs.acme-mirror.dev":                                       "",
		"https://u:$TOKEN@pkgs.acme-mirror.dev":                                         "",
		"https://oauth2:${{ secrets.T }}@gitlab.com/g/r":                                "",
		"https://u:{{ token }}@pkgs.acme-mirror.dev":                                    "",
		"https://u:%(token)s@pkgs.acme-mirror.dev":                                      "",
		"https://<user>:<token>@pkgs.acme-mirror.dev":                                   "",
		"https://u:TOKEN@pkgs.acme-mirror.dev":                                          "",
		"https://u:YOUR_PASSWORD@pkgs.acme-mirror.dev":                                  "",
		"https://u:your-token@pkgs.acme-mirror.dev":                                     "",
		"https://u:xxxxxxxx@pkgs.acme-mirror.dev":                                       "",
		"https://u:****@pkgs.acme-mirror.dev":                                           "",
		"https://u:changeme@pkgs.acme-mirror.dev":                                       "",
		"postgresql://mlflow:mlflow@db:5432/mlflow":                                     "",
		"http://admin:Zx9q7RkL2m@localhost:5000":                                        "",
		"http://admin:Zx9q7RkL2m@127.0.0.1:5000":                                        "",
		"http://admin:Zx9q7RkL2m@10.0.3.7:5000":                                         "",
		"http://admin:Zx9q7RkL2m@mlflow.internal:5000":                                  "",
		"https://user:Zx9q7RkL2m@example.com/docs":                                      "",
		"https://user@pkgs.acme-mirror.dev/simple":                                      "",
		"s3://bucket@minio.acme-tools.dev":                                              "",
		"see user:pass@host for the format":                                             "",
	} {
		var got []string
		for _, c := range urlCreds([]byte(line)) {
			got = append(got, c.scheme+" "+c.user+" "+c.host)
		}
		if strings.Join(got, ";") != want {
			t.Errorf("%q: %q, want %q", line, got, want)
		}
	}
}
