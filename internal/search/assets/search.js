// portal site search: loads the manifest, the shards of the query's terms
// and the display data of the results shown. Ranking mirrors reader.go.
(function () {
  'use strict';
  var OFFLINE = false; // BuildOffline turns this on: data comes as script files
  var d = document, w = window, me = d.currentScript;
  var input = d.getElementById('search-input'), status = d.getElementById('search-status'),
    list = d.getElementById('search-results');
  if (!me || !input || !list) return;
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

  function obj() {
    return Object.create(null);
  }

  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd');
  }

  function tokens(q) {
    return (q.normalize('NFC').toLowerCase().match(WORD) || []).map(function (e) {
      return { e: e, f: fold(e) };
    });
  }

  function shard(f, n) {
    var b = new TextEncoder().encode(f), h = 2166136261;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619);
    return 's/' + (h & (n - 1)).toString(16);
  }

  // decode reads a postings string into [{id, m, p: positions}].
  function decode(s) {
    var i = 0, id = -1, out = [];
    function n() {
      var v = 0, m = 1, c;
      do {
        c = V.indexOf(s[i++]);
        v += (c & 31) * m;
        m *= 32;
      } while (c & 32);
      return v;
    }
    while (i < s.length) {
      id += n() + 1;
      var meta = n(), k = n(), x = n(), p = [x];
      while (--k > 0) p.push(x += n() + 1);
      out.push({ id: id, m: meta, p: p });
    }
    return out;
  }

  // adjacent returns the first position of a followed by one of b, or -1.
  function adjacent(a, b) {
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      var g = b[j] - a[i] - 1;
      if (!g) return a[i];
      if (g > 0) i++; else j++;
    }
    return -1;
  }

  function rank(n, qt, entries) {
    var docs = {}, terms = [], seen = obj(), out = [];
    qt.forEach(function (t) {
      if (!seen[t.f]) terms.push(seen[t.f] = t);
    });
    terms.forEach(function (t) {
      var e = entries[t.f];
      if (!e) return;
      var vi = e[0].split(' ').indexOf(t.e), list = decode(e[1]);
      t.w = Math.log(1 + n / list.length);
      list.forEach(function (q) {
        var r = docs[q.id] || (docs[q.id] = { id: q.id, m: 0, x: 0, s: 0, p: obj(), w: -1 });
        var f = q.m % 16, tf = q.p.length;
        var s = t.w * ((f & 1 ? 5 : f & 2 ? 2.5 : f & 4 ? 1.5 : 0) + tf / (tf + 2));
        if (t.e != t.f) {
          if (vi >= 0 && Math.floor(q.m / 16 / Math.pow(2, vi)) % 2) r.x++;
          else s *= 0.3;
        }
        r.m++;
        r.s += s;
        r.p[t.f] = q.p;
        if (t.w > r.w) {
          r.w = t.w;
          r.at = q.p[0];
        }
      });
    });
    for (var id in docs) {
      var r = docs[id], adj = 0, first = -1;
      for (var k = 0; k + 1 < qt.length; k++) {
        var a = r.p[qt[k].f], b = r.p[qt[k + 1].f], at = a && b ? adjacent(a, b) : -1;
        if (at >= 0) {
          adj++;
          if (first < 0 || at < first) first = at;
        }
      }
      if (qt.length > 1) r.s *= 1 + 2 * adj / (qt.length - 1);
      if (first >= 0) r.at = first;
      if (r.m == terms.length) out.push(r);
    }
    return out.sort(function (a, b) {
      return b.x - a.x || b.s - a.s || a.id - b.id;
    });
  }

  // hits counts the query terms found in text.
  function hits(text, set) {
    var found = obj(), c = 0;
    (text.toLowerCase().match(WORD) || []).forEach(function (t) {
      t = fold(t.normalize('NFC'));
      if (set[t] && !found[t]) c = found[t] = 1 + c;
    });
    return c;
  }

  // snippet picks the heading to link (where the best match is) and the
  // text to show (that section's, or else the fragment with most query
  // terms) for doc record [url,title,section,desc,bodyStart,intro,sections].
  function snippet(doc, r, set) {
    var frags = [{ t: doc[3] }, { t: doc[5] }], cur = frags[doc[3] && r.at < doc[4] ? 0 : 1], top;
    doc[6].forEach(function (s) {
      frags.push(s = { id: s[1], h: s[2], t: s[3], p: s[0] });
      if (r.at >= s.p) cur = s;
    });
    var link = cur;
    top = hits(cur.t, set);
    frags.forEach(function (f) {
      var h = hits(f.t, set);
      if (h > top) {
        top = h;
        cur = f;
      }
    });
    return { id: link.id, h: link.h, t: cur.t };
  }

  function el(tag, text, cls) {
    var e = d.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function marked(text, set) {
    var p = el('p', '', 'search-snippet');
    text.split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (s, i) {
      p.appendChild(i % 2 && set[fold(s.toLowerCase().normalize('NFC'))] ? el('mark', s) : d.createTextNode(s));
    });
    return p;
  }

  function say(q) {
    var n = res.length;
    status.textContent = n ? 'Tìm thấy ' + String(n).replace(/\B(?=(\d{3})+$)/g, '.') + ' kết quả cho “' + q + '”'
      : 'Không tìm thấy kết quả nào cho “' + q + '”';
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
      list.textContent = status.textContent = '';
      more.hidden = true;
      return;
    }
    qt.forEach(function (t) { set[t.f] = 1; });
    load('manifest').then(function (man) {
      return Promise.all(qt.map(function (t) {
        return load(shard(t.f, man.shards));
      })).then(function (ss) {
        var entries = obj();
        qt.forEach(function (t, i) { if ({}.hasOwnProperty.call(ss[i], t.f)) entries[t.f] = ss[i][t.f]; });
        if (my != seq) return;
        res = rank(man.docs, qt, entries);
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
      if (my == seq) status.textContent = 'Không tải được dữ liệu tìm kiếm.';
    });
  }

  more = el('button', 'Xem thêm kết quả', 'search-more');
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
