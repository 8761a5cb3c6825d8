// Page-side checks of the portal browser gate. The Go tests evaluate this file in
// each page after it loads, then call the functions of window.__portalAudit.
// Every function returns plain JSON-friendly values.
(() => {
  'use strict';
  if (window.__portalAudit) {
    return;
  }

  // A short CSS-like path that a person can find in the page source.
  function describe(el) {
    if (!el || el.nodeType !== 1) {
      return String(el);
    }
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
      let s = n.localName;
      if (n.id) {
        s += '#' + n.id;
        parts.unshift(s);
        break;
      }
      const cls = Array.from(n.classList).filter((c) => !c.startsWith('__portal')).slice(0, 2);
      if (cls.length) {
        s += '.' + cls.join('.');
      }
      if (n.parentElement) {
        const same = Array.from(n.parentElement.children).filter((c) => c.localName === n.localName);
        if (same.length > 1) {
          s += ':nth-of-type(' + (same.indexOf(n) + 1) + ')';
        }
      }
      parts.unshift(s);
    }
    return parts.join(' > ');
  }

  function textOf(el) {
    return (el.innerText || el.textContent || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  }

  // Rendered and not hidden by CSS; zero-sized boxes count as hidden.
  function isVisible(el) {
    if (!el.isConnected) {
      return false;
    }
    if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) {
      return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  // Visually hidden helpers (1px boxes, clip) hide text on purpose for screen readers.
  function isVisuallyHiddenHelper(el) {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2) {
      return true;
    }
    if (cs.clip && cs.clip !== 'auto') {
      return true;
    }
    return cs.clipPath && cs.clipPath !== 'none';
  }

  function hiddenOverflow(v) {
    return v === 'hidden' || v === 'clip';
  }

  // Layout at the current viewport: horizontal scrolling, clipped text and the
  // layout viewport width (which shows whether <meta name=viewport> works).
  function layout() {
    const de = document.documentElement;
    const cw = de.clientWidth;
    const out = {
      innerWidth: window.innerWidth,
      clientWidth: cw,
      scrollWidth: Math.max(de.scrollWidth, document.body ? document.body.scrollWidth : 0),
      overflowing: [],
      clipped: [],
    };
    const all = Array.from(document.body ? document.body.querySelectorAll('*') : []);
    if (out.scrollWidth > cw) {
      // The innermost visible elements that stick out of the viewport are the likely culprits.
      const wide = all.filter((el) => {
        if (!isVisible(el)) {
          return false;
        }
        const r = el.getBoundingClientRect();
        return r.right > cw + 1;
      });
      const leaves = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
      out.overflowing = leaves.slice(0, 5).map((el) => {
        const r = el.getBoundingClientRect();
        return describe(el) + ' (right edge at ' + Math.round(r.right) + 'px)';
      });
    }
    const candidates = [de, document.body].concat(all);
    for (const el of candidates) {
      if (!el || out.clipped.length >= 10) {
        continue;
      }
      const cs = getComputedStyle(el);
      const clipX = hiddenOverflow(cs.overflowX);
      const clipY = hiddenOverflow(cs.overflowY);
      if (!clipX && !clipY) {
        continue;
      }
      const overX = clipX && el.scrollWidth > el.clientWidth + 1;
      const overY = clipY && el.scrollHeight > el.clientHeight + 1;
      if (!overX && !overY) {
        continue;
      }
      if (!isVisible(el) || isVisuallyHiddenHelper(el)) {
        continue;
      }
      const box = el === de ? { left: 0, top: 0, right: cw, bottom: de.clientHeight } : el.getBoundingClientRect();
      // Clip to the padding box: text under the border or scrollbar is cut too.
      const left = box.left + el.clientLeft;
      const top = box.top + el.clientTop;
      const right = left + el.clientWidth;
      const bottom = top + el.clientHeight;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let hit = '';
      let seen = 0;
      for (let n = walker.nextNode(); n && !hit && seen < 500; n = walker.nextNode(), seen++) {
        if (!n.nodeValue.trim()) {
          continue;
        }
        const parent = n.parentElement;
        if (!parent || !isVisible(parent) || isVisuallyHiddenHelper(parent)) {
          continue;
        }
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.height === 0) {
            continue;
          }
          const cutX = overX && (r.right > right + 1 || r.left < left - 1);
          const cutY = overY && (r.bottom > bottom + 1 || r.top < top - 1);
          if (cutX || cutY) {
            hit = n.nodeValue.replace(/\s+/g, ' ').trim().slice(0, 50);
            break;
          }
        }
      }
      if (hit) {
        out.clipped.push(describe(el) + ' cuts off "' + hit + '"' +
          (cs.textOverflow === 'ellipsis' ? ' (text-overflow: ellipsis)' : ''));
      }
    }
    return out;
  }

  function findMainNav() {
    const navs = Array.from(document.querySelectorAll('nav, [role="navigation"]'));
    if (!navs.length) {
      return null;
    }
    const label = (n) => {
      const by = n.getAttribute('aria-labelledby');
      const ref = by ? document.getElementById(by) : null;
      return (n.getAttribute('aria-label') || (ref ? ref.textContent : '') || n.id || '').toLowerCase();
    };
    return navs.find((n) => /chính|main|primary/.test(label(n))) ||
      navs.find((n) => n.closest('header, [role="banner"]')) ||
      navs[0];
  }

  // A nav counts as visible when it and at least one of its links are on screen.
  function navShown(nav) {
    if (!isVisible(nav)) {
      return false;
    }
    const cw = document.documentElement.clientWidth;
    return Array.from(nav.querySelectorAll('a[href]')).some((a) => {
      if (!isVisible(a)) {
        return false;
      }
      const r = a.getBoundingClientRect();
      return r.left >= -1 && r.right <= cw + 1;
    });
  }

  function togglesFor(nav) {
    const related = (id) => {
      const t = id && document.getElementById(id);
      return t && (t === nav || t.contains(nav) || nav.contains(t));
    };
    const out = [];
    for (const el of document.querySelectorAll('[aria-controls]')) {
      if (el.getAttribute('aria-controls').split(/\s+/).some(related)) {
        out.push(el);
      }
    }
    for (const d of document.querySelectorAll('details')) {
      const s = d.querySelector(':scope > summary');
      if (s && d.contains(nav)) {
        out.push(s);
      }
    }
    return out.filter(isVisible);
  }

  function nextFrame() {
    return new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }

  // Whether the main navigation can be reached at this viewport: visible, or
  // shown by a visible toggle. The toggle is clicked and clicked again to
  // restore the page.
  async function mainNav() {
    const nav = findMainNav();
    if (!nav) {
      return { found: false };
    }
    const res = { found: true, nav: describe(nav), visible: navShown(nav), toggle: '', opened: false };
    if (res.visible) {
      return res;
    }
    for (const t of togglesFor(nav)) {
      res.toggle = describe(t);
      t.click();
      const until = performance.now() + 1500;
      while (performance.now() < until && !navShown(nav)) {
        await nextFrame();
      }
      res.opened = navShown(nav);
      t.click();
      await nextFrame();
      if (res.opened) {
        break;
      }
    }
    return res;
  }

  const FOCUSABLE = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
    'summary', 'iframe', '[tabindex]', '[contenteditable]:not([contenteditable="false"])',
    'audio[controls]', 'video[controls]',
  ].join(',');

  // The parts of the computed style that can show focus: an outline, a box
  // shadow, a fill (the GOV.UK-style yellow background) or a border.
  function focusStyle(el) {
    const cs = getComputedStyle(el);
    return {
      outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
      outlineShown: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !isTransparent(cs.outlineColor),
      boxShadow: cs.boxShadow,
      background: cs.backgroundColor,
      border: ['Top', 'Right', 'Bottom', 'Left'].map((side) =>
        cs['border' + side + 'Style'] + ' ' + cs['border' + side + 'Width'] + ' ' + cs['border' + side + 'Color']).join(', '),
    };
  }

  function isTransparent(color) {
    if (color === 'transparent') {
      return true;
    }
    const m = /rgba?\(([^)]*)\)/.exec(color);
    if (!m) {
      return false;
    }
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    return parts.length === 4 && parseFloat(parts[3]) === 0;
  }

  // Marks every element that should be in the Tab order and records its
  // unfocused style, so that focusState can compare.
  function focusables() {
    const list = [];
    const base = new Map();
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (el.tabIndex < 0 || el.disabled || el.closest('[inert]') || !isVisible(el)) {
        continue;
      }
      if (el.localName === 'summary' && el.parentElement.localName !== 'details') {
        continue;
      }
      const closedDetails = el.parentElement && el.parentElement.closest('details:not([open])');
      if (closedDetails && el.closest('summary') !== closedDetails.querySelector(':scope > summary')) {
        continue;
      }
      if (el.localName === 'input' && el.type === 'radio' && !el.checked && el.name &&
        document.querySelector('input[type="radio"][name="' + CSS.escape(el.name) + '"]:checked')) {
        continue; // only the checked radio of a group is in the Tab order
      }
      const idx = list.length;
      el.setAttribute('data-portal-audit', String(idx));
      base.set(el, focusStyle(el));
      list.push(describe(el) + (textOf(el) ? ' "' + textOf(el) + '"' : ''));
    }
    window.__portalAuditBase = base;
    return list;
  }

  // What has the keyboard focus now, and whether its focus style differs
  // visibly from its unfocused style.
  function focusState() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
      return { idx: -1, none: true, desc: el ? el.localName : 'null' };
    }
    const base = (window.__portalAuditBase && window.__portalAuditBase.get(el)) ||
      { outline: 'none 0px', outlineShown: false, boxShadow: 'none', background: 'rgba(0, 0, 0, 0)', border: '' };
    const now = focusStyle(el);
    const outlineChanged = now.outlineShown && now.outline !== base.outline;
    const shadowChanged = now.boxShadow !== 'none' && now.boxShadow !== base.boxShadow;
    const fillChanged = !isTransparent(now.background) && now.background !== base.background;
    const borderChanged = base.border !== '' && now.border !== base.border && /(solid|double|dashed|dotted|groove|ridge|inset|outset) [1-9]/.test(now.border);
    const main = document.querySelector('main, [role="main"]');
    let skipTarget = '';
    if (el.localName === 'a' && (el.getAttribute('href') || '').startsWith('#')) {
      let id = el.getAttribute('href').slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (e) {
        // keep the raw fragment
      }
      const t = id ? document.getElementById(id) : null;
      skipTarget = t ? (t === main ? 'main' : describe(t)) : 'missing #' + id;
    }
    return {
      idx: el.hasAttribute('data-portal-audit') ? Number(el.getAttribute('data-portal-audit')) : -1,
      none: false,
      desc: describe(el) + (textOf(el) ? ' "' + textOf(el) + '"' : ''),
      tag: el.localName,
      skipTarget,
      isMain: el === main,
      inMain: !!main && main.contains(el),
      visibleFocus: outlineChanged || shadowChanged || fillChanged || borderChanged,
      style: 'outline ' + now.outline + '; box-shadow ' + now.boxShadow + '; background ' + now.background +
        ' (unfocused: outline ' + base.outline + '; box-shadow ' + base.boxShadow + '; background ' + base.background + ')',
    };
  }

  window.__portalAudit = { layout, mainNav, focusables, focusState };
})();
