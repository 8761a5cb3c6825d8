package render

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"portal/internal/textutil"
)

// CallError is a mistake in how a page calls a shortcode (a field, a
// column or a number that does not exist, an argument missing) rather than
// in a layout. Its message is whole and written for the editor: Shortcode
// reports it at the call, in the page's file and line, without the
// layout's name or the template engine's frames around it. Layouts make
// one with errorf or unknown; the chart function makes one of every
// mistake in a chart's arguments.
type CallError struct{ Msg string }

func (e *CallError) Error() string { return e.Msg }

// errorf is the template function: a CallError with the message.
func errorf(format string, args ...any) (string, error) {
	return "", &CallError{Msg: fmt.Sprintf(format, args...)}
}

// unknown is the template function for a value that is not one of the
// choices: {{ unknown "trường %q không có trong data/lien-he.yaml" $key
// "trường" $data }}. The message is format applied to value, then the
// choice the editor probably meant and the choices, named by noun
// (textutil.ChoiceHint). Choices are a map's keys, or a list's items, or,
// with field, that field of each item ("Params.so_hieu"); empty ones are
// left out, the rest sorted.
func unknown(format string, value any, noun string, choices any, field ...string) (string, error) {
	list, err := choiceList(choices, field...)
	if err != nil {
		return "", fmt.Errorf("unknown: %w", err)
	}
	v := toString(value)
	return "", &CallError{Msg: fmt.Sprintf(format, value) + textutil.ChoiceHint(v, noun, list)}
}

func choiceList(choices any, field ...string) ([]string, error) {
	if len(field) > 1 {
		return nil, fmt.Errorf("cần nhiều nhất một tên trường, nhận %d", len(field))
	}
	var out []string
	rv := reflect.ValueOf(choices)
	for rv.IsValid() && rv.Kind() == reflect.Interface {
		rv = rv.Elem()
	}
	if rv.IsValid() && rv.Kind() == reflect.Map {
		for _, k := range rv.MapKeys() {
			out = append(out, toString(k.Interface()))
		}
	} else {
		items, err := listOf(choices)
		if err != nil {
			return nil, err
		}
		var fr *fieldReader
		if len(field) == 1 {
			fr = newFieldReader(field[0])
		}
		for _, it := range items {
			if fr != nil {
				it = fr.read(it)
			}
			if s := toString(it); s != "" {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out), nil
}

// shortcodeNames lists the shortcodes the layouts define, sorted.
func (t *Templates) shortcodeNames() []string {
	var names []string
	for rel := range t.files {
		name, ok := strings.CutPrefix(rel, "shortcodes/")
		if ok && strings.HasSuffix(name, ".html") && !strings.Contains(name, "/") {
			names = append(names, strings.TrimSuffix(name, ".html"))
		}
	}
	sort.Strings(names)
	return names
}
