package render

import (
	"errors"
	"io"
	"strings"
	"testing"

	"portal/internal/markdown"
	"portal/internal/site"
	template "portal/internal/template/html"
	"portal/internal/testkit"
)

// doc is a page as a template sees it, for unknown's field choices.
type doc struct{ Params map[string]any }

// unknown says the value, the likely choice and the choices, from a
// map's keys, a list, or one field of each item of a list.
func TestUnknown(t *testing.T) {
	docs := []doc{{map[string]any{"so_hieu": "19/KH-UBND"}}, {map[string]any{"so_hieu": "06/CT-CTUBND"}}, {map[string]any{}}, {map[string]any{"so_hieu": "19/KH-UBND"}}}
	for _, tc := range []struct {
		name    string
		format  string
		value   any
		noun    string
		choices any
		field   []string
		want    string
	}{
		{"map keys", "trường %q không có", "dienthoai", "trường", map[string]any{"email": 1, "dien_thoai": 2, "co_quan": 3},
			nil, `trường "dienthoai" không có; có phải ý bạn là "dien_thoai"? Các trường có: co_quan, dien_thoai, email`},
		{"list", "kiểu %q không hợp lệ", "danger", "kiểu", []any{"note", "warning", "info"},
			nil, `kiểu "danger" không hợp lệ; các kiểu có: info, note, warning`},
		{"field of each item, empty and repeated ones once", "số hiệu %q không có", "19/KH-UBN", "số hiệu", docs,
			[]string{"Params.so_hieu"}, `số hiệu "19/KH-UBN" không có; có phải ý bạn là "19/KH-UBND"? Các số hiệu có: 06/CT-CTUBND, 19/KH-UBND`},
		{"no choices", "số hiệu %q không có", "1/QĐ", "số hiệu", []doc(nil),
			[]string{"Params.so_hieu"}, `số hiệu "1/QĐ" không có; chưa có số hiệu nào`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := unknown(tc.format, tc.value, tc.noun, tc.choices, tc.field...)
			var ce *CallError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a CallError", err, err)
			}
			if ce.Msg != tc.want {
				t.Errorf("\n got %q\nwant %q", ce.Msg, tc.want)
			}
		})
	}
	// A mistake in the layout's own call is not the editor's.
	for _, bad := range []func() error{
		func() error { _, err := unknown("%q", "x", "kiểu", 42); return err },
		func() error { _, err := unknown("%q", "x", "kiểu", docs, "Params.a", "Params.b"); return err },
	} {
		var ce *CallError
		if err := bad(); err == nil || errors.As(err, &ce) {
			t.Errorf("layout mistake: %v (%T)", err, err)
		}
	}
}

// errorf in a page's layout reports the author's words at the layout's
// line; any other template error keeps the engine's description.
func TestTemplateProblemOfErrorf(t *testing.T) {
	tpl := template.Must(template.New("layouts/_default/single.html").Funcs(template.FuncMap{"errorf": errorf}).
		Parse("<p>\n{{ errorf \"thiếu tham số %s\" \"ngay\" }}</p>"))
	err := tpl.Execute(&strings.Builder{}, nil)
	if err == nil {
		t.Fatal("errorf did not fail the template")
	}
	p := templateProblem(err)
	if got := p.Error(); got != "layouts/_default/single.html:2: thiếu tham số ngay" {
		t.Errorf("problem = %q", got)
	}
	nope := template.Must(template.New("layouts/_default/single.html").Parse("<p>\n</p>\n{{ .Nope }}"))
	other := templateProblem(nope.Execute(io.Discard, struct{}{}))
	if got := other.Error(); got != "layouts/_default/single.html:3: lỗi mẫu trình bày (template error): can't evaluate field Nope in type struct {}" {
		t.Errorf("other template error = %q", got)
	}
}

// A shortcode's CallError is said at the call, with the shortcode's name
// once and nothing of the template engine; an unknown shortcode lists
// the shortcodes there are.
func TestShortcodeMessages(t *testing.T) {
	root := testkit.Files(t, map[string]string{
		"layouts/shortcodes/lienhe.html":  `{{ $f := index .Site.Params (.Get "field") }}{{ if not $f }}{{ unknown "trường %q không có trong data/lien-he.yaml (unknown field)" (.Get "field") "trường" .Site.Params }}{{ end }}{{ $f }}`,
		"layouts/shortcodes/callout.html": `{{ errorf "callout: type %q không hợp lệ" (.Get "type") }}`,
		"layouts/shortcodes/hong.html":    "<b>\n{{ .Nope }}</b>",
	})
	tpls, probs := Load(root, "vi", nil, false)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	s := &site.Site{Params: map[string]any{"email": "a@b.vn", "dien_thoai": "0221"}}
	p := &site.Page{File: "tin/a.md"}
	s.AllPages = []*site.Page{p}
	e := tpls.NewExecutor(s, nil, nil)
	e.SetViews(NewViews([]*site.Site{s}))
	for _, tc := range []struct {
		sc   markdown.Shortcode
		want string
	}{
		{markdown.Shortcode{Name: "lienhe", Params: map[string]string{"field": "dienthoai"}, Line: 5},
			`mã ngắn "lienhe": trường "dienthoai" không có trong data/lien-he.yaml (unknown field); có phải ý bạn là "dien_thoai"? Các trường có: dien_thoai, email`},
		{markdown.Shortcode{Name: "callout", Params: map[string]string{"type": "danger"}, Line: 6},
			`mã ngắn "callout": type "danger" không hợp lệ`},
		{markdown.Shortcode{Name: "lienh", Line: 7},
			`mã ngắn "lienh" không tồn tại: không có tệp layouts/shortcodes/lienh.html (unknown shortcode); có phải ý bạn là "lienhe"? Các mã ngắn có: callout, hong, lienhe`},
		{markdown.Shortcode{Name: "video", Line: 8},
			`mã ngắn "video" không tồn tại: không có tệp layouts/shortcodes/video.html (unknown shortcode); các mã ngắn có: callout, hong, lienhe`},
	} {
		_, err := e.Shortcode(p, &tc.sc)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got %v\nwant %s", tc.sc.Name, err, tc.want)
		}
	}
	// A mistake in the layout itself still names the layout.
	_, err := e.Shortcode(p, &markdown.Shortcode{Name: "hong"})
	if err == nil || !strings.Contains(err.Error(), "layouts/shortcodes/hong.html:2") {
		t.Errorf("layout mistake: %v", err)
	}
}
