// Copyright 2026 The portal authors. This file is not part of the Go
// distribution: it is the fork's own code, reached from the lines marked
// "portal:" in the copied files (see ../README.md).

package template

import "text/template/parse"

// textNodeError gives a mistake found in the markup of a text node (a
// quote in an attribute name, "=" in an unquoted value), which html/template
// reports without a place, that node: the error then names the layout file
// and line it is in ("html/template:layouts/x.html:4:0: …") instead of only
// the outermost template's name.
func textNodeError(c context, n *parse.TextNode) context {
	if c.state == stateError && c.err != nil && c.err.Node == nil && c.err.Line == 0 {
		c.err.Node = n
	}
	return c
}

// StreamTwin declares twin as the streaming form of the function fn, for
// the templates of t's set. Where an action in HTML text is nothing but a
// call of fn, it calls twin instead, with the same arguments and the same
// escaping of its result. The twin may write its output straight to where
// the template's output is going (the caller knows where, not the
// template) and return the rest, usually nothing: the result is the same,
// without first building the output as a string. Everywhere else
// (attributes, scripts, pipelines, assignments, conditions) fn runs.
//
// It must be called before the templates are first executed.
func (t *Template) StreamTwin(fn, twin string) *Template {
	t.nameSpace.mu.Lock()
	defer t.nameSpace.mu.Unlock()
	if t.nameSpace.twins == nil {
		t.nameSpace.twins = map[string]string{}
	}
	t.nameSpace.twins[fn] = twin
	return t
}

// streamTwins renames, as the escaper commits its edits, the calls that
// StreamTwin covers: an action whose pipeline is one call of a function
// with a twin, escaped as HTML text (its only escaper is htmlEscaper, which
// html/template gives to actions in stateText and nowhere else). The
// caller holds the name space's lock.
func (ns *nameSpace) streamTwins(edits map[*parse.ActionNode][]string) {
	if len(ns.twins) == 0 {
		return
	}
	for n, escapers := range edits {
		if len(escapers) != 1 || escapers[0] != "_html_template_htmlescaper" || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Decl) != 0 {
			continue
		}
		if id, ok := n.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode); ok {
			if twin, ok := ns.twins[id.Ident]; ok {
				id.Ident = twin
			}
		}
	}
}

// cloneTwins is a clone's copy of its original's twins: declaring one on
// the clone leaves the original alone.
func cloneTwins(twins map[string]string) map[string]string {
	if twins == nil {
		return nil
	}
	c := make(map[string]string, len(twins))
	for k, v := range twins {
		c[k] = v
	}
	return c
}
