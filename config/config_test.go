package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func write(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "heed.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaultsWithoutAFile(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database != "heed.db" || cfg.Listen != "127.0.0.1:8080" || cfg.SuppressBelow != 5 {
		t.Errorf("defaults: %+v", cfg)
	}
	if !reflect.DeepEqual(cfg.Rules(), heed.DefaultRules()) {
		t.Error("rules differ from the defaults")
	}
}

func TestExampleIsTheDefaults(t *testing.T) {
	cfg, err := Load(write(t, Example()), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.OIDC != nil {
		t.Errorf("the example turns single sign-on on: %+v", cfg.OIDC)
	}
	if !reflect.DeepEqual(cfg.Rules(), heed.DefaultRules()) {
		t.Errorf("example rules %+v\ndiffer from defaults %+v", cfg.Rules(), heed.DefaultRules())
	}
	for _, key := range []string{"council_name", "database", "listen", "default_procedure", "suppress_below",
		"target_working_days", "max_working_days", "acknowledge_working_days",
		"[oidc]", "issuer", "client_id", "HEED_OIDC_CLIENT_SECRET", "label", "create_users", "passwords"} {
		if !strings.Contains(Example(), key) {
			t.Errorf("the example does not document %s", key)
		}
	}
}

func TestOverrides(t *testing.T) {
	p := write(t, `council_name = "Test Borough"
[procedures.children_statutory.stage1]
target_working_days = 15
[record_types.mp_enquiry]
target_working_days = 5
`)
	cfg, err := Load(p, env(map[string]string{"HEED_DB": "postgres://x@127.0.0.1/heed", "HEED_ADDR": ":9000"}))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Rules()
	if r.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 15 || r.ReplyDays[heed.TypeMPEnquiry] != 5 {
		t.Errorf("rules not overridden: %+v", r.Procedures[heed.ChildrenStatutory].Stages[0])
	}
	if r.Procedures[heed.ChildrenStatutory].Stages[1].TargetDays != 25 {
		t.Error("an override changed another stage")
	}
	if heed.DefaultRules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 10 {
		t.Error("an override changed the defaults")
	}
	if cfg.CouncilName != "Test Borough" || cfg.Database != "postgres://x@127.0.0.1/heed" || cfg.Listen != ":9000" {
		t.Errorf("config %+v", cfg)
	}
	// HEED_CONFIG names the file when no path is given.
	cfg, err = Load("", env(map[string]string{"HEED_CONFIG": p}))
	if err != nil || cfg.CouncilName != "Test Borough" {
		t.Errorf("HEED_CONFIG: %+v %v", cfg, err)
	}
}

func TestProblemsNameTheLine(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each "line:key:words"
	}{
		{"target above the statutory maximum", "council_name = \"X\"\n\n[procedures.children_statutory.stage1]\ntarget_working_days = 25\n",
			[]string{"4:procedures.children_statutory.stage1.target_working_days:above the statutory maximum of 20"}},
		{"extension above the statutory maximum", "[procedures.corporate.stage2]\nmax_working_days = 41\n",
			[]string{"2:procedures.corporate.stage2.max_working_days:beyond the statutory maximum of 40"}},
		{"unknown key", "council_name = \"X\"\ncouncil_colour = \"blue\"\n",
			[]string{"2:council_colour:not a setting"}},
		{"unknown key in a stage", "[procedures.housing.stage1]\ntarget_days = 3\n",
			[]string{"2:procedures.housing.stage1.target_days:not a setting"}},
		{"stage that does not exist", "[procedures.adult_social_care.stage2]\ntarget_working_days = 10\n",
			[]string{"1:procedures.adult_social_care.stage2:1 stage"}},
		{"unknown procedure", "[procedures.schools.stage1]\ntarget_working_days = 10\n",
			[]string{"1:procedures.schools:no procedure"}},
		{"syntax error", "council_name = \"X\"\nlisten = \n", []string{"2::no value"}},
		{"wrong kind of value", "[procedures.corporate.stage1]\ntarget_working_days = \"ten\"\n", []string{"2:procedures.corporate.stage1.target_working_days:wrong kind"}},
		{"two problems", "[procedures.children_statutory.stage1]\ntarget_working_days = 21\n[procedures.children_statutory.stage2]\ntarget_working_days = 66\n",
			[]string{"2:procedures.children_statutory.stage1.target_working_days:maximum of 20", "4:procedures.children_statutory.stage2.target_working_days:maximum of 65"}},
		{"unknown key and a bad target", "[procedures.children_statutory.stage1]\ntarget_working_days = 25\ncolour = 1\n",
			[]string{"3:procedures.children_statutory.stage1.colour:not a setting", "2:procedures.children_statutory.stage1.target_working_days:maximum of 20"}},
		{"bad default procedure", "default_procedure = \"schools\"\n", []string{"1:default_procedure:not a procedure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.text)
			err := Check(p, env(nil))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v (%T), want Errors", err, err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, ":", 3)
				got := errs[i]
				if strings.TrimPrefix(got.String(), p) == got.String() || !strings.Contains(got.String(), ", line "+parts[0]+":") ||
					(parts[1] != "" && got.Key != parts[1]) || !strings.Contains(got.String(), parts[2]) {
					t.Errorf("problem %q, want line %s key %q containing %q", got.String(), parts[0], parts[1], parts[2])
				}
			}
		})
	}
}

func TestNamedFileMustExist(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.toml")
	if _, err := Load(missing, env(nil)); err == nil {
		t.Error("a missing file named by path loaded")
	}
	if _, err := Load("", env(map[string]string{"HEED_CONFIG": missing})); err == nil {
		t.Error("a missing file named by HEED_CONFIG loaded")
	}
}

func TestLinesOfOtherTOMLForms(t *testing.T) {
	tests := []struct {
		name, text, key string
		line            int
	}{
		{"dotted key at the top", "council_name = \"X\"\n\nprocedures.corporate.stage1.target_working_days = 30\n",
			"procedures.corporate.stage1.target_working_days", 3},
		{"dotted key in a table", "[procedures]\n# comment\nhousing.stage2.max_working_days = 41\n",
			"procedures.housing.stage2.max_working_days", 3},
		{"inline table", "[procedures.children_statutory]\nstage1 = { max_working_days = 20,\n  target_working_days = 21 }\n",
			"procedures.children_statutory.stage1.target_working_days", 3},
		{"quoted table name", "[procedures.\"housing\".stage1]\n\ntarget_working_days = 0\n",
			"procedures.housing.stage1.target_working_days", 3},
		{"record type", "[record_types.sar]\ntarget_working_days = 20\n", "record_types.sar", 1},
		{"bad reply target", "[record_types]\ncomment.target_working_days = 66\n", "record_types.comment.target_working_days", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(write(t, tt.text), env(nil))
			var errs Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			if errs[0].Key != tt.key || errs[0].Line != tt.line {
				t.Errorf("got %s:%d, want %s:%d (%v)", errs[0].Key, errs[0].Line, tt.key, tt.line, err)
			}
		})
	}
}

func TestLineOfAKeyNotWritten(t *testing.T) {
	// The file writes only the table; the broken key falls back to its line.
	l := keyLines([]byte("council_name = \"X\"\n[procedures.corporate.stage1]\nacknowledge_working_days = 2\n"))
	for key, want := range map[string]int{
		"council_name": 1,
		"procedures.corporate.stage1.acknowledge_working_days": 3,
		"procedures.corporate.stage1.max_working_days":         2,
		"procedures.corporate":                                 2,
		"default_procedure":                                    0,
	} {
		if got := l.line(key); got != want {
			t.Errorf("line(%s) = %d, want %d", key, got, want)
		}
	}
}

func TestDefaultProcedure(t *testing.T) {
	cfg, err := Load(write(t, "default_procedure = \"housing\"\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DefaultProcedure != heed.Housing || cfg.Rules().DefaultProcedure != heed.Housing {
		t.Errorf("DefaultProcedure = %q, Rules().DefaultProcedure = %q", cfg.DefaultProcedure, cfg.Rules().DefaultProcedure)
	}
}

func TestRulesIsACopy(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Rules()
	r.Procedures[heed.Corporate].Stages[0].TargetDays = 99
	r.ReplyDays[heed.TypeComment] = 99
	if !reflect.DeepEqual(cfg.Rules(), heed.DefaultRules()) {
		t.Error("changing the returned rules changed the configuration")
	}
}

func TestOIDC(t *testing.T) {
	full := "[oidc]\nissuer = \"https://login.microsoftonline.com/tenant/v2.0\"\nclient_id = \"abc\"\n"
	tests := []struct {
		name, text string
		env        map[string]string
		want       *OIDC
		problems   []string // each "key:words"
	}{
		{name: "off by default", text: "council_name = \"X\"\n"},
		{name: "off with an empty issuer", text: "[oidc]\nissuer = \"\"\nclient_id = \"abc\"\n"},
		{name: "on, with the secret from the environment", text: full, env: map[string]string{OIDCSecretVar: "s3cret"},
			want: &OIDC{Issuer: "https://login.microsoftonline.com/tenant/v2.0", ClientID: "abc", ClientSecret: "s3cret",
				Label: "Microsoft", Passwords: true}},
		{name: "every setting", text: full + "label = \"Council account\"\ncreate_users = true\npasswords = false\n",
			env: map[string]string{OIDCSecretVar: "s3cret"},
			want: &OIDC{Issuer: "https://login.microsoftonline.com/tenant/v2.0", ClientID: "abc", ClientSecret: "s3cret",
				Label: "Council account", CreateUsers: true}},
		{name: "no secret", text: full, problems: []string{"oidc:HEED_OIDC_CLIENT_SECRET"}},
		{name: "secret in the file", text: full + "client_secret = \"s3cret\"\n", env: map[string]string{OIDCSecretVar: "s3cret"},
			problems: []string{"oidc.client_secret:environment variable HEED_OIDC_CLIENT_SECRET"}},
		{name: "plain http issuer", text: "[oidc]\nissuer = \"http://idp.example.org\"\nclient_id = \"abc\"\n",
			env: map[string]string{OIDCSecretVar: "s"}, problems: []string{"oidc.issuer:https://"}},
		{name: "no client id", text: "[oidc]\nissuer = \"https://idp.example.org\"\n",
			env: map[string]string{OIDCSecretVar: "s"}, problems: []string{"oidc.client_id:client"}},
		{name: "unknown key", text: full + "tenant = \"x\"\n", env: map[string]string{OIDCSecretVar: "s"},
			problems: []string{"oidc.tenant:not a setting"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(write(t, tt.text), env(tt.env))
			if len(tt.problems) > 0 {
				var errs Errors
				if !errors.As(err, &errs) || len(errs) != len(tt.problems) {
					t.Fatalf("err = %v, want %d problem(s)", err, len(tt.problems))
				}
				for i, w := range tt.problems {
					key, words, _ := strings.Cut(w, ":")
					if errs[i].Key != key || errs[i].Line == 0 || !strings.Contains(errs[i].Message, words) {
						t.Errorf("problem %q, want key %q with a line and %q", errs[i], key, words)
					}
					if strings.Contains(errs[i].String(), "s3cret") {
						t.Errorf("a problem shows the secret: %q", errs[i])
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg.OIDC, tt.want) {
				t.Errorf("OIDC = %+v, want %+v", cfg.OIDC, tt.want)
			}
		})
	}
}

// TestSyntaxErrorsInPlainWords: a file TOML cannot read names its line in
// words ("heed.toml, line 4: ...") and says what is expected, without the
// parser's jargon.
func TestSyntaxErrorsInPlainWords(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"text without quotes", "council_name = \"X\"\n\n\nlisten = 127.0.0.1:8080\n", 4, "double quotes"},
		{"words without quotes", "council_name = Example Council\n", 1, "double quotes"},
		{"no closing quote", "council_name = \"Example Council\n", 1, "closing double quote"},
		{"no equals sign", "council_name \"X\"\n", 1, "name = value"},
		{"section not closed", "[oidc\nissuer = \"https://x\"\n", 1, "end with ]"},
		{"setting twice", "listen = \"a\"\nlisten = \"b\"\n", 2, "written twice"},
		{"wrong kind", "[publishing]\nsuppress_below = \"five\"\n", 2, "should be a whole number, not text in double quotes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if err := os.WriteFile("heed.toml", []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load("", env(nil))
			if err == nil {
				t.Fatal("loaded")
			}
			msg := err.Error()
			prefix := "heed.toml, line " + strconv.Itoa(tt.line) + ": "
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tt.want) {
				t.Errorf("%q; want it to start %q and say %q", msg, prefix, tt.want)
			}
			for _, jargon := range []string{"toml:", "U+", "cannot decode", "struct field"} {
				if strings.Contains(msg, jargon) {
					t.Errorf("%q holds the parser's %q", msg, jargon)
				}
			}
		})
	}
}

// TestCheckFile: with no file named and no heed.toml, CheckFile says none
// was found and where it looked; otherwise it returns the file it checked.
func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	_, err := CheckFile("", env(nil))
	if !errors.Is(err, ErrNoFile) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "heed.toml") {
		t.Errorf("no file: err = %v, want ErrNoFile naming heed.toml and %s", err, dir)
	}
	if err := os.WriteFile("heed.toml", []byte("council_name = \"X\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if file, err := CheckFile("", env(nil)); err != nil || file != "heed.toml" {
		t.Errorf("heed.toml: %q, %v", file, err)
	}
	other := write(t, "listen = \":9000\"\n")
	if file, err := CheckFile("", env(map[string]string{"HEED_CONFIG": other})); err != nil || file != other {
		t.Errorf("HEED_CONFIG: %q, %v", file, err)
	}
	if _, err := CheckFile(filepath.Join(dir, "nope.toml"), env(nil)); err == nil || errors.Is(err, ErrNoFile) {
		t.Errorf("a named file that is missing: %v", err)
	}
}
