package render

import (
	"reflect"
	"testing"

	"portal/internal/content"
	"portal/internal/markdown"
	"portal/internal/site"
)

// A page's anchors are its headings' ids, as converted.
func TestBodyHasAnchor(t *testing.T) {
	b := NewBody(markdown.Result{Headings: []markdown.Heading{{Level: 2, Text: "Mục đích", ID: "muc-dich"}, {Level: 3, Text: "Yêu cầu", ID: "yeu-cau-2"}}})
	for id, want := range map[string]bool{"muc-dich": true, "yeu-cau-2": true, "yeu-cau": false, "": false, "Muc-dich": false} {
		if got := b.HasAnchor(id); got != want {
			t.Errorf("HasAnchor(%q) = %v, want %v", id, got, want)
		}
	}
	if (*Body)(nil).HasAnchor("x") {
		t.Error("a page not converted has no anchors")
	}
}

// Every page a template can reach is a view, with its body: no field or
// method of a view that a template can call without arguments gives a
// page, site, tag or menu entry of the page graph itself.
func TestViewsReachOnlyViews(t *testing.T) {
	graph := map[reflect.Type]bool{}
	for _, v := range []any{(*site.Page)(nil), (*site.Site)(nil), (*site.Term)(nil), (*site.MenuEntry)(nil), (*site.Language)(nil)} {
		graph[reflect.TypeOf(v)] = true
	}
	var holds func(t reflect.Type) bool
	holds = func(t reflect.Type) bool {
		if graph[t] {
			return true
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Map:
			return holds(t.Elem())
		}
		return false
	}
	for _, v := range []any{(*Page)(nil), (*Site)(nil), (*Term)(nil), (*MenuEntry)(nil), (*Language)(nil)} {
		typ := reflect.TypeOf(v)
		methods := map[string]bool{}
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			methods[m.Name] = true
			if m.Type.NumIn() == 1 && m.Type.NumOut() > 0 && holds(m.Type.Out(0)) {
				t.Errorf("%v.%s() gives %v", typ, m.Name, m.Type.Out(0))
			}
		}
		for _, f := range reflect.VisibleFields(typ.Elem()) {
			if f.IsExported() && !f.Anonymous && !methods[f.Name] && holds(f.Type) {
				t.Errorf("%v.%s is %v", typ, f.Name, f.Type)
			}
		}
	}
}

// A page no longer in force is so in its view too, and what replaced it
// and a section's archive are views.
func TestViewsOutOfForce(t *testing.T) {
	home := &site.Page{Kind: site.KindHome, URL: "/"}
	moi := &site.Page{Kind: site.KindPage, URL: "/a/moi/", Parent: home}
	cu := &site.Page{Kind: site.KindPage, URL: "/a/cu/", Parent: home, Status: content.StatusOutOfForce, ReplacedBy: moi}
	home.Pages, home.Archive = []*site.Page{moi}, []*site.Page{cu}
	s := &site.Site{Home: home, AllPages: []*site.Page{home, moi, cu}}
	v := NewViews([]*site.Site{s})
	vh, vm, vc := v.Page(home), v.Page(moi), v.Page(cu)
	if !vh.InForce || !vm.InForce || vc.InForce {
		t.Errorf("InForce: home %v, moi %v, cu %v", vh.InForce, vm.InForce, vc.InForce)
	}
	if vc.ReplacedBy != vm || vm.ReplacedBy != nil {
		t.Errorf("ReplacedBy: cu %p (want %p), moi %p", vc.ReplacedBy, vm, vm.ReplacedBy)
	}
	if len(vh.Archive) != 1 || vh.Archive[0] != vc || len(vh.Pages) != 1 || vh.Pages[0] != vm {
		t.Errorf("home lists %v, archive %v", vh.Pages, vh.Archive)
	}
}
