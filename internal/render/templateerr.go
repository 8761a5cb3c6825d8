package render

import (
	"errors"
	"strconv"
	"strings"

	"portal/internal/diag"
	template "portal/internal/template/html"
	text "portal/internal/template/text"
)

// templateProblem turns a template error into a problem naming the layout
// file and line. The place comes from the error's values: the fork's
// PlacedError for execution, html/template's Error for escaping, a
// *diag.Problem made by parseInto or safeExecute. An error that went
// through nested partials names the innermost layout: the mistake is
// there, and the frames around it (64 of them for a partial that calls
// itself) would only bury the message.
func templateProblem(err error) *diag.Problem {
	var placed *text.PlacedError
	var escape *template.Error
	var prob *diag.Problem
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch x := e.(type) {
		case *text.PlacedError:
			placed = x
		case *template.Error:
			escape = x
		case *diag.Problem:
			prob = x
		}
	}
	switch {
	case prob != nil:
		return prob
	case escape != nil:
		file, line := escape.Name, escape.Line
		if escape.Node != nil {
			file, line = text.NodeLocation(escape.Node)
		}
		return diag.Errorf(file, line, "lỗi mẫu trình bày (template error): %s", escape.Description)
	case placed != nil:
		var ce *CallError
		if errors.As(err, &ce) {
			// errorf or unknown in a layout: the author's own words,
			// at the layout's line, without the engine's frames.
			return diag.Errorf(placed.File, placed.Line, "%s", ce.Msg)
		}
		return diag.Errorf(placed.File, placed.Line, "lỗi mẫu trình bày (template error): %s", cause(placed))
	}
	return diag.Errorf("layouts", 0, "lỗi mẫu trình bày (template error): %s", err)
}

// cause is what went wrong in the innermost layout: when a function
// failed, its name and its own error; otherwise the execution's message.
func cause(p *text.PlacedError) string {
	if inner := errors.Unwrap(p); p.Func != "" && inner != nil {
		return "hàm " + p.Func + ": " + inner.Error()
	}
	return p.Msg
}

// cleanTemplateErr is a template error for a message that already names
// the page: the cause and the layout's place.
func cleanTemplateErr(err error) string {
	p := templateProblem(err)
	msg := strings.TrimPrefix(p.Msg, "lỗi mẫu trình bày (template error): ")
	if p.Line > 0 {
		return msg + " (" + p.File + ":" + strconv.Itoa(p.Line) + ")"
	}
	return msg + " (" + p.File + ")"
}

// parseInto parses layout rel's text into set. A parse error becomes a
// problem at its line: text/template/parse gives its errors as text only
// ("template: NAME:LINE: …"), and here NAME is known, so the line is read
// after that prefix.
func parseInto(set *template.Template, rel, src string) error {
	name := "layouts/" + rel
	if _, err := set.New(name).Parse(src); err != nil {
		msg, line := err.Error(), 0
		if rest, ok := strings.CutPrefix(msg, "template: "+name+":"); ok {
			if l, m, ok := strings.Cut(rest, ":"); ok {
				if n, err := strconv.Atoi(l); err == nil {
					line, msg = n, strings.TrimSpace(m)
				}
			}
		}
		return diag.Errorf(name, line, "lỗi mẫu trình bày (template error): %s", msg)
	}
	return nil
}
