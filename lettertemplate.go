package heed

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// A letter template is Go text/template text over LetterFields. Before one
// is saved CheckLetterTemplate reads it as the editor's text: every field
// it names must be one of LetterFields' (it is checked in every branch,
// not only those a sample case takes), it may use only a few of the
// template language's functions, and {{range}} goes over lists of the
// case only, so that no template runs for long or writes without end.
//
// The text is laid out by package letters: a line starting "# " is a
// heading, one starting "- " a bulleted line, and a blank line ends a
// paragraph; the lines of a paragraph stay as they are (an address).

// MaxLetterTemplate is the longest template, in characters.
const MaxLetterTemplate = 20000

// maxLetterOutput is the most a template may write, in bytes.
const maxLetterOutput = 200_000

// maxRangeDepth is how deeply {{range}}s may nest.
const maxRangeDepth = 2

// letterFuncs are the template language's functions a letter may use.
var letterFuncs = []string{"and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "print"}

// CheckLetterTemplate returns what is wrong with a template's text, each
// problem with its line, on the field "body"; nil when it can be saved.
func CheckLetterTemplate(body string) FieldErrors {
	var msgs []string
	switch {
	case strings.TrimSpace(body) == "":
		msgs = append(msgs, "Enter the letter's text")
	case !utf8.ValidString(body):
		msgs = append(msgs, "The text is not readable: paste it again as plain text")
	case utf8.RuneCountInString(body) > MaxLetterTemplate:
		msgs = append(msgs, fmt.Sprintf("The text is too long: %s characters, where at most %s are kept",
			thousands(utf8.RuneCountInString(body)), thousands(MaxLetterTemplate)))
	default:
		msgs = checkTemplate(body)
	}
	if len(msgs) == 0 {
		for _, k := range []LetterKind{LetterAcknowledgement, LetterStage1, LetterStage3} {
			if _, err := ExecuteLetter(body, SampleLetterFields(k, AudienceStandard, Corporate)); err != nil {
				msgs = append(msgs, err.Error())
				break
			}
		}
	}
	var errs FieldErrors
	for _, m := range msgs {
		errs = append(errs, FieldError{Field: "body", Message: m})
	}
	return errs
}

// ExecuteLetter runs a template (checked with CheckLetterTemplate) over
// the fields and returns the letter's text.
func ExecuteLetter(body string, f *LetterFields) (string, error) {
	t, err := parseLetter(body)
	if err != nil {
		return "", errors.New(templateMessage(err.Error()))
	}
	var b strings.Builder
	if err := t.Execute(&limitedWriter{w: &b, left: maxLetterOutput}, f); err != nil {
		if errors.Is(err, errLetterTooLong) {
			return "", errLetterTooLong
		}
		return "", errors.New(templateMessage(err.Error()))
	}
	return b.String(), nil
}

var errLetterTooLong = errors.New("The letter would be too long: make the text shorter")

type limitedWriter struct {
	w    io.Writer
	left int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if len(p) > l.left {
		return 0, errLetterTooLong
	}
	l.left -= len(p)
	return l.w.Write(p)
}

func parseLetter(body string) (*template.Template, error) {
	return template.New("letter").Option("missingkey=error").Parse(body)
}

var templateLocation = regexp.MustCompile(`^template: letter:(\d+)(?::\d+)?: (?:executing "letter" at <[^>]*>: )?`)

// templateMessage turns text/template's message into an officer's:
// "Line 3: …".
func templateMessage(msg string) string {
	if m := templateLocation.FindStringSubmatch(msg); m != nil {
		msg = "Line " + m[1] + ": " + msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "template: ")
	for _, r := range []struct{ from, to string }{
		{"unexpected EOF", "a {{ … }} is not closed, or an {{if}}, {{range}} or {{with}} has no {{end}}"},
		{"unexpected {{end}}", "this {{end}} closes nothing"},
		{"unclosed action", "a {{ is not closed with }}"},
	} {
		msg = strings.Replace(msg, r.from, r.to, 1)
	}
	if i := strings.Index(msg, "function \""); i >= 0 && strings.HasSuffix(msg, "not defined") {
		msg = msg[:i] + "there is no function " + strings.TrimSuffix(msg[i+len("function "):], " not defined") +
			": letters can use " + strings.Join(letterFuncs, ", ")
	}
	return msg
}

// checkTemplate parses body and walks it, returning every problem.
func checkTemplate(body string) []string {
	t, err := parseLetter(body)
	if err != nil {
		return []string{templateMessage(err.Error())}
	}
	c := &templateChecker{body: body, root: reflect.TypeFor[LetterFields]()}
	if len(t.Templates()) > 1 {
		c.errs = append(c.errs, "Letters cannot use {{define}} or {{block}}: write the text in one piece")
	}
	if t.Tree != nil && t.Tree.Root != nil {
		c.list(t.Tree.Root, c.root, 0)
	}
	return c.errs
}

type templateChecker struct {
	body string
	root reflect.Type
	errs []string
}

func (c *templateChecker) fail(n parse.Node, format string, args ...any) {
	line := 1
	if pos := int(n.Position()); pos >= 0 && pos <= len(c.body) {
		line += strings.Count(c.body[:pos], "\n")
	}
	c.errs = append(c.errs, fmt.Sprintf("Line %d: ", line)+fmt.Sprintf(format, args...))
}

func (c *templateChecker) list(l *parse.ListNode, dot reflect.Type, depth int) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			c.pipe(n.Pipe, dot)
		case *parse.IfNode:
			c.pipe(n.Pipe, dot)
			c.list(n.List, dot, depth)
			c.list(n.ElseList, dot, depth)
		case *parse.WithNode:
			inner := c.pipe(n.Pipe, dot)
			c.list(n.List, inner, depth)
			c.list(n.ElseList, dot, depth)
		case *parse.RangeNode:
			over := c.pipe(n.Pipe, dot)
			var elem reflect.Type
			switch {
			case depth >= maxRangeDepth:
				c.fail(n, "{{range}} may be inside at most one other {{range}}")
			case over == nil || over.Kind() != reflect.Slice:
				c.fail(n, "{{range}} goes over a list of the case, such as .Elements")
			default:
				elem = over.Elem()
			}
			c.list(n.List, elem, depth+1)
			c.list(n.ElseList, dot, depth)
		case *parse.TemplateNode:
			c.fail(n, "letters cannot use {{template}}: write the text in one piece")
		}
	}
}

// pipe checks a pipeline and returns the type it gives, nil when unknown.
func (c *templateChecker) pipe(p *parse.PipeNode, dot reflect.Type) reflect.Type {
	if p == nil {
		return nil
	}
	var last reflect.Type
	for _, cmd := range p.Cmds {
		last = c.command(cmd, dot)
	}
	return last
}

func (c *templateChecker) command(cmd *parse.CommandNode, dot reflect.Type) reflect.Type {
	if len(cmd.Args) == 0 {
		return nil
	}
	for _, a := range cmd.Args[1:] {
		c.arg(a, dot)
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		if !slices.Contains(letterFuncs, id.Ident) {
			c.fail(id, "there is no function %q: letters can use %s", id.Ident, strings.Join(letterFuncs, ", "))
		}
		return nil
	}
	return c.arg(cmd.Args[0], dot)
}

// arg checks one operand and returns its type, nil when unknown.
func (c *templateChecker) arg(n parse.Node, dot reflect.Type) reflect.Type {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return c.fields(n, dot, n.Ident)
	case *parse.VariableNode:
		if n.Ident[0] == "$" && len(n.Ident) > 1 {
			return c.fields(n, c.root, n.Ident[1:])
		}
		if n.Ident[0] == "$" {
			return c.root
		}
		return nil
	case *parse.ChainNode:
		return c.fields(n, c.arg(n.Node, dot), n.Field)
	case *parse.PipeNode:
		return c.pipe(n, dot)
	case *parse.IdentifierNode:
		if !slices.Contains(letterFuncs, n.Ident) {
			c.fail(n, "there is no function %q: letters can use %s", n.Ident, strings.Join(letterFuncs, ", "))
		}
		return nil
	case *parse.NumberNode:
		return reflect.TypeFor[int]()
	case *parse.StringNode:
		return reflect.TypeFor[string]()
	case *parse.BoolNode:
		return reflect.TypeFor[bool]()
	}
	return nil
}

// fields follows names from type t, failing on any t does not have.
func (c *templateChecker) fields(n parse.Node, t reflect.Type, names []string) reflect.Type {
	for _, name := range names {
		if t == nil {
			return nil
		}
		if t.Kind() != reflect.Struct {
			c.fail(n, "%s has nothing inside it: .%s cannot be used there", typeWords(t), name)
			return nil
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			c.fail(n, "there is no field .%s%s", name, suggest(t, name))
			return nil
		}
		t = f.Type
	}
	return t
}

func typeWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a text"
	case reflect.Int:
		return "a number"
	case reflect.Bool:
		return "a yes or no"
	case reflect.Slice:
		return "a list (use {{range}})"
	}
	return "it"
}

// suggest names the field of t the mistyped name may mean, or gives the
// fields there.
func suggest(t reflect.Type, name string) string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if strings.EqualFold(f.Name, name) || strings.EqualFold(strings.ReplaceAll(f.Name, "_", ""), strings.ReplaceAll(name, "_", "")) {
			return " (did you mean ." + f.Name + "?)"
		}
		names = append(names, "."+f.Name)
	}
	if t == reflect.TypeFor[LetterFields]() {
		return ": the fields are listed below the text"
	}
	return ": here the fields are " + strings.Join(names, ", ")
}
