// portal site search: loads the manifest, the shards of the query's terms
// and the display data of the results shown. Ranking mirrors reader.go.
(function () {
  'use strict';
  var OFFLINE = false; // BuildOffline turns this on: data comes as script files
  var d = document, w = window, me = d.currentScript;
  var input = d.getElementById('search-input'), status = d.getElementById('search-status'),
    list = d.getElementById('search-results');
  if (!me || !input || !list || !status) return;
  var attr = me.getAttribute('data-index');
  var base = new URL(attr || './', attr ? d.baseURI : me.src).href;
  var root = new URL('../', base);
  var cache = {}, waiting = {}, seq = 0, timer, more, res, shown;
  var PAGE = 10, V = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;

  w.__portalSearch = function (p, v) {
    if (waiting[p]) waiting[p](v);
  };

  // load returns a promise of the data file at logical path p ("s/1f").
  function load(p) {
    if (!cache[p]) {
      cache[p] = OFFLINE ? new Promise(function (ok, ko) {
        var s = d.createElement('script');
        waiting[p] = ok;
        s.onerror = ko;
        s.src = base + 'offline/' + p + '.js';
        d.head.appendChild(s);
      }) : fetch(base + p + '.json').then(function (r) {
        if (!r.ok) throw Error(r.status);
        return r.json();
      });
      cache[p].catch(function () { delete cache[p]; });
    }
    return cache[p];
  }

  // live is the number of pages in force: the index gives the others the
  // last ids, and says how many come first only when there are others.
  function live(man) {
    return man.live == null ? man.docs : man.live;
  }

  function obj() {
    return Object.create(null);
  }

  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[đð]/g, 'd');
  }

  function tokens(q) {
    return (q.normalize('NFC').toLowerCase().match(WORD) || []).map(function (e) {
      return { e: e, f: fold(e) };
    });
  }

  function fnv(f) {
    var b = new TextEncoder().encode(f), h = 2166136261;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619);
    return h >>> 0;
  }

  // print is the fingerprint of an adjacency, stored with the rarer term:
  // of the term that follows it (next) or precedes it.
  function print(h, next) {
    return V[next ? h >>> 26 : h >>> 20 & 63];
  }

  // rarer mirrors reader.go: whether term a stores the adjacency of a, b.
  function rarer(a, b) {
    return a.df != b.df ? a.df < b.df : a.h != b.h ? a.h < b.h : a.f <= b.f;
  }

  // entry decodes the postings of term f from a shard's columns:
  // [{id, m: exact mask*4+field, t: tf, s: section, f: adjacency prints}].
  function entry(sh, f) {
    var i = sh.k.split(' ').indexOf(f), c = { n: 0, d: 0, m: 0, t: 0, s: 0, f: 0 }, h = 0, out = [], j, k;
    if (i < 0 || !f) return null;
    function n(x) {
      var v = 0, m = 1, ch;
      do {
        ch = V.indexOf(sh[x][c[x]++]);
        v += (ch & 31) * m;
        m *= 32;
      } while (ch & 32);
      return v;
    }
    for (j = 0; j <= i; j++) {
      for (var df = n('n'), id = -1, r; df--;) {
        id += n('d') + 1;
        r = { id: id, m: n('m'), s: n('s'), t: n('t') + 1, f: [] };
        for (k = n('f'); k--;) r.f.push(sh.h[h++]);
        if (j == i) out.push(r);
      }
    }
    k = sh.v.split(' ')[i];
    return { v: k ? k.split(',') : [f], p: out };
  }

  // rank returns the pages holding every term, best first; pages with an
  // id of live or more are no longer in force and come after all others.
  function rank(n, live, qt, shards) {
    var docs = {}, terms = [], seen = obj(), out = [];
    qt.forEach(function (t) {
      if (!seen[t.f]) terms.push(seen[t.f] = t);
    });
    terms.forEach(function (t) {
      var e = entry(shards[t.f], t.f);
      if (!e) return;
      var vi = e.v.indexOf(t.e), w = Math.log(1 + n / e.p.length);
      t.df = e.p.length;
      t.h = fnv(t.f);
      e.p.forEach(function (q) {
        var r = docs[q.id] || (docs[q.id] = { id: q.id, m: 0, x: 0, s: 0, p: obj(), w: -1 });
        var tf = q.t, s = w * ([0, 1.5, 2.5, 5][q.m % 4] + tf / (tf + 2));
        if (t.e != t.f) {
          if (vi >= 0 && Math.floor(q.m / 4 / Math.pow(2, vi)) % 2) r.x++;
          else s *= 0.3;
        }
        r.m++;
        r.s += s;
        r.p[t.f] = q;
        if (w > r.w) {
          r.w = w;
          r.at = q.m % 2 ? 0 : q.s; // title or description: the top of the page
        }
      });
    });
    for (var id in docs) {
      var r = docs[id], adj = 0;
      for (var k = 0; k + 1 < qt.length; k++) {
        var a = seen[qt[k].f], b = seen[qt[k + 1].f], pa = r.p[a.f], pb = r.p[b.f];
        if (pa && pb && (rarer(a, b) ? pa.f.indexOf(print(b.h, 1)) : pb.f.indexOf(print(a.h))) >= 0) adj++;
      }
      if (qt.length > 1) r.s *= 1 + 2 * adj / (qt.length - 1);
      if (r.m == terms.length) out.push(r);
    }
    return out.sort(function (a, b) {
      return (a.id >= live) - (b.id >= live) || b.x - a.x || b.s - a.s || a.id - b.id;
    });
  }

  // hits scores how well text shows the query, as reader.go's countHits:
  // 2 per distinct query term found, 1 more when found as typed.
  function hits(text, set) {
    var found = obj(), exact = obj(), c = 0;
    (text.toLowerCase().match(WORD) || []).forEach(function (w) {
      w = w.normalize('NFC');
      var f = fold(w), forms = set[f];
      if (!forms) return;
      if (!found[f]) c += found[f] = 2;
      if (forms[w] && !exact[f]) c += exact[f] = 1;
    });
    return c;
  }

  // snippet picks the fragment to show and link for doc record
  // [url,title,section,desc,intro,[[id,heading,text],…]]: the first
  // section holding the rarest query term, unless another fragment shows
  // the query better; the description and the intro link to the top, as
  // does a match in the title or description.
  function snippet(doc, r, set) {
    var frags = [{ t: doc[3] }, { t: doc[4] }].concat(doc[5].map(function (s) {
      return { id: s[0] || fold(s[1].toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, ''), h: s[1], t: s[2] };
    })), cur = frags[r.at] || frags[1], top;
    if (!r.at && !doc[3]) cur = frags[1];
    top = hits(cur.t, set);
    frags.forEach(function (f) {
      var h = hits(f.t, set);
      if (h > top) {
        top = h;
        cur = f;
      }
    });
    return r.at ? { id: cur.id, h: cur.h, t: cur.t } : { t: cur.t };
  }

  function el(tag, text, cls) {
    var e = d.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // marked highlights the query terms in text; a term typed with
  // diacritics marks only that spelling when the text has it ("bố", not
  // "bộ"), else every spelling.
  function marked(text, set) {
    var p = el('p', '', 'search-snippet'), parts = text.split(/([\p{L}\p{N}\p{M}]+)/u), has = obj();
    var words = parts.map(function (s, i) {
      if (!(i % 2)) return null;
      var w = s.toLowerCase().normalize('NFC'), f = fold(w);
      if (set[f] && set[f][w]) has[f] = 1;
      return { w: w, f: f };
    });
    parts.forEach(function (s, i) {
      var x = words[i];
      p.appendChild(x && set[x.f] && (!has[x.f] || set[x.f][x.w]) ? el('mark', s) : d.createTextNode(s));
    });
    return p;
  }

  // text returns the page's wording for a message (data-found, data-none,
  // data-error, data-more, data-sep on the script tag, so each language
  // says it its own way), or the Vietnamese default; {n} and {q} are
  // filled in.
  function text(key, def, n, q) {
    return (me.getAttribute('data-' + key) || def)
      .replace('{n}', function () { return n; }).replace('{q}', function () { return q; });
  }

  function say(q) {
    var n = res.length;
    status.textContent = n ? text('found', 'Tìm thấy {n} kết quả cho “{q}”', String(n).replace(/\B(?=(\d{3})+$)/g, me.getAttribute('data-sep') || '.'), q)
      : text('none', 'Không tìm thấy kết quả nào cho “{q}”', '', q);
  }

  function show(man, set, my, q) {
    var part = res.slice(shown, shown + PAGE), c = man.chunk;
    return Promise.all(part.map(function (r) {
      return load('docs/' + Math.floor(r.id / c));
    })).then(function (chunks) {
      if (my != seq) return;
      if (!shown) list.textContent = '';
      part.forEach(function (r, i) {
        var doc = chunks[i][r.id % c], s = snippet(doc, r, set), li = el('li', '', 'search-result');
        var a = el('a', doc[1]), meta = [doc[2], s.h].filter(Boolean).join(' › ');
        if (r.id >= live(man)) meta = (meta ? meta + ' · ' : '') + text('archived', 'Không còn hiệu lực', '', '');
        a.href = new URL(doc[0], root).href + (s.id ? '#' + s.id : '');
        li.appendChild(el('h2', '')).appendChild(a);
        if (meta) li.appendChild(el('p', meta, 'search-meta'));
        if (s.t) li.appendChild(marked(s.t, set));
        list.appendChild(li);
      });
      shown += part.length;
      say(q);
      more.hidden = shown >= res.length;
    });
  }

  function run(q) {
    var my = ++seq;
    q = q.trim();
    try {
      history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
    } catch (e) { /* file:// may refuse; the search still runs */ }
    var qt = tokens(q), set = obj();
    if (!qt.length) {
      // Punctuation alone ("%", "...") has no word to look up: say so
      // rather than leave the page blank.
      list.textContent = '';
      status.textContent = q ? text('none', 'Không tìm thấy kết quả nào cho “{q}”', '', q) : '';
      more.hidden = true;
      return;
    }
    qt.forEach(function (t) {
      var forms = set[t.f] || (set[t.f] = obj());
      if (t.e != t.f) forms[t.e] = 1;
    });
    load('manifest').then(function (man) {
      return Promise.all(qt.map(function (t) {
        return load('s/' + (fnv(t.f) & (man.shards - 1)).toString(16));
      })).then(function (ss) {
        var entries = obj();
        qt.forEach(function (t, i) { entries[t.f] = ss[i]; });
        if (my != seq) return;
        res = rank(man.docs, live(man), qt, entries);
        shown = 0;
        if (!res.length) {
          list.textContent = '';
          more.hidden = true;
          return say(q);
        }
        more.onclick = function () { show(man, set, my, q); };
        return show(man, set, my, q);
      });
    }).catch(function () {
      if (my == seq) status.textContent = text('error', 'Không tải được dữ liệu tìm kiếm.', '', '');
    });
  }

  more = el('button', text('more', 'Xem thêm kết quả', '', ''), 'search-more');
  more.type = 'button';
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  if (input.form) input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  var q0 = new URLSearchParams(location.search).get('q');
  if (q0) run(input.value = q0);
})();
