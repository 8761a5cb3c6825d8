// Runs the real search.js against a built index on disk, with a minimal
// DOM and a fetch that reads files, and prints what the page shows as JSON.
// Usage: node harness.js SITE_DIR MODE QUERY
//   MODE online  index served from http://example.org/sub/, ?q= in the URL
//        offline site opened from file://SITE_DIR, data loaded by script tags
//        type    like online, but the query is typed into the input
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [dir, mode, query] = process.argv.slice(2);
const origin = mode === 'offline' ? 'file://' + path.resolve(dir) + '/' : 'http://example.org/sub/';
const pageURL = origin + (mode === 'offline' ? 'tim-kiem/index.html' : 'tim-kiem/');
let downloaded = 0;
const requests = [];

function readURL(u) {
  if (!u.startsWith(origin)) throw new Error('request to another origin: ' + u);
  const file = path.join(dir, decodeURIComponent(u.slice(origin.length)));
  const body = fs.readFileSync(file);
  downloaded += body.length;
  requests.push(u.slice(origin.length));
  return body.toString('utf8');
}

class Text {
  constructor(s) { this.data = s; }
  get textContent() { return this.data; }
}

class El {
  constructor(tag) {
    this.tagName = tag;
    this.children = [];
    this.text = '';
    this.attrs = {};
    this.listeners = {};
    this.className = '';
    this.hidden = false;
  }
  appendChild(c) {
    c.parentNode = this;
    this.children.push(c);
    if (c.tagName === 'script') loadScript(c);
    return c;
  }
  insertBefore(c, ref) {
    c.parentNode = this;
    const i = this.children.indexOf(ref);
    this.children.splice(i < 0 ? this.children.length : i, 0, c);
    return c;
  }
  get nextSibling() {
    const sib = this.parentNode.children;
    return sib[sib.indexOf(this) + 1] || null;
  }
  set textContent(v) { this.children = []; this.text = String(v); }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); }
  dispatch(t) { (this.listeners[t] || []).forEach((f) => f({ preventDefault() {} })); }
}

const body = new El('body');
const head = new El('head');
const form = body.appendChild(new El('form'));
const input = form.appendChild(new El('input'));
input.form = form;
input.value = '';
const status = body.appendChild(new El('p'));
const results = body.appendChild(new El('ol'));
const ids = { 'search-input': input, 'search-status': status, 'search-results': results };

const script = new El('script');
script.src = origin + 'search/search.js';
script.attrs['data-index'] = mode === 'offline' ? '../search/' : '/sub/search/';

let replaced = null;
const document = {
  currentScript: script,
  baseURI: pageURL,
  head,
  getElementById: (id) => ids[id] || null,
  createElement: (t) => new El(t),
  createTextNode: (s) => new Text(s),
};
const location = { search: mode === 'type' ? '' : '?q=' + encodeURIComponent(query), pathname: new URL(pageURL).pathname };
const ctx = {
  document, location, URL, URLSearchParams, TextEncoder, Promise, setTimeout, clearTimeout, console,
  history: { replaceState: (s, t, u) => { replaced = u; } },
  fetch: mode === 'offline'
    ? () => Promise.reject(new TypeError('fetch is not available from file://'))
    : (u) => {
      try {
        const text = readURL(String(u));
        return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(JSON.parse(text)) });
      } catch (e) {
        return Promise.resolve({ ok: false, status: 404, json: () => Promise.reject(e) });
      }
    },
};
ctx.window = ctx;
vm.createContext(ctx);

function loadScript(el) {
  setTimeout(() => {
    let src;
    try {
      src = readURL(el.src);
    } catch (e) {
      if (el.onerror) el.onerror(e);
      return;
    }
    vm.runInContext(src, ctx, { filename: el.src });
    if (el.onload) el.onload();
  }, 0);
}

// the search.js tag itself is not counted as a loaded data file
const code = fs.readFileSync(path.join(dir, 'search/search.js'), 'utf8');
downloaded += Buffer.byteLength(code);
vm.runInContext(code, ctx, { filename: 'search.js' });
if (mode === 'type') {
  input.value = query;
  input.dispatch('input');
}

function describe(li) {
  const a = li.children[0].children[0];
  const meta = li.children.find((c) => c.className === 'search-meta');
  const snip = li.children.find((c) => c.className === 'search-snippet');
  return {
    href: a.href,
    title: a.textContent,
    meta: meta ? meta.textContent : '',
    snippet: snip ? snip.textContent : '',
    marks: snip ? snip.children.filter((c) => c.tagName === 'mark').map((c) => c.textContent) : [],
  };
}

const started = Date.now();
(function wait() {
  if (status.textContent && !status.textContent.startsWith('Đang')) {
    const more = body.children.find((c) => c.className === 'search-more');
    process.stdout.write(JSON.stringify({
      status: status.textContent,
      results: results.children.map(describe),
      more: more ? !more.hidden : false,
      replaced,
      downloaded,
      requests,
    }));
    return;
  }
  if (Date.now() - started > 5000) {
    process.stderr.write('timed out; status=' + JSON.stringify(status.textContent) + '\n');
    process.exit(2);
  }
  setTimeout(wait, 10);
})();
