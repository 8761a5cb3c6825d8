// portal serve: live reload. Injected only by the preview server.
(function () {
  'use strict';
  var KEY = 'portal-scroll:' + location.pathname;
  // Restore the scroll position saved just before a reload.
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved !== null) {
      sessionStorage.removeItem(KEY);
      var pos = JSON.parse(saved);
      var restore = function () { window.scrollTo(pos[0], pos[1]); };
      if (document.readyState === 'complete') { restore(); } else { window.addEventListener('load', restore); }
    }
  } catch (e) { /* storage may be disabled */ }

  function clearOverlay() {
    var o = document.getElementById('portal-overlay');
    if (o) { o.parentNode.removeChild(o); }
  }

  function showOverlay(problems) {
    clearOverlay();
    var box = document.createElement('div');
    box.id = 'portal-overlay';
    box.setAttribute('role', 'alert');
    // Styled by /__portal/live.css: the site's policy allows no inline style.
    var h = document.createElement('p');
    h.className = 'portal-overlay-title';
    h.textContent = 'Lỗi khi dựng trang — đang hiển thị bản dựng tốt gần nhất';
    var pre = document.createElement('pre');
    pre.textContent = problems.map(function (p) { return p.text; }).join('\n');
    var tip = document.createElement('p');
    tip.textContent = 'Sửa tệp và lưu lại; thông báo này tự biến mất khi trang dựng được.';
    box.appendChild(h);
    box.appendChild(pre);
    box.appendChild(tip);
    document.body.appendChild(box);
  }

  function reload() {
    try { sessionStorage.setItem(KEY, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) { /* ignore */ }
    location.reload();
  }

  // Swap every same-site stylesheet for a fresh copy, without reloading.
  function swapCSS(stamp) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href, location.href);
      if (u.origin !== location.origin) { continue; }
      u.searchParams.set('portal-reload', stamp);
      links[i].href = u.pathname + u.search + u.hash;
    }
  }

  if (!window.EventSource) { return; }
  var es = new EventSource('/__portal/events');
  es.addEventListener('reload', reload);
  es.addEventListener('css', function (e) { clearOverlay(); swapCSS(e.data); });
  // "ok" comes on connecting while the build is good: a page drawn with
  // the error box is older than the fix, so fetch it again.
  es.addEventListener('ok', function () {
    if (document.getElementById('portal-overlay')) { reload(); }
  });
  // A named "error" event carries data; the connection's own error event
  // has none and is left to EventSource's automatic retry.
  es.addEventListener('error', function (e) {
    if (!e.data) { return; }
    try { showOverlay(JSON.parse(e.data).problems); } catch (err) { /* malformed: ignore */ }
  });
})();
