package portal_test

// What a citizen needs to trust the portal (issue 18): it names itself, not a
// body that no longer exists; who runs it is a setting shown as "đang cập
// nhật" until the publishing agency confirms it, and published as the
// site's publisher only then; every way to take part ends at a channel that
// exists; pages speak as a public office does, Vietnamese first; the home
// page opens with what citizens come for.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"portal/internal/build"
	"portal/internal/testkit"
)

// feedbackSystem is the Government's feedback and proposals system
// (papi-facts.md, "Ways citizens take part").
const feedbackSystem = "https://dichvucong.gov.vn/guipakn"

// find returns the elements for which match is true, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(n, func(c *html.Node) {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	})
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// jsonLD decodes a page's JSON-LD graph.
func jsonLD(t *testing.T, doc *html.Node) []map[string]any {
	t.Helper()
	for _, s := range find(doc, tag("script")) {
		if typ, _ := attr(s, "type"); typ != "application/ld+json" {
			continue
		}
		var ld struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(s.FirstChild.Data), &ld); err != nil {
			t.Fatalf("JSON-LD: %v", err)
		}
		return ld.Graph
	}
	t.Fatal("no JSON-LD")
	return nil
}

// owner reads data/lien-he.yaml of a site folder.
type ownerField struct {
	Label     string `yaml:"label"`
	Value     string `yaml:"value"`
	Confirmed bool   `yaml:"confirmed"`
}

func readOwner(t *testing.T, dir string) map[string]ownerField {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "data", "lien-he.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]ownerField
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestHeaderNamesThePortal: every page's header is the portal's name and
// search, with no body named as its author, and the footer says who runs
// the portal field by field from data/lien-he.yaml.
func TestHeaderNamesThePortal(t *testing.T) {
	s := site(t)
	owner := readOwner(t, repoRoot)
	for _, k := range []string{"co_quan", "dia_chi", "dien_thoai", "email"} {
		if _, ok := owner[k]; !ok {
			t.Fatalf("data/lien-he.yaml has no field %s", k)
		}
	}
	for _, f := range htmlPages(s) {
		if isRedirect(s.files[f]) {
			continue
		}
		doc := parse(t, s.files[f])
		headers := find(doc, tag("header"))
		if len(headers) != 1 {
			t.Errorf("%s: %d <header> elements", f, len(headers))
			continue
		}
		h := text(headers[0])
		for _, body := range []string{"Ủy ban nhân dân", "UBND", "People's Committee"} {
			if strings.Contains(h, body) {
				t.Errorf("%s: the header names %q: %q", f, body, h)
			}
		}
		if !strings.Contains(h, "PAPI") || !strings.Contains(h, "Hưng Yên") {
			t.Errorf("%s: the header does not name the portal (PAPI in Hưng Yên): %q", f, h)
		}
		footers := find(doc, tag("footer"))
		if len(footers) != 1 {
			t.Errorf("%s: %d <footer> elements", f, len(footers))
			continue
		}
		shown := contactList(footers[0])
		if !strings.HasPrefix(f, "en/") {
			for _, k := range []string{"co_quan", "dia_chi", "dien_thoai", "email"} {
				fld := owner[k]
				want := fld.Value
				if !fld.Confirmed || want == "" {
					want = "đang cập nhật"
				}
				if got, ok := shown[fld.Label]; !ok || got != want {
					t.Errorf("%s: the footer shows %s %q, want %q", f, fld.Label, got, want)
				}
			}
		}
		if !strings.Contains(string(s.files[f]), `href="`+feedbackSystem+`"`) {
			t.Errorf("%s: the footer does not link to the Government's feedback system", f)
		}
	}
}

// TestPublisherOnlyWhenConfirmed: with the owner unconfirmed (the
// repository's data) no page names a publisher in its JSON-LD; once the
// publishing agency confirms its name, address, phone and email, the
// footer shows them, the JSON-LD names the organisation as publisher of
// the website and of articles, and the header still names the portal.
func TestPublisherOnlyWhenConfirmed(t *testing.T) {
	s := site(t)
	if o := readOwner(t, repoRoot)["co_quan"]; !o.Confirmed {
		for _, f := range []string{"index.html", "ve-papi/papi-la-gi/index.html", "en/index.html"} {
			for _, node := range jsonLD(t, parse(t, s.files[f])) {
				if node["@type"] == "GovernmentOrganization" || node["publisher"] != nil || node["author"] != nil {
					t.Errorf("%s: JSON-LD names an unconfirmed owner: %v", f, node)
				}
			}
		}
	}

	src := testkit.Portal(t)
	const (
		name  = "Cơ quan thử nghiệm <B> & Co"
		phone = "0221 000 000"
		mail  = "lien-he@example.org"
	)
	data := "co_quan: {label: \"Cơ quan quản lý\", label_en: \"Run by\", value: \"" + name + "\", confirmed: true}\n" +
		"dia_chi: {label: \"Địa chỉ\", label_en: \"Address\", value: \"Số 1, phường Phố Hiến\", confirmed: false}\n" +
		"dien_thoai: {label: \"Điện thoại\", label_en: \"Phone\", value: \"" + phone + "\", confirmed: true}\n" +
		"email: {label: \"Thư điện tử\", label_en: \"Email\", value: \"" + mail + "\", confirmed: true}\n"
	if err := os.WriteFile(filepath.Join(src, "data", "lien-he.yaml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: dest, Workers: 2}); err != nil {
		t.Fatalf("build with a confirmed owner: %v", err)
	}
	read := func(f string) *html.Node {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		return parse(t, b)
	}
	for _, f := range []string{"index.html", "ve-papi/papi-la-gi/index.html", "en/ve-papi/index.html"} {
		doc := read(f)
		foot := text(find(doc, tag("footer"))[0])
		if !strings.Contains(foot, name) || !strings.Contains(foot, phone) || !strings.Contains(foot, mail) {
			t.Errorf("%s: the footer lacks the confirmed owner: %q", f, foot)
		}
		if strings.Contains(foot, "Số 1, phường Phố Hiến") {
			t.Errorf("%s: the footer shows an unconfirmed address: %q", f, foot)
		}
		if !strings.Contains(renderHTML(t, find(doc, tag("footer"))[0]), `href="mailto:`+mail+`"`) {
			t.Errorf("%s: the confirmed email is not a mailto link", f)
		}
		if h := text(find(doc, tag("header"))[0]); strings.Contains(h, name) {
			t.Errorf("%s: the header names the owner, not the portal: %q", f, h)
		}
		var org map[string]any
		publishers := 0
		for _, node := range jsonLD(t, doc) {
			if node["@type"] == "GovernmentOrganization" {
				org = node
			}
			if p, ok := node["publisher"].(map[string]any); ok && p["@id"] == org["@id"] {
				publishers++
			}
		}
		switch {
		case org == nil:
			t.Errorf("%s: no organisation in the JSON-LD once confirmed", f)
		case org["name"] != name || org["telephone"] != phone || org["email"] != mail || org["address"] != nil:
			t.Errorf("%s: JSON-LD organisation %v: want the confirmed name, phone and email, no unconfirmed address", f, org)
		}
		want := 1 // the website
		if f == "ve-papi/papi-la-gi/index.html" {
			want = 2 // and the article
		}
		if publishers != want {
			t.Errorf("%s: %d JSON-LD nodes name the organisation as publisher, want %d", f, publishers, want)
		}
	}
}

// TestWaysToTakePartReachAChannel: every page about taking part, the
// contact page, the page about the portal and the steps of the feedback
// page lead to the Government's feedback system, and none shows a local
// contact placeholder in its text: a citizen always has somewhere to go.
func TestWaysToTakePartReachAChannel(t *testing.T) {
	s := site(t)
	var pages []string
	for _, f := range htmlPages(s) {
		for _, sec := range []string{"tham-gia/", "en/tham-gia/", "lien-he/", "en/lien-he/", "ve-cong-thong-tin/", "en/ve-cong-thong-tin/"} {
			if strings.HasPrefix(f, sec) {
				pages = append(pages, f)
			}
		}
	}
	if len(pages) < 10 {
		t.Fatalf("only %d participation and contact pages: %v", len(pages), pages)
	}
	for _, f := range pages {
		doc := parse(t, s.files[f])
		main := find(doc, tag("main"))[0]
		links := 0
		for _, a := range find(main, tag("a")) {
			if href, _ := attr(a, "href"); href == feedbackSystem {
				links++
			}
		}
		if links == 0 {
			t.Errorf("%s: no link to %s in the page", f, feedbackSystem)
		}
		if strings.HasPrefix(f, "tham-gia/") || strings.HasPrefix(f, "en/tham-gia/") {
			if p := find(main, func(n *html.Node) bool { return hasClass(n, "pending") }); len(p) > 0 {
				t.Errorf("%s: a way to take part ends at a placeholder (%q)", f, text(p[0]))
			}
		}
	}
	// The steps of the feedback page end at the system itself.
	doc := parse(t, s.files["tham-gia/phan-anh-quy-dinh-hanh-chinh/index.html"])
	steps := find(doc, func(n *html.Node) bool { return hasClass(n, "steps") })
	if len(steps) == 0 || !strings.Contains(renderHTML(t, steps[0]), feedbackSystem) {
		t.Error("the feedback page's steps do not lead to the Government's feedback system")
	}
}

// contactList reads the label and value of each entry of the definition
// lists under n.
func contactList(n *html.Node) map[string]string {
	out := map[string]string{}
	label := ""
	for _, c := range find(n, func(c *html.Node) bool { return c.Data == "dt" || c.Data == "dd" }) {
		if c.Data == "dt" {
			label = text(c)
		} else {
			out[label] = text(c)
		}
	}
	return out
}

func renderHTML(t *testing.T, n *html.Node) string {
	t.Helper()
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// voiceRules are phrases a public office does not write (giong-van.md and
// issue 18): sentences about what the portal has not verified or does not
// have, the project and its files, colloquial wording, a second name for
// the accessibility statement, French quotation marks, and a chapter of
// Law 10/2022/QH15 that was never checked.
var voiceRules = []struct{ re, why string }{
	{`(?i)chưa (được )?xác minh|chưa được xác nhận|chưa (có|đọc được|tóm tắt|ghi được)[^.)]{0,40}(trong tay|toàn văn|nguồn|địa chỉ)|chưa có trong tay`, "narrates what the portal has not verified"},
	{`(?i)\bcổng (chưa|không thấy|chỉ có|chỉ đọc|xếp|đếm)`, "the portal talking about itself"},
	{`(?i)dự án|tài liệu dữ kiện|nhóm xây dựng`, "mentions the project"},
	{`từ đâu mà có|lo phần|lo cho người dân|nhà nước lo`, "colloquial wording"},
	{`(?i)kế hoạch[^.]{0,40}\bmuốn\b`, "“Kế hoạch… muốn” instead of “nhằm”"},
	{`Tuyên bố trợ năng`, "second name for the accessibility statement"},
	{`[«»]`, "French quotation marks"},
	{`(?i)chương VI\b|chapter VI\b`, "cites a chapter of the law that was not checked"},
	{`(?i)not (been )?(verified|confirmed)|the portal (has|does) not|what the portal does not have`, "narrates what the portal has not verified"},
	{`Trung tâm Nghiên cứu phát triển|Trung tâm nghiên cứu và đào tạo của Mặt trận`, "a full name no source gives"},
	{`(?i)khớp với (tin|số liệu|báo)|cũng đưa tin|matches the (press|provincial press)`, "narrates that sources agree (the source goes in “Nguồn”)"},
	{`(?i)còn yếu ở|bây giờ còn|thật lòng`, "colloquial wording"},
	{`(?i)đếm số tỉnh có tổng điểm cao hơn|counting the provinces with a (score|higher total)`, "a derived rank is a place in the list, not the number of provinces above"},
	{`Hội Phụ nữ|Đoàn Thanh niên|Hội Nông dân|Hội Cựu chiến binh`, "names organisations no source gives"},
	{`(^|[^\d/])\d{1,2}/\d{1,2}/\d{4}\b`, "a date in figures (write “ngày 8 tháng 2 năm 2023”, “8 February 2023”)"},
}

// TestPagesSpeakAsAPublicOffice reads the text of every page, Vietnamese
// and English, for the phrases above.
func TestPagesSpeakAsAPublicOffice(t *testing.T) {
	s := site(t)
	type rule struct {
		re  *regexp.Regexp
		why string
	}
	var rules []rule
	for _, r := range voiceRules {
		rules = append(rules, rule{regexp.MustCompile(r.re), r.why})
	}
	for _, f := range htmlPages(s) {
		if isRedirect(s.files[f]) {
			continue
		}
		body := find(parse(t, s.files[f]), tag("body"))[0]
		txt := text(body)
		for _, r := range rules {
			if m := r.re.FindString(txt); m != "" {
				t.Errorf("%s: %s: …%s…", f, r.why, around(txt, m))
			}
		}
	}
}

// TestDimensionPagesAreVietnameseFirst: a dimension page's heading is its
// official Vietnamese name, followed by the English name in brackets,
// marked lang="en"; the English page does the reverse.
func TestDimensionPagesAreVietnameseFirst(t *testing.T) {
	s := site(t)
	b, err := os.ReadFile(filepath.Join(repoRoot, "data", "chi-so.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cs struct {
		Dimensions []struct {
			Number int    `yaml:"number"`
			Name   string `yaml:"name"`
			NameEN string `yaml:"name_en"`
			URL    string `yaml:"url"`
		} `yaml:"dimensions"`
	}
	if err := yaml.Unmarshal(b, &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs.Dimensions) != 8 {
		t.Fatalf("%d dimensions in data/chi-so.yaml", len(cs.Dimensions))
	}
	for _, d := range cs.Dimensions {
		for _, lang := range []string{"vi", "en"} {
			f := strings.TrimPrefix(d.URL, "/") + "index.html"
			first, second, other := d.Name, d.NameEN, "en"
			if lang == "en" {
				f = "en/" + f
				first, second, other = d.NameEN, d.Name, "vi"
			}
			doc := parse(t, s.files[f])
			h1 := find(doc, tag("h1"))[0]
			if got, want := text(h1), first+" ("+second+")"; got != want {
				t.Errorf("%s: h1 %q, want %q", f, got, want)
			}
			marked := find(h1, func(n *html.Node) bool { l, _ := attr(n, "lang"); return l == other })
			if len(marked) != 1 || text(marked[0]) != second {
				t.Errorf("%s: %q is not marked lang=%q in the heading", f, second, other)
			}
			for _, k := range find(doc, func(n *html.Node) bool { return hasClass(n, "kicker") }) {
				if lang == "vi" && strings.ContainsAny(text(k), "·") || strings.Contains(text(k), d.NameEN) && lang == "vi" {
					t.Errorf("%s: the line above the heading puts English first: %q", f, text(k))
				}
			}
		}
	}
}

// TestWhatCitizensComeFor: the home page opens with the things citizens
// come for (what PAPI is, the results, taking part, sending feedback)
// before any long text; the results page shows the total-score chart;
// duties and the glossary are reachable from the menu or the home page;
// the English topic page lists topics.
func TestWhatCitizensComeFor(t *testing.T) {
	s := site(t)
	home := parse(t, s.files["index.html"])
	main := find(home, tag("main"))[0]
	var firstLinks []string
	for _, h2 := range find(main, tag("h2")) {
		a := find(h2, tag("a"))
		if len(a) == 0 {
			break // the first heading without a link ends the list of tasks
		}
		href, _ := attr(a[0], "href")
		firstLinks = append(firstLinks, href)
	}
	want := []string{"/ve-papi/", "/ket-qua/", "/tham-gia/", feedbackSystem}
	if len(firstLinks) < 3 || len(firstLinks) > 5 {
		t.Errorf("the home page opens with %d task links %v, want 3 to 5", len(firstLinks), firstLinks)
	}
	for _, w := range want {
		found := false
		for _, l := range firstLinks {
			if strings.HasPrefix(l, w) {
				found = true
			}
		}
		if w == feedbackSystem && !found {
			// The feedback task may lead to the page that explains the system.
			found = strings.Contains(strings.Join(firstLinks, " "), "/tham-gia/phan-anh")
		}
		if !found {
			t.Errorf("the home page's first links %v lack %s", firstLinks, w)
		}
	}
	// No paragraph longer than two sentences' worth comes before the tasks.
	for _, p := range find(main, tag("p")) {
		if hasClass(p, "lead") {
			continue
		}
		if len(text(p)) > 240 {
			t.Errorf("a long text comes first on the home page: %.80q…", text(p))
		}
		break
	}

	results := string(s.files["ket-qua/index.html"])
	if !strings.Contains(results, `class="chart chart-line"`) || !strings.Contains(results, ">44,40<") {
		t.Error("/ket-qua/ does not show the total-score chart")
	}

	nav := renderHTML(t, find(home, func(n *html.Node) bool { return hasClass(n, "main-nav") })[0])
	homeHTML := string(s.files["index.html"])
	for _, p := range []string{"/trach-nhiem/", "/thuat-ngu/"} {
		if !strings.Contains(nav, `href="`+p+`"`) && !strings.Contains(renderHTML(t, main), `href="`+p+`"`) {
			t.Errorf("%s is reachable neither from the main menu nor from the home page", p)
		}
	}
	if !strings.Contains(homeHTML, "<summary") {
		t.Error("the main menu has no button to fold it on phones")
	}

	tags := parse(t, s.files["en/tags/index.html"])
	if n := len(find(find(tags, tag("main"))[0], tag("li"))); n == 0 {
		t.Error("the English topic page lists no topic")
	}
}

// TestEnglishComesAfterVietnamese: on a Vietnamese page, every English term
// follows the Vietnamese one, in brackets (or after “tiếng Anh:”), never in
// its place (giong-van.md rule 4).
func TestEnglishComesAfterVietnamese(t *testing.T) {
	s := site(t)
	checked := 0
	for _, f := range htmlPages(s) {
		if strings.HasPrefix(f, "en/") || isRedirect(s.files[f]) {
			continue
		}
		mains := find(parse(t, s.files[f]), tag("main"))
		if len(mains) == 0 {
			continue
		}
		for _, n := range find(mains[0], func(n *html.Node) bool { l, _ := attr(n, "lang"); return l == "en" }) {
			checked++
			before := ""
			for p := n.PrevSibling; p != nil && before == ""; p = p.PrevSibling {
				before = strings.TrimSpace(text(p))
			}
			if !strings.HasSuffix(before, "(") && !strings.HasSuffix(before, "tiếng Anh:") {
				t.Errorf("%s: English %q is not in brackets after the Vietnamese term (text before it: %q)", f, text(n), before)
			}
		}
	}
	if checked == 0 {
		t.Error("no English term marked lang=\"en\" on any Vietnamese page")
	}
}
