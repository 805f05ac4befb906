// Package config reads heed.toml, Heed's configuration file, and the
// environment variables that override it.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/netip"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/heedhq/heed"
)

// Config is Heed's configuration.
type Config struct {
	CouncilName string
	Database    string // SQLite file path or postgres:// URL
	Listen      string
	// PublicURL is the address people reach Heed at, such as
	// https://complaints.example.gov.uk; "" means the listen address. With
	// https, the session cookie is sent over HTTPS only.
	PublicURL string
	// DefaultProcedure applies to a complaint recorded without one.
	DefaultProcedure heed.ProcedureID
	// SuppressBelow: published reports hide counts from 1 to SuppressBelow-1.
	SuppressBelow int
	// OIDC is single sign-on; nil when the file sets no issuer.
	OIDC *OIDC
	// TrustedProxies are the reverse proxies in front of Heed (addresses
	// and ranges): only for a request from one of them is the client's
	// address read from X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// Documents are the limits on files added to a case.
	Documents Documents
	// ReferencePrefixes start the references Heed gives each type of
	// record: heed.DefaultReferencePrefixes with the file's changes.
	ReferencePrefixes map[heed.RecordType]string
	// Mail is the SMTP server messages go through (see mail.go).
	Mail Mail

	rules heed.Rules // its DefaultProcedure is the field above
}

// OIDC is single sign-on with an OpenID Connect provider, such as
// Microsoft Entra ID.
type OIDC struct {
	Issuer   string
	ClientID string
	// ClientSecret comes from the environment variable
	// HEED_OIDC_CLIENT_SECRET, never from the file.
	ClientSecret string
	Label        string // "Sign in with {Label}"
	// CreateUsers gives a person the provider signs in but Heed does not
	// know an account with the viewer role; otherwise they are refused.
	CreateUsers bool
	// Passwords allows sign-in with a Heed password as well.
	Passwords bool
}

// OIDCSecretVar is the environment variable holding the single sign-on
// client secret.
const OIDCSecretVar = "HEED_OIDC_CLIENT_SECRET"

// SecureCookies reports whether Heed is reached over HTTPS, so its cookies
// must be marked Secure.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.PublicURL, "https://") }

// Rules returns the timescales: domain.md's defaults with the file's
// overrides, and DefaultProcedure. The caller may change the copy returned.
func (c *Config) Rules() heed.Rules {
	r := c.rules.Clone()
	r.DefaultProcedure = c.DefaultProcedure
	return r
}

// Problem is one thing wrong in a configuration file.
type Problem struct {
	File    string
	Line    int // 0 when the problem has no line
	Key     string
	Message string
}

// String is the problem as a person reads it: "heed.toml, line 4:
// procedures.corporate.stage1.target_working_days: ...".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(", line " + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Errors is every problem found, one a line.
type Errors []Problem

func (e Errors) Error() string {
	s := make([]string, len(e))
	for i, p := range e {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

// file is the TOML file's shape; pointers tell a key given from one absent.
type file struct {
	CouncilName       *string                  `toml:"council_name"`
	Database          *string                  `toml:"database"`
	Listen            *string                  `toml:"listen"`
	PublicURL         *string                  `toml:"public_url"`
	DefaultProcedure  *string                  `toml:"default_procedure"`
	Publishing        publishing               `toml:"publishing"`
	Procedures        map[string]procedureKeys `toml:"procedures"`
	RecordTypes       map[string]replyKeys     `toml:"record_types"`
	OIDC              oidcKeys                 `toml:"oidc"`
	TrustedProxies    []string                 `toml:"trusted_proxies"`
	Documents         documentKeys             `toml:"documents"`
	ReferencePrefixes map[string]string        `toml:"reference_prefixes"`
	Mail              mailKeys                 `toml:"mail"`
}

type oidcKeys struct {
	Issuer       *string `toml:"issuer"`
	ClientID     *string `toml:"client_id"`
	ClientSecret *string `toml:"client_secret"` // refused: the secret belongs in the environment
	Label        *string `toml:"label"`
	CreateUsers  *bool   `toml:"create_users"`
	Passwords    *bool   `toml:"passwords"`
}

type publishing struct {
	SuppressBelow *int `toml:"suppress_below"`
}

// setKeys are one dated set of a procedure's targets.
type setKeys struct {
	// From is the first day the set applies to: a TOML date (2026-04-01)
	// or text ("2026-04-01").
	From   any        `toml:"from"`
	Name   *string    `toml:"name"`
	Stage1 *stageKeys `toml:"stage1"`
	Stage2 *stageKeys `toml:"stage2"`
	Stage3 *stageKeys `toml:"stage3"`
}

// procedureKeys are a procedure's targets: those in force now, and the
// earlier sets, oldest first, when the file gives them.
type procedureKeys struct {
	setKeys
	Before *[]setKeys `toml:"before"`
}

type stageKeys struct {
	TargetWorkingDays      *int `toml:"target_working_days"`
	MaxWorkingDays         *int `toml:"max_working_days"`
	AcknowledgeWorkingDays *int `toml:"acknowledge_working_days"`
}

type replyKeys struct {
	TargetWorkingDays *int `toml:"target_working_days"`
}

// DefaultFile is the configuration file read from the working directory
// when no other is named.
const DefaultFile = "heed.toml"

// ErrNoFile is returned by CheckFile when there is no configuration file
// to check.
var ErrNoFile = errors.New("no configuration file was found")

// locate returns the configuration file to read: path; with path "", the
// file named by HEED_CONFIG, else heed.toml in the working directory. named
// tells whether the file was named (and so must exist).
func locate(path string, getenv func(string) string) (file string, named bool) {
	switch {
	case path != "":
		return path, true
	case getenv("HEED_CONFIG") != "":
		return getenv("HEED_CONFIG"), true
	}
	return DefaultFile, false
}

// Load reads the configuration file at path; with path "", the file named
// by HEED_CONFIG, else heed.toml in the working directory when there is one.
// HEED_DB and HEED_ADDR override the file's database and listen address;
// HEED_OIDC_CLIENT_SECRET gives the single sign-on client secret.
func Load(path string, getenv func(string) string) (*Config, error) {
	path, named := locate(path, getenv)
	cfg := &Config{CouncilName: "Example Council", Database: "heed.db", Listen: "127.0.0.1:8080",
		DefaultProcedure: heed.ChildrenStatutory, SuppressBelow: 5, Documents: DefaultDocuments(), rules: heed.DefaultRules(),
		ReferencePrefixes: maps.Clone(heed.DefaultReferencePrefixes), Mail: Mail{Port: 587, Security: "starttls", ReminderDays: 3}}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !named:
		// No file: the defaults apply.
	case err != nil:
		return nil, fmt.Errorf("configuration file: %w", err)
	default:
		if err := cfg.parse(path, data, getenv); err != nil {
			return nil, err
		}
	}
	if v := getenv("HEED_DB"); v != "" {
		cfg.Database = v
	}
	if v := getenv("HEED_ADDR"); v != "" {
		cfg.Listen = v
	}
	return cfg, nil
}

// Check loads the configuration only to validate it.
func Check(path string, getenv func(string) string) error {
	_, err := Load(path, getenv)
	return err
}

// CheckFile validates the configuration file Load would read, and returns
// its name. When no file is named and there is no heed.toml in the working
// directory it returns ErrNoFile, saying where it looked.
func CheckFile(path string, getenv func(string) string) (string, error) {
	file, named := locate(path, getenv)
	if !named {
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			dir, _ := os.Getwd()
			return "", fmt.Errorf("%w: there is no %s in %s, and neither --config nor HEED_CONFIG names one (Heed uses its defaults; heed config example prints a file to start from)",
				ErrNoFile, DefaultFile, dir)
		}
	}
	return file, Check(file, getenv)
}

var stageName = regexp.MustCompile(`^stage([1-9])$`)

func (c *Config) parse(path string, data []byte, getenv func(string) string) error {
	var f file
	var errs Errors
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var strict *toml.StrictMissingError
		if !errors.As(err, &strict) {
			return decodeProblems(path, err)
		}
		// Unknown keys: report them, and go on to check the rest.
		errs = decodeProblems(path, err)
		f = file{}
		if err := toml.Unmarshal(data, &f); err != nil {
			return decodeProblems(path, err)
		}
	}
	lines := keyLines(data)
	add := func(key, format string, args ...any) {
		errs = append(errs, Problem{File: path, Line: lines.line(key), Key: key, Message: fmt.Sprintf(format, args...)})
	}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&c.CouncilName, f.CouncilName)
	set(&c.Database, f.Database)
	set(&c.Listen, f.Listen)
	set(&c.PublicURL, f.PublicURL)
	if c.PublicURL != "" && !strings.HasPrefix(c.PublicURL, "https://") && !strings.HasPrefix(c.PublicURL, "http://") {
		add("public_url", "must start with https:// (or http:// on a laptop), not %q", c.PublicURL)
	}
	if f.DefaultProcedure != nil {
		c.DefaultProcedure = heed.ProcedureID(*f.DefaultProcedure)
	}
	for _, name := range sortedKeys(f.ReferencePrefixes) {
		key, prefix := "reference_prefixes."+name, f.ReferencePrefixes[name]
		if _, ok := heed.DefaultReferencePrefixes[heed.RecordType(name)]; !ok {
			add(key, "there is no record type %q: expected one of %s", name, prefixTypeNames())
			continue
		}
		if !heed.ReferencePrefixPattern.MatchString(prefix) {
			add(key, "must be 1 to 10 capital letters or digits, starting with a letter, not %q", prefix)
			continue
		}
		c.ReferencePrefixes[heed.RecordType(name)] = prefix
	}
	if v := f.Publishing.SuppressBelow; v != nil {
		if *v < 1 || *v > 100 {
			add("publishing.suppress_below", "must be between 1 (suppress nothing) and 100, not %d", *v)
		}
		c.SuppressBelow = *v
	}
	for _, name := range sortedKeys(f.Procedures) {
		builtin, ok := c.rules.Procedures[heed.ProcedureID(name)]
		if !ok {
			add("procedures."+name, "there is no procedure %q: expected one of %s", name, procedureNames())
			continue
		}
		c.rules.Procedures[builtin.ID] = parseProcedure(builtin, f.Procedures[name], add)
	}
	for _, name := range sortedKeys(f.RecordTypes) {
		t := heed.RecordType(name)
		if _, ok := c.rules.ReplyDays[t]; !ok {
			add("record_types."+name, "there is no reply target to set for %q: expected one of %s", name, replyTypeNames())
			continue
		}
		if v := f.RecordTypes[name].TargetWorkingDays; v != nil {
			c.rules.ReplyDays[t] = *v
		}
	}
	c.parseOIDC(f.OIDC, getenv, add)
	c.parseTrustedProxies(f.TrustedProxies, add)
	c.parseDocuments(f.Documents, add)
	c.parseMail(f.Mail, getenv, add)
	if err := c.Rules().Validate(); err != nil {
		var rerrs heed.RuleErrors
		if errors.As(err, &rerrs) {
			for _, r := range rerrs {
				add(r.Key, "%s", r.Message)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// parseOIDC reads the [oidc] table: single sign-on is on when it sets an
// issuer.
func (c *Config) parseOIDC(k oidcKeys, getenv func(string) string, add func(key, format string, args ...any)) {
	if k.ClientSecret != nil {
		add("oidc.client_secret", "do not write the client secret in the file: set the environment variable %s", OIDCSecretVar)
	}
	if k.Issuer == nil || strings.TrimSpace(*k.Issuer) == "" {
		return
	}
	o := &OIDC{Issuer: strings.TrimSpace(*k.Issuer), Label: "Microsoft", Passwords: true, ClientSecret: getenv(OIDCSecretVar)}
	if k.ClientID != nil {
		o.ClientID = strings.TrimSpace(*k.ClientID)
	}
	if k.Label != nil && strings.TrimSpace(*k.Label) != "" {
		o.Label = strings.TrimSpace(*k.Label)
	}
	if k.CreateUsers != nil {
		o.CreateUsers = *k.CreateUsers
	}
	if k.Passwords != nil {
		o.Passwords = *k.Passwords
	}
	if !strings.HasPrefix(o.Issuer, "https://") && !strings.HasPrefix(o.Issuer, "http://localhost") && !strings.HasPrefix(o.Issuer, "http://127.0.0.1") {
		add("oidc.issuer", "must start with https://, not %q", o.Issuer)
	}
	if o.ClientID == "" {
		add("oidc.client_id", "is needed for single sign-on: the application (client) id the provider gave Heed")
	}
	if o.ClientSecret == "" {
		add("oidc", "single sign-on needs the client secret in the environment variable %s", OIDCSecretVar)
	}
	c.OIDC = o
}

// parseTrustedProxies reads trusted_proxies: each an address (10.0.0.5,
// 2001:db8::1) or a range (10.0.0.0/24).
func (c *Config) parseTrustedProxies(list []string, add func(key, format string, args ...any)) {
	for _, s := range list {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			c.TrustedProxies = append(c.TrustedProxies, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			add("trusted_proxies", "%q is not an address or a range of addresses: write each like \"10.0.0.5\" or \"10.0.0.0/24\"", s)
			continue
		}
		a = a.Unmap()
		c.TrustedProxies = append(c.TrustedProxies, netip.PrefixFrom(a, a.BitLen()))
	}
}

// decodeProblems turns go-toml's errors into problems with lines.
func decodeProblems(path string, err error) Errors {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var errs Errors
		for _, e := range strict.Errors {
			row, _ := e.Position()
			errs = append(errs, Problem{File: path, Line: row, Key: strings.Join(e.Key(), "."),
				Message: "is not a setting Heed knows (see heed config example)"})
		}
		return errs
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		return Errors{{File: path, Line: row, Key: key, Message: syntaxMessage(de.Error(), key)}}
	}
	return Errors{{File: path, Message: wrongKind(err.Error())}}
}

// syntaxAdvice turns the TOML parser's words for common mistakes into a
// council officer's, each matched by a piece of the parser's message.
var syntaxAdvice = []struct{ parser, advice string }{
	{"U+000A at start of value", "the setting has no value after ="},
	{"at start of value", `the value cannot be read: write text in double quotes (council_name = "Example Council"), numbers as digits (suppress_below = 5), and true or false as they are`},
	{"expected newline", `there is more on the line after the value: write each setting on a line of its own, and text in double quotes (listen = "127.0.0.1:8080")`},
	{"strings cannot have new lines", `the text has no closing double quote: end it with " on the same line`},
	{"unterminated", `the text has no closing quote: end it with " on the same line`},
	{"expected '=' after key", "a setting is written as name = value, and this line has no ="},
	{"to close table name", "a section name must end with ] on the same line, such as [oidc]"},
	{"already defined", "this setting is written twice: keep one"},
	{"already exists", "this section is written twice: put its settings under one heading"},
	{"leading zeroes", "a number must not start with 0: write 5, not 05"},
	{"array is incomplete", "a list must end with ] on the same line or a later one"},
	{"invalid escape", `the text has a backslash Heed cannot read: write \\ for one backslash, or use single quotes`},
}

// syntaxMessage is a TOML parse error (without its line) in plain words.
func syntaxMessage(msg, key string) string {
	msg = strings.TrimPrefix(msg, "toml: ")
	if kind := wrongKind(msg); kind != msg {
		return kind
	}
	for _, a := range syntaxAdvice {
		if strings.Contains(msg, a.parser) {
			return a.advice
		}
	}
	return "this line is not written as a TOML setting (name = value, text in double quotes): " + msg
}

// wrongTOMLKind matches go-toml's error for a value of the wrong type.
var wrongTOMLKind = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type \*?(\w+)`)

// kindWords names TOML's and Go's types as the file writes them.
var kindWords = map[string]string{
	"string": "text in double quotes", "integer": "a whole number", "int": "a whole number",
	"boolean": "true or false", "bool": "true or false", "float": "a number with a decimal point",
	"table": "a section", "array": "a list", "datetime": "a date",
}

// wrongKind says which kind of value a setting takes, for go-toml's error
// about a value of the wrong type; other messages are returned as they are.
func wrongKind(msg string) string {
	m := wrongTOMLKind.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	got, want := kindWords[m[1]], kindWords[m[2]]
	if got == "" || want == "" {
		return "has the wrong kind of value"
	}
	return fmt.Sprintf("has the wrong kind of value: it should be %s, not %s", want, got)
}

// lineIndex maps each dotted key, and each table, to the line where the
// file first writes it.
type lineIndex map[string]int

// line returns the line of key or, when the file does not write key itself
// (a rule broken by a default value), of the nearest table around it; 0
// when there is none.
func (l lineIndex) line(key string) int {
	for {
		if n, ok := l[key]; ok {
			return n
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// keyLines walks the parsed file and notes the line of every table header
// and key, dotted keys and inline tables included. It is called only on a
// file that has decoded without a syntax error.
func keyLines(data []byte) lineIndex {
	l := lineIndex{}
	// note records the line of a key and of each table the key implies
	// ([procedures.schools.stage1] names procedures.schools too).
	note := func(parts []string, line int) {
		for i := range parts {
			k := strings.Join(parts[:i+1], ".")
			if _, ok := l[k]; !ok {
				l[k] = line
			}
		}
	}
	keyOf := func(n *unstable.Node) (parts []string, line int) {
		it := n.Key()
		for it.Next() {
			k := it.Node()
			if parts == nil {
				line = 1 + bytes.Count(data[:k.Raw.Offset], []byte("\n"))
			}
			parts = append(parts, string(k.Data))
		}
		return parts, line
	}
	var keyValue func(table []string, n *unstable.Node)
	keyValue = func(table []string, n *unstable.Node) {
		parts, line := keyOf(n)
		full := append(slices.Clone(table), parts...)
		note(full, line)
		if v := n.Value(); v.Kind == unstable.InlineTable {
			for it := v.Children(); it.Next(); {
				if c := it.Node(); c.Kind == unstable.KeyValue {
					keyValue(full, c)
				}
			}
		}
	}
	// arrays counts the entries of each array of tables so far: the
	// second [[procedures.corporate.before]] and the tables under it are
	// noted as procedures.corporate.before[2].
	arrays := map[string]int{}
	indexed := func(parts []string) []string {
		out := slices.Clone(parts)
		for i := range parts {
			if n, ok := arrays[strings.Join(parts[:i+1], ".")]; ok {
				out[i] = parts[i] + "[" + strconv.Itoa(n) + "]"
			}
		}
		return out
	}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		switch n := p.Expression(); n.Kind {
		case unstable.Table, unstable.ArrayTable:
			var line int
			table, line = keyOf(n)
			if n.Kind == unstable.ArrayTable {
				arrays[strings.Join(table, ".")]++
			}
			table = indexed(table)
			note(table, line)
		case unstable.KeyValue:
			keyValue(table, n)
		}
	}
	return l
}

//go:embed example.toml
var example string

// Example returns a documented heed.toml showing every setting at its
// default.
func Example() string { return example }
