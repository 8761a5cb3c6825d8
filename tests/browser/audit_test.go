package browser_test

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// auditJS holds the page-side checks; see audit.js.
//
//go:embed audit.js
var auditJS string

// The kinds of finding; fixture tests assert on them.
const (
	checkAxe        = "axe"              // an axe-core rule failed
	checkOverflow   = "overflow"         // the page scrolls sideways
	checkClipped    = "clipped-text"     // overflow:hidden cuts text off
	checkViewport   = "viewport"         // the layout viewport does not follow the phone's width
	checkNav        = "main-nav"         // the main navigation cannot be reached
	checkSkipLink   = "skip-link"        // the first Tab is not a working skip link to <main>
	checkFocusOrder = "focus-order"      // an interactive element cannot be reached with Tab
	checkFocusStyle = "focus-visible"    // an element shows no focus style
	checkConsole    = "console"          // a console error or an uncaught exception
	checkExternal   = "external-request" // the page asked for another host
	checkVNU        = "vnu"              // the Nu HTML checker reported an error
	checkLoad       = "load"             // the page could not be loaded or checked at all
)

// axeTags are the axe-core rule sets the gate runs. best-practice adds
// heading-order, landmark and skip-link rules that WCAG leaves to judgement.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// viewport is one emulated screen.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

// The two screens every page is checked at: a small phone and a laptop.
var (
	phone   = viewport{name: "phone", width: 360, height: 640, mobile: true}
	desktop = viewport{name: "desktop", width: 1280, height: 800}
)

// finding is one defect the gate found.
type finding struct {
	Check  string // one of the check* constants
	Rule   string // axe rule id, when Check is checkAxe
	Page   string // URL of the page (or path of the file, for vnu)
	Width  int64  // viewport width, 0 when the check does not depend on it
	Detail string
}

func (f finding) String() string {
	var b strings.Builder
	b.WriteString(f.Check)
	if f.Rule != "" {
		b.WriteString(" " + f.Rule)
	}
	if f.Width > 0 {
		fmt.Fprintf(&b, " @%dpx", f.Width)
	}
	fmt.Fprintf(&b, " %s: %s", f.Page, f.Detail)
	return b.String()
}

// key is the check and the rule, what the fixture tests compare.
func (f finding) key() string {
	if f.Rule != "" {
		return f.Check + ":" + f.Rule
	}
	return f.Check
}

// pageAudit checks one page in its own tab.
type pageAudit struct {
	axeJS          []byte
	url            string
	screenshotBase string // file name prefix in the artifacts folder, "" for none
	artifactsDir   string

	mu       sync.Mutex
	findings []finding
}

func (a *pageAudit) add(f finding) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f.Page = a.url
	a.findings = append(a.findings, f)
}

// pageTimeout bounds the work on one page, so a hung page fails instead of
// stalling the gate.
const pageTimeout = 3 * time.Minute

// run opens a tab, checks the page at both viewports and with the keyboard,
// and returns the findings. An error means the checks could not finish; the
// findings made until then are returned with it.
func (a *pageAudit) run(browserCtx context.Context) ([]finding, error) {
	tabCtx, cancelTab, err := newTab(browserCtx)
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	err = a.checks(tabCtx, &wg)
	cancelTab()
	wg.Wait() // the watchers end with the tab's context
	a.mu.Lock()
	defer a.mu.Unlock()
	return dedupe(a.findings), err
}

func (a *pageAudit) checks(tabCtx context.Context, wg *sync.WaitGroup) error {
	if err := a.watch(tabCtx, wg); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(tabCtx, pageTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return fmt.Errorf("emulate focus: %w", err)
	}
	for _, vp := range []viewport{phone, desktop} {
		if err := a.checkViewport(ctx, vp); err != nil {
			return fmt.Errorf("at %dpx: %w", vp.width, err)
		}
	}
	// The desktop pass moved no focus (axe reads, the nav check clicks by
	// script), so the keyboard check goes on in the same load.
	if err := a.checkKeyboard(ctx); err != nil {
		return fmt.Errorf("keyboard: %w", err)
	}
	// Let late console messages and requests arrive before the tab closes.
	return chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond))
}

// dedupe drops repeats: the page loads once per viewport, so a console error
// or a blocked request shows up once per load.
func dedupe(fs []finding) []finding {
	seen := map[finding]bool{}
	var out []finding
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// watch records console errors and blocks every request that is not to
// 127.0.0.1; a blocked request is a finding. It must run before the first
// navigation so nothing is missed.
func (a *pageAudit) watch(tabCtx context.Context, wg *sync.WaitGroup) error {
	console := chromedp.Console(tabCtx)
	paused := chromedp.Events(tabCtx, fetch.RequestPaused)
	sockets := chromedp.Events(tabCtx, network.WebSocketCreated)
	wg.Go(func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
				continue
			}
			where := ""
			if m.URL != "" {
				where = fmt.Sprintf(" (at %s:%d)", m.URL, m.Line+1)
			}
			a.add(finding{Check: checkConsole, Detail: fmt.Sprintf("%s%s", m, where)})
		}
	})
	wg.Go(func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if isLocal(ev.Request.URL) {
				_, err = chromedp.Call(tabCtx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			} else {
				a.add(finding{Check: checkExternal, Detail: fmt.Sprintf("%s request to %s (blocked)", ev.ResourceType, ev.Request.URL)})
				_, err = chromedp.Call(tabCtx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
			if err != nil && tabCtx.Err() == nil {
				a.add(finding{Check: checkLoad, Detail: fmt.Sprintf("handle request %s: %v", ev.Request.URL, err)})
			}
		}
	})
	wg.Go(func() {
		for ev, err := range sockets {
			if err != nil {
				return
			}
			if !isLocal(ev.URL) {
				a.add(finding{Check: checkExternal, Detail: "WebSocket to " + ev.URL})
			}
		}
	})
	// Every request of the page pauses until the watcher above lets it go.
	_, err := chromedp.Call(tabCtx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	if err != nil {
		return fmt.Errorf("enable request interception: %w", err)
	}
	return nil
}

// isLocal reports whether a URL stays on this machine: 127.0.0.1, or a URL
// that needs no network at all (data:, blob:, about:).
func isLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		return u.Hostname() == "127.0.0.1"
	}
	return false
}

// load sizes the viewport, opens the page fresh and injects the checks.
func (a *pageAudit) load(ctx context.Context, vp viewport) error {
	opts := []chromedp.EmulateViewportOption{}
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	resp, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (*network.Response, error) {
		if _, err := chromedp.EmulateViewport(vp.width, vp.height, opts...)(ctx, t); err != nil {
			return nil, err
		}
		return chromedp.NavigateResponse(a.url)(ctx, t)
	})
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("load: HTTP status %d", resp.Status)
	}
	// Web fonts and layout settle before any measurement.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => r())))`, chromedp.EvalAwaitPromise),
		chromedp.Evaluate[chromedp.Void](auditJS),
	); err != nil {
		return fmt.Errorf("inject checks: %w", err)
	}
	return nil
}

// layoutResult mirrors what audit.js layout() returns.
type layoutResult struct {
	InnerWidth  float64  `json:"innerWidth"`
	ClientWidth float64  `json:"clientWidth"`
	ScrollWidth float64  `json:"scrollWidth"`
	Overflowing []string `json:"overflowing"`
	Clipped     []string `json:"clipped"`
}

// navResult mirrors what audit.js mainNav() returns.
type navResult struct {
	Found   bool   `json:"found"`
	Nav     string `json:"nav"`
	Visible bool   `json:"visible"`
	Toggle  string `json:"toggle"`
	Opened  bool   `json:"opened"`
}

// axeViolation is the part of an axe-core violation the report needs.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

func (a *pageAudit) checkViewport(ctx context.Context, vp viewport) error {
	if err := a.load(ctx, vp); err != nil {
		return err
	}
	if a.screenshotBase != "" {
		if err := a.screenshot(ctx, vp); err != nil {
			return err
		}
	}
	if err := a.runAxe(ctx, vp); err != nil {
		return err
	}
	lay, err := chromedp.Run(ctx, chromedp.Evaluate[layoutResult](`window.__portalAudit.layout()`))
	if err != nil {
		return fmt.Errorf("measure layout: %w", err)
	}
	if vp.mobile && lay.ClientWidth != float64(vp.width) {
		a.add(finding{Check: checkViewport, Width: vp.width, Detail: fmt.Sprintf(
			"layout viewport is %.0fpx wide on a %dpx phone; add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
			lay.ClientWidth, vp.width)})
	}
	if lay.ScrollWidth > lay.ClientWidth {
		a.add(finding{Check: checkOverflow, Width: vp.width, Detail: fmt.Sprintf(
			"page scrolls sideways: scrollWidth %.0fpx > clientWidth %.0fpx; widest: %s",
			lay.ScrollWidth, lay.ClientWidth, strings.Join(lay.Overflowing, "; "))})
	}
	for _, c := range lay.Clipped {
		a.add(finding{Check: checkClipped, Width: vp.width, Detail: c})
	}
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[navResult](`window.__portalAudit.mainNav()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("check main navigation: %w", err)
	}
	switch {
	case !nav.Found:
		a.add(finding{Check: checkNav, Width: vp.width, Detail: "no <nav> element"})
	case nav.Visible || nav.Opened:
	case nav.Toggle != "":
		a.add(finding{Check: checkNav, Width: vp.width, Detail: fmt.Sprintf("%s is hidden and its toggle %s does not show it", nav.Nav, nav.Toggle)})
	default:
		a.add(finding{Check: checkNav, Width: vp.width, Detail: fmt.Sprintf("%s is hidden and no visible toggle (aria-controls or <details>) shows it", nav.Nav)})
	}
	return nil
}

func (a *pageAudit) runAxe(ctx context.Context, vp viewport) error {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(a.axeJS))); err != nil {
		return fmt.Errorf("inject axe-core: %w", err)
	}
	tags, err := jsonString(axeTags)
	if err != nil {
		return err
	}
	script := `axe.run(document, {runOnly: {type: 'tag', values: ` + tags + `}, resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			targets: v.nodes.map(n => n.target.join(' '))})))`
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("run axe-core: %w", err)
	}
	for _, v := range violations {
		targets := v.Targets
		if len(targets) > 8 {
			targets = append(targets[:8:8], fmt.Sprintf("… %d more", len(v.Targets)-8))
		}
		a.add(finding{Check: checkAxe, Rule: v.ID, Width: vp.width, Detail: fmt.Sprintf(
			"[%s] %s; at %s", v.Impact, v.Help, strings.Join(targets, ", "))})
	}
	return nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func (a *pageAudit) screenshot(ctx context.Context, vp viewport) error {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := os.MkdirAll(a.artifactsDir, 0o755); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	name := fmt.Sprintf("%s-%d.png", unsafeName.ReplaceAllString(a.screenshotBase, "_"), vp.width)
	if err := os.WriteFile(filepath.Join(a.artifactsDir, name), png, 0o644); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return nil
}

// focusState mirrors what audit.js focusState() returns.
type focusState struct {
	Idx          int    `json:"idx"`
	None         bool   `json:"none"`
	Desc         string `json:"desc"`
	Tag          string `json:"tag"`
	SkipTarget   string `json:"skipTarget"`
	IsMain       bool   `json:"isMain"`
	InMain       bool   `json:"inMain"`
	VisibleFocus bool   `json:"visibleFocus"`
	Style        string `json:"style"`
}

func (a *pageAudit) pressKey(ctx context.Context, key string) (focusState, error) {
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		return focusState{}, fmt.Errorf("press key: %w", err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](`window.__portalAudit.focusState()`))
	if err != nil {
		return focusState{}, fmt.Errorf("read focus: %w", err)
	}
	return st, nil
}

// checkKeyboard: the first Tab lands on a skip link to <main>, Enter on it
// moves the focus into <main>, and Tab reaches every interactive element,
// each with a visible focus style. It runs at the desktop width on a page
// that nothing has focused yet.
func (a *pageAudit) checkKeyboard(ctx context.Context) error {
	want, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__portalAudit.focusables()`))
	if err != nil {
		return fmt.Errorf("list interactive elements: %w", err)
	}
	first, err := a.pressKey(ctx, kb.Tab)
	if err != nil {
		return err
	}
	skipOK := false
	switch {
	case first.None:
		a.add(finding{Check: checkSkipLink, Width: desktop.width, Detail: "the first Tab focuses nothing"})
	case first.Tag != "a" || first.SkipTarget == "":
		a.add(finding{Check: checkSkipLink, Width: desktop.width, Detail: "the first Tab lands on " + first.Desc + ", not on a skip link"})
	case first.SkipTarget != "main":
		a.add(finding{Check: checkSkipLink, Width: desktop.width, Detail: fmt.Sprintf("the skip link %s points to %s, not to <main>", first.Desc, first.SkipTarget)})
	case first.Idx < 0:
		a.add(finding{Check: checkSkipLink, Width: desktop.width, Detail: "the skip link " + first.Desc + " is not visible when focused"})
	default:
		skipOK = true
	}

	// Walk the whole Tab order from the skip link on.
	reached := map[int]bool{}
	seen := map[string]bool{}
	st := first
	for range len(want) + 20 {
		id := st.Desc // elements outside the list (a focusable scroller) have only their description
		if st.Idx >= 0 {
			id = fmt.Sprint(st.Idx)
		}
		if st.None || seen[id] {
			break // back at the start: the order wrapped
		}
		seen[id] = true
		if st.Idx >= 0 {
			reached[st.Idx] = true
		}
		if !st.VisibleFocus {
			a.add(finding{Check: checkFocusStyle, Width: desktop.width, Detail: st.Desc + " shows no focus style: " + st.Style})
		}
		if st, err = a.pressKey(ctx, kb.Tab); err != nil {
			return err
		}
	}
	var missed []string
	for i, d := range want {
		if !reached[i] {
			missed = append(missed, d)
		}
	}
	if len(missed) > 0 {
		a.add(finding{Check: checkFocusOrder, Width: desktop.width, Detail: fmt.Sprintf(
			"Tab does not reach %d of %d interactive elements: %s", len(missed), len(want), strings.Join(missed, "; "))})
	}

	if !skipOK {
		return nil
	}
	// Back on the skip link (how it gets the focus does not matter to Enter),
	// follow it.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`document.querySelector('[data-portal-audit="%d"]').focus()`, first.Idx))); err != nil {
		return fmt.Errorf("focus the skip link again: %w", err)
	}
	after, err := a.pressKey(ctx, kb.Enter)
	if err != nil {
		return err
	}
	for i := 0; i < 10 && !after.IsMain && !after.InMain; i++ {
		// Fragment navigation moves the focus a moment after the key.
		if err := chromedp.Do(ctx, chromedp.Sleep(30*time.Millisecond)); err != nil {
			return err
		}
		if after, err = chromedp.Run(ctx, chromedp.Evaluate[focusState](`window.__portalAudit.focusState()`)); err != nil {
			return fmt.Errorf("read focus: %w", err)
		}
	}
	if !after.IsMain && !after.InMain {
		a.add(finding{Check: checkSkipLink, Width: desktop.width, Detail: fmt.Sprintf(
			"following the skip link leaves the focus on %s, not in <main> (give <main> tabindex=\"-1\")", after.Desc)})
	}
	return nil
}

// jsonString encodes v as JSON for a script.
func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %v: %w", v, err)
	}
	return string(b), nil
}
