package govuk

import (
	"html/template"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

type option struct{ Value, Text string }

func TestComponents(t *testing.T) {
	errs := heed.FieldErrors{
		{Field: "name", Message: "Enter your name"},
		{Field: "kind", Message: "Select <one>"},
		{Field: "summary", Message: "Enter a summary"},
		{Field: "file", Message: "Select a file"},
	}
	opts := []option{{"a", "Apple"}, {"b", "Banana & <pear>"}, {"c", "Cherry"}}
	tests := []struct {
		name, call string
		data       any
		want, not  []string
	}{
		{"input, plain", `{{template "input" (dict "ID" "name" "Label" "Name" "Value" "Ann")}}`, nil,
			[]string{`<div class="govuk-form-group">`, `<label class="govuk-label" for="name">Name</label>`,
				`<input class="govuk-input" id="name" name="name" type="text" value="Ann" spellcheck="false">`},
			[]string{"aria-describedby", "govuk-error-message", "govuk-hint"}},
		{"input, error shown", `{{template "input" (dict "ID" "name" "Label" "Name" "Errors" .)}}`, errs,
			[]string{`govuk-form-group govuk-form-group--error`,
				`<p id="name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter your name</p>`,
				`class="govuk-input govuk-input--error"`, `aria-describedby=" name-error"`},
			[]string{"govuk-hint"}},
		{"input, another field's error not shown", `{{template "input" (dict "ID" "email" "Label" "Email" "Errors" .)}}`, errs,
			[]string{`<div class="govuk-form-group">`},
			[]string{"Enter your name", "--error", "aria-describedby"}},
		{"input, hint and error", `{{template "input" (dict "ID" "name" "Label" "Name" "Hint" "As on your letters" "Errors" .)}}`, errs,
			[]string{`<div id="name-hint" class="govuk-hint">As on your letters</div>`, `aria-describedby="name-hint name-error"`}, nil},
		{"input, hint", `{{template "input" (dict "ID" "email" "Name" "mail" "Label" "Email" "Hint" "We reply to it" "Type" "email" "Autocomplete" "email" "Width" 20 "LabelSize" "s")}}`, nil,
			[]string{`<label class="govuk-label govuk-label--s" for="email">Email</label>`,
				`<input class="govuk-input govuk-input--width-20" id="email" name="mail" type="email" value="" autocomplete="email" aria-describedby="email-hint" spellcheck="false">`}, nil},
		{"input, datalist", `{{template "input" (dict "ID" "team" "Name" "team" "Label" "Team" "List" "teams")}}`, nil,
			[]string{`id="team" name="team" type="text" value="" list="teams" spellcheck="false">`}, nil},
		{"input, password spell checked as ever", `{{template "input" (dict "ID" "pw" "Name" "pw" "Label" "Password" "Type" "password")}}`, nil,
			[]string{`type="password" value="">`}, []string{"spellcheck"}},
		{"input, values escaped", `{{template "input" (dict "ID" "name" "Label" "Name <b>" "Hint" "<i>hint</i>" "Value" "\"><script>x</script>")}}`, nil,
			[]string{`Name &lt;b&gt;`, `&lt;i&gt;hint&lt;/i&gt;`, `value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"`},
			[]string{"<script>", "<b>", "<i>"}},
		{"textarea, default rows", `{{template "textarea" (dict "ID" "summary" "Label" "Summary" "Value" "a </textarea> b")}}`, nil,
			[]string{`<textarea class="govuk-textarea" id="summary" name="summary" rows="5">a &lt;/textarea&gt; b</textarea>`}, nil},
		{"textarea, error, hint, rows and label size", `{{template "textarea" (dict "ID" "summary" "Label" "Summary" "LabelSize" "s" "Rows" 6 "Hint" "A few lines" "Errors" .)}}`, errs,
			[]string{`<label class="govuk-label govuk-label--s" for="summary">`, `<div id="summary-hint" class="govuk-hint">A few lines</div>`,
				`<p id="summary-error" class="govuk-error-message">`,
				`<textarea class="govuk-textarea govuk-textarea--error" id="summary" name="summary" rows="6" aria-describedby="summary-hint summary-error">`}, nil},
		{"radios", `{{template "radios" (dict "ID" "kind" "Legend" "Which?" "Value" "b" "Options" .)}}`, opts,
			[]string{`<fieldset class="govuk-fieldset">`, `<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Which?</legend>`,
				`<div class="govuk-radios" data-module="govuk-radios">`,
				`<input class="govuk-radios__input" id="kind" name="kind" type="radio" value="a">`,
				`<input class="govuk-radios__input" id="kind-2" name="kind" type="radio" value="b" checked>`,
				`<label class="govuk-label govuk-radios__label" for="kind-3">Cherry</label>`,
				`Banana &amp; &lt;pear&gt;`},
			[]string{"aria-describedby", "<h1", "<pear>"}},
		{"radios, heading, small, hint and error", `{{template "radios" (dict "ID" "kind" "Legend" "What?" "Heading" true "Small" true "Hint" "Choose one" "Options" .Options "Errors" .Errors)}}`,
			map[string]any{"Options": opts, "Errors": errs},
			[]string{`<fieldset class="govuk-fieldset" aria-describedby="kind-hint kind-error">`,
				`<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">What?</h1></legend>`,
				`<div id="kind-hint" class="govuk-hint">Choose one</div>`,
				`<span class="govuk-visually-hidden">Error:</span> Select &lt;one&gt;</p>`,
				`<div class="govuk-radios govuk-radios--small"`}, nil},
		{"file upload", `{{template "fileUpload" (dict "ID" "file" "Label" "Files" "LabelSize" "s" "Hint" "Up to 5" "Multiple" true "Errors" .)}}`, errs,
			[]string{`<label class="govuk-label govuk-label--s" for="file">Files</label>`,
				`<input class="govuk-file-upload govuk-file-upload--error" id="file" name="file" type="file" multiple aria-describedby="file-hint file-error">`}, nil},
		{"error summary", `{{template "errorSummary" .}}`, errs,
			[]string{`<div class="govuk-error-summary" data-module="govuk-error-summary">`,
				`<li><a href="#name">Enter your name</a></li><li><a href="#kind">Select &lt;one&gt;</a></li>`}, nil},
		{"no error summary without errors", `{{template "errorSummary" .}}`, heed.FieldErrors(nil), nil, []string{"govuk-error-summary"}},
		{"head", `{{template "head" (dict "Title" "Sign in – Heed" "Errors" .)}}`, errs,
			[]string{`<title>Error: Sign in – Heed</title>`}, nil},
		{"header", `{{template "header" (dict "Council" "Kent & Medway" "Home" "/public/" "Service" "Complaints")}}`, nil,
			[]string{`<a href="/public/" class="govuk-generic-header__homepage-link">Kent &amp; Medway</a>`,
				`<section aria-label="Service information" class="govuk-service-navigation">`,
				`<a href="/public/" class="govuk-service-navigation__link">Complaints</a>`}, []string{"data-module=\"govuk-service-navigation\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, err := Parse(template.New("test"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tmpl.Parse(tt.call); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := tmpl.Execute(&b, tt.data); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %s in\n%s", n, got)
				}
			}
		})
	}
}

// An application's own serviceNav replaces the empty one.
func TestServiceNav(t *testing.T) {
	tmpl, err := Parse(template.New("test"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.Parse(`{{define "serviceNav"}}<nav>{{.}}</nav>{{end}}{{template "header" (dict "Home" "/" "Navigation" true "Page" "the page")}}`); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<nav>the page</nav>`, `class="govuk-service-navigation" data-module="govuk-service-navigation"`} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %s in\n%s", w, b.String())
		}
	}
}

func TestDict(t *testing.T) {
	if _, err := Dict("a"); err == nil {
		t.Error("odd arguments: no error")
	}
	if _, err := Dict(1, 2); err == nil {
		t.Error("a key not a string: no error")
	}
	m, err := Dict("a", 1, "b", "x")
	if err != nil || m["a"] != 1 || m["b"] != "x" {
		t.Errorf("Dict = %v, %v", m, err)
	}
}
