// Package govuk holds the GOV.UK Design System components that Heed's
// staff application (package web) and its public forms (package public)
// share: the page's head and header, the error summary, and the form
// fields with their labels, hints and errors. Each application adds them
// to its templates with Parse and calls them by name, such as
// {{template "input" (dict "ID" "email" "Label" "Email address" ...)}};
// what differs between the applications, such as the size of a label, is
// a key of the dict, set by each page. components.html lists the keys of
// each component.
//
// A field's errors are a heed.FieldErrors, the domain's: the error
// summary links each to its Field, the id of the field's input.
package govuk

import (
	"embed"
	"fmt"
	"html/template"

	"github.com/heedhq/heed"
)

//go:embed components.html
var files embed.FS

// Funcs are the template funcs the components need, which pages may call
// too:
//
//   - fieldError errors id: the message of the error of the field whose id
//     is id, or "" (see Message);
//   - dict key value ...: a map of the keys and values, the arguments of
//     a component;
//   - add a b: a + b.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"fieldError": Message,
		"dict":       Dict,
		"add":        func(a, b int) int { return a + b },
	}
}

// Parse adds the components, and the funcs they need (see Funcs), to t,
// and returns t. Call it before parsing the templates that use them.
func Parse(t *template.Template) (*template.Template, error) {
	return t.Funcs(Funcs()).ParseFS(files, "components.html")
}

// Message is the message of the first error of errs about the field whose
// id is field, or "" when there is none.
func Message(errs heed.FieldErrors, field string) string {
	for _, e := range errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Dict makes a map of key, value pairs, the arguments of a component.
func Dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
