'use strict';
/*
 * charterkit: checks that pa11y cannot make, in headless Chromium (generator/check/browser.py runs this).
 *
 *   node browser_checks.js CONFIG.json
 *
 * CONFIG: {
 *   "puppeteer": "/path/to/node_modules/puppeteer",   (what to require)
 *   "chromium": "/usr/bin/chromium", "args": [...],    (how to start Chromium)
 *   "host": "127.0.0.1:8000",                          (the local server: any other host is an error)
 *   "main": "#ck-content",                             (the main content the skip link must go to)
 *   "viewports": {"narrow": {"width": 320, "height": 640}, "wide": {"width": 1280, "height": 800}},
 *   "maxTabs": 400, "timeoutMs": 30000,                 (Tab presses on a page at most; time limits)
 *   "tabs": 2,                                         (tabs side by side; only the first presses keys)
 *   "pages": [{"url": "http://127.0.0.1:8000/en/", "checks": ["reflow", "text-spacing", ...]}]
 * }
 * A page whose checks include keyboard, language-switcher or menu (the sample) is loaded once at each
 * width for all its checks; any other page once, at the narrow width, for reflow and text spacing.
 *
 * Checks (names as reported):
 *   reflow            at the narrow width the page does not scroll sideways (WCAG 1.4.10)
 *   text-spacing      with WCAG 1.4.12's text spacing, no text is cut off by a box that clips, and no text
 *                     spills out of its box over what follows (narrow; the sample at the wide width too)
 *   keyboard          first Tab stop is a skip link to the main content, which works; every Tab stop is
 *                     visible and has a visible focus indicator; focus never gets stuck (narrow and wide)
 *   language-switcher the header's language links can be reached by Tab and show when focused (narrow and
 *                     wide), and Enter on one goes to the same page in that language (wide)
 *   menu              the menu button opens and closes the navigation drawer by keyboard, the search button
 *                     opens and closes the search, every other control that opens something
 *                     (aria-expanded) works with Enter, and nothing can only be clicked with a mouse
 *   other-host        the page asks for nothing from another host (the whole visit is recorded)
 *
 * Prints one line of JSON: {"results": {URL: {"problems": [...], "error": null|"...", "ms": N,
 * "timings": {part: ms}}}, "seconds": N}. Each problem: {"check", "problem", "where" (a CSS selector), "text" (the element's
 * text, shortened), "viewport" ("320x640")}. Nothing is written anywhere else.
 */
const fs = require('fs');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const puppeteer = require(config.puppeteer);

const VIEWPORTS = config.viewports || {narrow: {width: 320, height: 640}, wide: {width: 1280, height: 800}};
const MAX_TABS = config.maxTabs || 400;
const TIMEOUT = config.timeoutMs || 30000;
const MAIN = config.main || '#ck-content';

/* WCAG 1.4.12's text spacing, as in the usual bookmarklet, on everything. */
const TEXT_SPACING_CSS = [
  '*, *::before, *::after {',
  '  line-height: 1.5 !important;',
  '  letter-spacing: 0.12em !important;',
  '  word-spacing: 0.16em !important;',
  '}',
  'p { margin-bottom: 2em !important; }',
].join('\n');

/* ---- helpers that run inside the page (added to every page before its own scripts) -------------- */
function pageHelpers() {
  if (window.__ck) return;
  const ck = {};
  window.__ck = ck;

  ck.short = function (text, n) {
    text = (text || '').replace(/\s+/g, ' ').trim();
    n = n || 60;
    return text.length > n ? text.slice(0, n - 1) + '\u2026' : text;
  };

  /* A CSS selector that finds el: its id, or a path of tag.class:nth-of-type up to an id or <body>. */
  ck.selector = function (el) {
    if (!el || el.nodeType !== 1) return '';
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 6; node = node.parentElement) {
      if (node.id && document.querySelectorAll('#' + CSS.escape(node.id)).length === 1) {
        parts.unshift('#' + CSS.escape(node.id));
        break;
      }
      if (node === document.body || node === document.documentElement) {
        parts.unshift(node.tagName.toLowerCase());
        break;
      }
      let part = node.tagName.toLowerCase();
      const classes = Array.from(node.classList).filter(c => !/(^focus-visible$|--active$)/.test(c));
      if (classes.length) part += '.' + classes.slice(0, 2).map(c => CSS.escape(c)).join('.');
      const parent = node.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter(c => c.tagName === node.tagName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };

  ck.text = function (el) {
    if (!el) return '';
    const label = el.getAttribute && (el.getAttribute('aria-label') || el.getAttribute('title'));
    return ck.short(el.innerText || el.textContent || label || el.getAttribute('href') || '');
  };

  ck.describe = function (el) { return {where: ck.selector(el), text: ck.text(el)}; };

  /* Visually hidden on purpose ("screen-reader only"): 1 px or clipped away. */
  ck.srOnly = function (el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const s = getComputedStyle(node);
      if (s.position === 'absolute' || s.position === 'fixed') {
        const r = node.getBoundingClientRect();
        if (r.width <= 1 && r.height <= 1) return true;
        if (/inset\(50%/.test(s.clipPath) || /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(s.clip)) return true;
      }
    }
    return false;
  };

  /* Can be seen at all: rendered, not visibility:hidden, no ancestor with opacity 0 or display:none. */
  ck.shown = function (el) {
    if (!el || !el.isConnected) return false;
    if (el.getClientRects().length === 0) return false;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible') return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (parseFloat(getComputedStyle(node).opacity) < 0.05) return false;
    }
    return true;
  };

  const clips = v => v === 'hidden' || v === 'clip';
  const scrolls = v => v === 'auto' || v === 'scroll';

  /* Ancestors that cut off what sticks out of them, up to the first one that scrolls (what is inside a
   * box that scrolls can be reached by scrolling it). */
  ck.clippingAncestors = function (el) {
    const out = [];
    for (let node = el.parentElement; node && node !== document.body && node !== document.documentElement;
         node = node.parentElement) {
      const s = getComputedStyle(node);
      if (scrolls(s.overflowX) || scrolls(s.overflowY)) break;
      if (clips(s.overflowX) || clips(s.overflowY)) {
        out.push({node: node, x: clips(s.overflowX), y: clips(s.overflowY)});
      }
      if (s.position === 'fixed') break;
    }
    return out;
  };

  /* Why a focused element cannot be seen, or null. */
  ck.whyNotVisible = function (el) {
    if (!el.isConnected) return 'it is no longer on the page';
    const rects = Array.from(el.getClientRects()).filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) {
      // an element with no box of its own but visible content (display: contents, for example)
      const inner = Array.from(el.querySelectorAll('*')).some(c => c.getClientRects().length &&
        c.getBoundingClientRect().width > 0);
      if (!inner) return 'it has no size (it cannot be seen)';
    }
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible') return 'it is invisible (visibility: ' + s.visibility + ')';
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      if (parseFloat(getComputedStyle(node).opacity) < 0.05) {
        return 'it is transparent (opacity 0' + (node === el ? '' : ' on ' + ck.selector(node)) + ')';
      }
    }
    if (ck.srOnly(el)) return 'it is visually hidden (screen-reader only)';
    const r = el.getBoundingClientRect();
    for (const clip of ck.clippingAncestors(el)) {
      const c = clip.node.getBoundingClientRect();
      if ((clip.x && (r.right <= c.left + 1 || r.left >= c.right - 1)) ||
          (clip.y && (r.bottom <= c.top + 1 || r.top >= c.bottom - 1))) {
        return 'it is cut off by ' + ck.selector(clip.node) + ' (overflow hidden)';
      }
    }
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    // A box that scrolling can show whole must be wholly in the window; a bigger one must be partly in it.
    // Down the page, what scrolling can show whole is the window less the page's scroll padding (the room
    // kept under a sticky header and above the bottom edge): a box taller than that room, even if not
    // taller than the window, is never seen whole (scrolling it into view puts its top under the header),
    // and a reader scrolls to see the rest of it.
    const html = getComputedStyle(document.documentElement);
    const pad = value => Math.max(0, parseFloat(value) || 0);
    const roomY = Math.max(1, vh - pad(html.scrollPaddingTop) - pad(html.scrollPaddingBottom));
    const outsideOf = (lo, hi, size, room, max) => size <= room ? (lo < -1 || hi > max + 1) : (hi <= 0 || lo >= max);
    const outside = box => outsideOf(box.left, box.right, box.width, vw, vw) ||
      outsideOf(box.top, box.bottom, box.height, roomY, vh);
    if (outside(r)) {
      el.scrollIntoView({block: 'nearest', inline: 'nearest'});
      const r2 = el.getBoundingClientRect();
      if (outside(r2)) {
        return 'it is outside the window (' + Math.round(r2.left) + ',' + Math.round(r2.top) + ' to ' +
          Math.round(r2.right) + ',' + Math.round(r2.bottom) + ' in a ' + vw + 'x' + vh + ' window)';
      }
    }
    // Covered by something else (a sticky header, for example): none of a few points hits it.
    const first = rects[0] || el.getBoundingClientRect();
    const points = [[0.5, 0.5], [0.15, 0.5], [0.85, 0.5], [0.5, 0.2], [0.5, 0.8]];
    let hits = 0, cover = null;
    for (const [fx, fy] of points) {
      const x = first.left + first.width * fx, y = first.top + first.height * fy;
      if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit === el || el.contains(hit) || hit.contains(el)) hits++;
      else cover = cover || hit;
    }
    if (!hits && cover) return 'it is hidden behind ' + ck.selector(cover);
    return null;
  };

  const FOCUS_PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'background-color', 'background-image', 'border-top-style', 'border-top-width', 'border-top-color',
    'border-bottom-style', 'border-bottom-width', 'border-bottom-color', 'border-left-color',
    'border-right-color', 'text-decoration-line', 'text-decoration-style', 'text-decoration-thickness',
    'text-decoration-color', 'color'];

  function styleOf(el, pseudo) {
    const s = getComputedStyle(el, pseudo || null);
    const out = {};
    for (const p of FOCUS_PROPS) out[p] = s.getPropertyValue(p);
    return out;
  }

  /* The look of an element and of what can show its focus for it (::before, ::after, its parent). */
  function pseudo(el, which) {
    const content = getComputedStyle(el, which).content;
    return content && content !== 'none' && content !== 'normal' ? styleOf(el, which) : null;
  }

  ck.look = function (el) {
    return {self: styleOf(el), before: pseudo(el, '::before'), after: pseudo(el, '::after'),
            parent: el.parentElement ? styleOf(el.parentElement) : null};
  };

  /* Looks of everything that can take focus, without focus: taken once when the page has loaded. */
  ck.restingLooks = new WeakMap();
  ck.takeRestingLooks = function () {
    const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], ' +
      '[contenteditable=""], [contenteditable="true"]';
    for (const el of document.querySelectorAll(sel)) {
      if (getComputedStyle(el).visibility === 'visible') ck.restingLooks.set(el, ck.look(el));
    }
  };

  const transparent = c => !c || c === 'transparent' || /rgba\([^)]*,\s*0(\.0+)?\)$/.test(c);

  function visibleOutline(s) {
    return s['outline-style'] !== 'none' && parseFloat(s['outline-width']) > 0 && !transparent(s['outline-color']);
  }

  /* What shows focus, comparing the focused look with the resting one: a list of differences. */
  function indicator(focused, resting) {
    const found = [];
    const parts = ['self', 'before', 'after', 'parent'];
    for (const part of parts) {
      const f = focused[part], r = resting[part];
      if (!f && !r) continue;
      if (!f || !r) {
        if (part === 'before' || part === 'after') found.push('content (' + part + ')');
        continue;
      }
      const where = part === 'self' ? '' : ' (' + part + ')';
      if (visibleOutline(f) && (!visibleOutline(r) || f['outline-color'] !== r['outline-color'] ||
          f['outline-width'] !== r['outline-width'] || f['outline-style'] !== r['outline-style'])) {
        found.push('outline' + where);
      }
      if (f['box-shadow'] !== r['box-shadow'] && f['box-shadow'] !== 'none') found.push('box-shadow' + where);
      if (f['background-color'] !== r['background-color'] || f['background-image'] !== r['background-image']) {
        found.push('background' + where);
      }
      for (const side of ['top', 'bottom']) {
        if (f['border-' + side + '-style'] !== r['border-' + side + '-style'] ||
            f['border-' + side + '-width'] !== r['border-' + side + '-width'] ||
            f['border-' + side + '-color'] !== r['border-' + side + '-color']) found.push('border' + where);
      }
      if (f['border-left-color'] !== r['border-left-color'] || f['border-right-color'] !== r['border-right-color']) {
        found.push('border' + where);
      }
      if (f['text-decoration-line'] !== r['text-decoration-line'] ||
          f['text-decoration-style'] !== r['text-decoration-style'] ||
          (f['text-decoration-line'] !== 'none' && f['text-decoration-thickness'] !== r['text-decoration-thickness'])) {
        found.push('text-decoration' + where);
      }
    }
    return found;
  }

  /* Everything about the element that has focus now, for the keyboard checks. */
  ck.focusState = function () {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {none: true};
    if (!ck.ids) { ck.ids = new WeakMap(); ck.nextId = 1; }
    if (!ck.ids.has(el)) ck.ids.set(el, ck.nextId++);
    const focused = ck.look(el);
    let resting = ck.restingLooks.get(el);
    if (!resting) {
      // Not there when the page loaded: look at it without focus, then give focus back (which keeps
      // the place Tab goes on from).
      el.blur();
      resting = ck.look(el);
      el.focus({preventScroll: true});
    }
    const href = el.getAttribute('href') || '';
    return {
      id: ck.ids.get(el), tag: el.tagName.toLowerCase(), where: ck.selector(el), text: ck.text(el),
      href: href, hreflang: el.getAttribute('hreflang') || '', hash: location.hash,
      inHeader: !!el.closest('header, .md-header'),
      inDrawer: !!el.closest('.md-sidebar--primary'),
      whyNotVisible: ck.whyNotVisible(el),
      indicator: indicator(focused, resting),
      focusVisible: el.matches(':focus-visible'),
    };
  };

  /* What has focus after each Tab, noted when the Tab key comes back up (by then focus has moved and the
   * page has scrolled to it), so many Tabs can be pressed before the log is read. */
  ck.log = [];
  ck.logging = false;
  window.addEventListener('keyup', event => {
    if (ck.logging && event.key === 'Tab') ck.log.push(ck.focusState());
  }, true);
  ck.takeLog = function () {
    const out = ck.log;
    ck.log = [];
    return out;
  };

  /* Wait (a little) for transitions and animations running now to end: focus styles often fade in. */
  ck.settle = function (ms) {
    const running = document.getAnimations().filter(a => a.playState === 'running' &&
      (a.effect && a.effect.getTiming().iterations !== Infinity));
    if (!running.length) return Promise.resolve(0);
    return Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))),
      new Promise(resolve => setTimeout(resolve, ms || 600))]).then(() => running.length);
  };

  ck.mainContent = function (selector) {
    return document.querySelector(selector) || document.querySelector('main, [role=main]');
  };

  /* ---- reflow: the page must not scroll sideways ---- */
  ck.reflow = function () {
    const root = document.documentElement;
    const vw = root.clientWidth;
    const sw = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
    if (sw <= vw) return null;
    // What sticks out: the outermost shown elements past the end of the line (the right edge, or the
    // left one right to left: what is past the other edge cannot be scrolled to, and is often hidden
    // there on purpose), not inside a box that scrolls.
    const rtl = getComputedStyle(document.body || root).direction === 'rtl';
    const culprits = [];
    const all = document.body.querySelectorAll('*');
    for (const el of all) {
      if (culprits.length >= 5) break;
      const r = el.getBoundingClientRect();
      if (!(rtl ? r.left < -0.5 : r.right > vw + 0.5) || r.width === 0) continue;
      if (culprits.some(c => c.contains(el))) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || s.position === 'fixed') continue;
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX !== 'visible') { inScroller = true; break; }
      }
      if (!inScroller) culprits.push(el);
    }
    return {scrollWidth: sw, width: vw, culprits: culprits.map(el => Object.assign(ck.describe(el),
      {box: [Math.round(el.getBoundingClientRect().left), Math.round(el.getBoundingClientRect().right)]}))};
  };

  /* ---- text spacing: text cut off by a box that clips, or spilling over what follows ---- */
  /* A style sheet of the check's own, added to the page as a constructed sheet (CSSOM), not a <style>
   * element: the pages' Content-Security-Policy (style-src 'self') refuses <style> elements a script adds,
   * as it should, but not constructed sheets, which is how a reader's own style sheet would apply. */
  ck.sheets = {};
  ck.addSheet = function (name, css) {
    if (ck.sheets[name]) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    ck.sheets[name] = sheet;
  };

  ck.textSpacingOn = function (css) {
    ck.addSheet('text-spacing', css);
    return document.documentElement.offsetHeight;  // lay the page out again now
  };

  /* Scroll to the end, and tell the page's scripts at once (so a header that shows the page's title once
   * the heading has scrolled away does it now, not on the next frame). */
  ck.scrollToEnd = function () {
    window.scrollTo(0, document.documentElement.scrollHeight);
    window.dispatchEvent(new Event('scroll'));
    return document.documentElement.offsetHeight;
  };

  /* No transitions or animations: what is shown at the end is the same, without waiting for it. */
  ck.still = function () {
    ck.addSheet('still', '*, *::before, *::after { transition: none !important; animation: none !important; }');
  };

  /* The text spacing pass: text cut off or spilling over, at the top of the page and scrolled to the end. */
  ck.textSpacingPass = function (css) {
    ck.still();
    ck.textSpacingOn(css);
    window.scrollTo(0, 0);
    window.dispatchEvent(new Event('scroll'));
    const found = ck.clippedText();
    ck.scrollToEnd();
    const keys = new Set(found.map(f => f.where));
    for (const f of ck.clippedText()) if (!keys.has(f.where)) found.push(f);
    return found;
  };

  /* Wait (polling every 10 ms, at most ms) until test() is true. */
  ck.until = function (test, ms) {
    const end = performance.now() + ms;
    return new Promise(resolve => {
      const tick = () => {
        let ok = false;
        try { ok = test(); } catch (e) { ok = false; }
        if (ok || performance.now() > end) resolve(ok);
        else setTimeout(tick, 10);
      };
      tick();
    });
  };

  /* Text that a box cuts off (overflow hidden or clip), and text that spills out of its box over the next
   * thing on the page. Only boxes whose content is bigger than they are can do either. */
  ck.clippedText = function () {
    const found = [];
    const range = document.createRange();
    const textBox = (node) => {
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
      if (!rects.length) return null;
      return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
              top: Math.min(...rects.map(r => r.top)), bottom: Math.max(...rects.map(r => r.bottom))};
    };
    const innerBox = (el) => {
      const c = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return {left: c.left + parseFloat(cs.borderLeftWidth), right: c.right - parseFloat(cs.borderRightWidth),
              top: c.top + parseFloat(cs.borderTopWidth), bottom: c.bottom - parseFloat(cs.borderBottomWidth)};
    };
    const shownCache = new Map();
    const shown = el => {
      if (!shownCache.has(el)) shownCache.set(el, ck.shown(el) && !ck.srOnly(el));
      return shownCache.get(el);
    };
    const clipsOrScrolls = el => {
      const s = getComputedStyle(el);
      return s.overflowX !== 'visible' || s.overflowY !== 'visible';
    };
    /* The text nodes inside el (not inside another box that clips or scrolls) that can be seen. */
    const texts = (el, own) => {
      const out = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: n => {
          if (n.nodeType === 1) {
            if (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|svg)$/.test(n.tagName)) return NodeFilter.FILTER_REJECT;
            if (n !== el && (own || clipsOrScrolls(n))) {
              return own && !clipsOrScrolls(n) && getComputedStyle(n).display.startsWith('inline') ?
                NodeFilter.FILTER_SKIP : NodeFilter.FILTER_REJECT;
            }
            return NodeFilter.FILTER_SKIP;
          }
          return /\S/.test(n.data) && shown(n.parentElement) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
      return out;
    };
    for (const el of document.body.getElementsByTagName('*')) {
      const overY = el.scrollHeight > el.clientHeight + 1, overX = el.scrollWidth > el.clientWidth + 1;
      if (!overX && !overY) continue;
      if (el.clientWidth === 0 && el.clientHeight === 0) continue;  // inline, or closed on purpose
      const s = getComputedStyle(el);
      const clipX = /hidden|clip/.test(s.overflowX), clipY = /hidden|clip/.test(s.overflowY);
      if (clipX || clipY) {
        if (!(clipX && overX) && !(clipY && overY)) continue;
        if (!shown(el)) continue;
        const inner = innerBox(el);
        if (inner.right - inner.left < 2 || inner.bottom - inner.top < 2) continue;  // closed on purpose
        for (const node of texts(el, false)) {
          const t = textBox(node);
          if (!t) continue;
          const cutX = clipX && (t.right > inner.right + 1 || t.left < inner.left - 1);
          const cutY = clipY && (t.bottom > inner.bottom + 1 || t.top < inner.top - 1);
          if (cutX || cutY) {
            found.push({kind: 'clipped', where: ck.selector(el), text: ck.short(el.innerText || node.data),
                        how: cutX && cutY ? 'across and down' : cutX ? 'across' : 'down',
                        box: [Math.round(inner.right - inner.left), Math.round(inner.bottom - inner.top)],
                        content: [el.scrollWidth, el.scrollHeight]});
            break;
          }
        }
        continue;
      }
      // Spilling: text below the bottom of a box that does not grow, over the next thing.
      if (!overY || s.overflowY !== 'visible' || s.display.startsWith('inline') || !shown(el)) continue;
      const b = el.getBoundingClientRect();
      let spill = null;
      for (const node of texts(el, true)) {
        const t = textBox(node);
        if (t && t.bottom > b.bottom + 1) { spill = {t: t, node: node}; break; }
      }
      if (!spill) continue;
      let next = null;
      for (let n = el; n && n !== document.body && !next; n = n.parentElement) {
        for (let sib = n.nextElementSibling; sib; sib = sib.nextElementSibling) {
          if (shown(sib) && sib.getBoundingClientRect().height > 0) { next = sib; break; }
        }
      }
      if (!next) continue;
      const nr = next.getBoundingClientRect();
      const overlapX = Math.min(spill.t.right, nr.right) - Math.max(spill.t.left, nr.left);
      if (nr.top < spill.t.bottom - 1 && nr.bottom > b.bottom && overlapX > 1) {
        found.push({kind: 'overlap', where: ck.selector(el), text: ck.short(el.innerText || spill.node.data),
                    over: ck.selector(next)});
      }
    }
    return found;
  };

  /* ---- controls that only a mouse can use ---- */
  ck.mouseOnly = function () {
    const found = [];
    const natives = 'a[href], button, input, select, textarea, summary, label[for], label:has(input)';
    for (const el of document.body.querySelectorAll('[onclick], [role=button], [role=menuitem], [role=tab], ' +
        '[role=switch], [role=checkbox], [role=link], [role=option]')) {
      if (el.matches(natives) || el.closest('a[href], button')) continue;
      if (el.tabIndex >= 0 && !el.hasAttribute('disabled')) continue;
      if (!ck.shown(el)) continue;
      found.push(ck.describe(el));
    }
    return found;
  };

  /* Something on the page changed (attributes, contents, checkboxes, where the page is)? */
  ck.watch = function () {
    ck.changes = 0;
    if (ck.observer) ck.observer.disconnect();
    ck.observer = new MutationObserver(list => { ck.changes += list.length; });
    ck.observer.observe(document.documentElement, {attributes: true, childList: true, subtree: true,
                                                   characterData: true});
    ck.checks = Array.from(document.querySelectorAll('input[type=checkbox], input[type=radio]')).map(i => i.checked);
    ck.startUrl = location.href;
  };
  ck.changed = function () {
    const now = Array.from(document.querySelectorAll('input[type=checkbox], input[type=radio]')).map(i => i.checked);
    const observed = ck.changes + (ck.observer ? ck.observer.takeRecords().length : 0);
    return observed > 0 || location.href !== ck.startUrl || now.join() !== ck.checks.join();
  };
}

/* ---- the checks ------------------------------------------------------------------------------- */
function vpName(vp) { return vp.width + 'x' + vp.height; }

class Visit {
  constructor(page, url, checks) {
    this.page = page;
    this.url = url;
    this.checks = checks;
    this.problems = [];
    this.keys = new Set();
    this.others = new Set();
    this.timings = {};
    this.clock = Date.now();
    this.step = '';  // the last part done (for an error's message)
    this.error = null;
  }

  add(check, vp, problem, where, text) {
    if (!this.checks.includes(check)) return;
    const key = [check, vp ? vpName(vp) : '', problem, where || ''].join('|');
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.problems.push({check: check, problem: problem, where: where || '', text: text || '',
                        viewport: vp ? vpName(vp) : ''});
  }

  /* How long each part took (in the report: where the time goes). */
  lap(label) {
    const now = Date.now();
    this.timings[label] = (this.timings[label] || 0) + now - this.clock;
    this.clock = now;
    this.step = label;
    if (process.env.CHARTERKIT_BROWSER_DEBUG) process.stderr.write(`  ${label} ${this.url}\n`);
  }
}

/* Go to url. Going to the page already shown would be a reload, which keeps its scroll position and the
 * state of its checkboxes: go by an empty page then. */
async function goto(page, url) {
  if (page.url().split('#')[0] === url.split('#')[0]) await page.goto('about:blank');
  return page.goto(url, {waitUntil: 'load', timeout: TIMEOUT});
}

async function setViewport(page, vp) {
  const now = page.viewport();
  if (!now || now.width !== vp.width || now.height !== vp.height) {
    await page.setViewport({width: vp.width, height: vp.height, deviceScaleFactor: 1});
  }
}

/* Load url at the viewport's size, wait for its fonts. For the keyboard checks (interactive): no
 * transitions, and note how everything that can take focus looks without it. */
async function open(page, url, vp, interactive) {
  await setViewport(page, vp);
  const response = await goto(page, url);
  const ms = await page.evaluate(interactive => document.fonts.ready.then(() => {
    const t0 = performance.now();
    if (interactive) {
      window.__ck.still();
      window.__ck.takeRestingLooks();
    }
    return performance.now() - t0;
  }), !!interactive);
  if (page.__ckVisit) page.__ckVisit.timings['in page: resting looks'] = (page.__ckVisit.timings['in page: resting looks'] || 0) + Math.round(ms);
  return response;
}

/* A key pressed and let go (both sent at once: one wait instead of two). */
async function press(page, key) {
  await Promise.all([page.keyboard.down(key), page.keyboard.up(key)]);
}

async function focusState(page) {
  return page.evaluate(() => window.__ck.settle(600).then(() => window.__ck.focusState()));
}

async function tab(page) {
  await press(page, 'Tab');
  return focusState(page);
}

function reportReflow(visit, vp, overflow) {
  if (!overflow) return;
  const what = overflow.culprits.length ? overflow.culprits : [{where: 'html', text: ''}];
  for (const c of what) {
    visit.add('reflow', vp, `The page scrolls sideways at ${overflow.width} px wide: it is ` +
      `${overflow.scrollWidth} px wide. This element sticks out` + (c.box ? ` (from ${c.box[0]} to ` +
      `${c.box[1]} px)` : '') + '; let it wrap or shrink, or put it in a box that scrolls.', c.where, c.text);
  }
}

function reportTextSpacing(visit, vp, found) {
  for (const f of found) {
    if (f.kind === 'clipped') {
      visit.add('text-spacing', vp, `With more space between letters, words and lines (WCAG 1.4.12), ` +
        `text is cut off ${f.how}: the box is ${f.box[0]}x${f.box[1]} px but its content needs ` +
        `${f.content[0]}x${f.content[1]} px, and it hides what does not fit (overflow: hidden). Let the ` +
        `box grow or the text wrap.`, f.where, f.text);
    } else {
      visit.add('text-spacing', vp, `With more space between letters, words and lines (WCAG 1.4.12), ` +
        `text spills out of its box over ${f.over}. Do not fix the box's height.`, f.where, f.text);
    }
  }
}

async function textSpacing(visit, vp) {
  if (!visit.checks.includes('text-spacing')) return;
  const found = await visit.page.evaluate(css => window.__ck.textSpacingPass(css), TEXT_SPACING_CSS);
  reportTextSpacing(visit, vp, found);
}

/* Every page: reflow at the narrow width, then text spacing there. One load, one call into the page. */
async function layoutChecks(visit) {
  const {page} = visit;
  const narrow = VIEWPORTS.narrow;
  await setViewport(page, narrow);
  await goto(page, visit.url);
  visit.lap('load');
  const result = await page.evaluate(async (css, spacing) => {
    await document.fonts.ready;
    const overflow = window.__ck.reflow();
    return {overflow: overflow, found: spacing ? window.__ck.textSpacingPass(css) : []};
  }, TEXT_SPACING_CSS, visit.checks.includes('text-spacing'));
  visit.lap('reflow and text spacing');
  reportReflow(visit, narrow, result.overflow);
  reportTextSpacing(visit, narrow, result.found);
}

/* The sample, at one width: one load for the keyboard walk, the menus, the skip link and text spacing;
 * on the last width, then, Enter on a language link (which leaves the page). */
async function interactiveChecks(visit, vp, last) {
  const {page} = visit;
  await open(page, visit.url, vp, true);
  visit.lap('load');
  const info = await page.evaluate(() => {
    const here = (document.documentElement.lang || '').toLowerCase();
    const alternates = {};
    for (const l of document.querySelectorAll('link[rel=alternate][hreflang]')) {
      const lang = l.getAttribute('hreflang').toLowerCase();
      if (lang !== 'x-default') alternates[lang] = l.href;
    }
    const links = Array.from(document.querySelectorAll('header a[hreflang], .md-select a[hreflang]'));
    return {here: here, alternates: alternates, reflow: window.__ck.reflow(),
            links: links.map(a => a.getAttribute('hreflang').toLowerCase())};
  });
  if (vp === VIEWPORTS.narrow) reportReflow(visit, vp, info.reflow);
  const walk = await keyboardWalk(visit, vp);
  visit.lap('tab walk');
  await menuChecks(visit, vp);
  visit.lap('menus');
  // After the menus: Material closes the menu 125 ms after the address's #part changes (as it does when
  // the skip link is used), which would look like a menu that does not open.
  await skipLinkWorks(visit, vp, walk.skip);
  visit.lap('skip link');
  await textSpacing(visit, vp);
  visit.lap('reflow and text spacing');
  await languageChecks(visit, vp, info, walk.reached, last);
  visit.lap('language switcher');
}

/* Press Tab n times (sent all at once) and return what had focus after each. */
async function tabs(page, n) {
  await page.evaluate(() => { window.__ck.logging = true; window.__ck.log = []; });
  const keys = [];
  for (let i = 0; i < n; i++) keys.push(page.keyboard.down('Tab'), page.keyboard.up('Tab'));
  await Promise.all(keys);
  return page.evaluate(() => { window.__ck.logging = false; return window.__ck.takeLog(); });
}

/* Tab from the top: the skip link first, then every Tab stop to the end of the page. */
async function keyboardWalk(visit, vp) {
  const {page} = visit;
  const reached = new Map();  // hreflang -> focus state
  const first = (await tabs(page, 1))[0] || {none: true};
  const skip = await page.evaluate((main) => {
    const el = document.activeElement;
    const target = window.__ck.mainContent(main);
    const href = el && el.getAttribute('href');
    const id = href && href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
    const goesTo = id ? document.getElementById(id) || document.getElementsByName(id)[0] : null;
    if (el && el !== document.body) el.setAttribute('data-ck-first', '');
    return {
      isLink: !!(el && el.tagName === 'A' && href),
      inPage: !!id,
      targetExists: !!goesTo,
      targetIsMain: !!(goesTo && target && (goesTo === target || target.contains(goesTo))),
      mainWhere: target ? window.__ck.selector(target) : null,
    };
  }, MAIN);
  let skipOk = false;
  if (first.none) {
    visit.add('keyboard', vp, 'Pressing Tab once does not reach anything on the page. Add a skip link to ' +
      'the main content as the first thing on the page.', 'body', '');
  } else if (!skip.isLink || !skip.inPage) {
    visit.add('keyboard', vp, 'The first Tab stop is not a skip link (a link to the main content, such as ' +
      '<a href="#main">Skip to content</a>). Add one as the first thing on the page.', first.where, first.text);
  } else if (!skip.targetExists) {
    visit.add('keyboard', vp, `The skip link goes to ${first.href}, but nothing on the page has that id. ` +
      `Point it at the main content${skip.mainWhere ? ' (' + skip.mainWhere + ')' : ''}.`, first.where, first.text);
  } else if (!skip.targetIsMain) {
    visit.add('keyboard', vp, `The skip link goes to ${first.href}, which is not the main content ` +
      `(${skip.mainWhere || 'there is no ' + MAIN + ' or <main>'}).`, first.where, first.text);
  } else {
    skipOk = true;
  }
  if (first.none) return {skip: null, reached: reached};
  const seen = new Map();  // id -> number of presses
  let pending = [first], previous = null;
  let presses = 0;
  for (;;) {
    const state = pending.shift();
    if (!state) {
      if (presses >= MAX_TABS) break;  // enough: the rest is not checked
      pending = await tabs(page, Math.min(10, MAX_TABS - presses));
      continue;
    }
    if (state.none) break;  // Tab left the page: the walk is over
    if (previous && state.id === previous.id) {
      visit.add('keyboard', vp, 'Focus is stuck: pressing Tab leaves focus on the same element. Do not ' +
        'catch the Tab key.', state.where, state.text);
      break;
    }
    if (seen.has(state.id)) {
      if (seen.get(state.id) !== 0) {
        visit.add('keyboard', vp, `Focus goes round in a loop: after ${presses} presses of Tab it is back on ` +
          'an element it had already reached, and never gets to the end of the page.', state.where, state.text);
      }
      break;
    }
    seen.set(state.id, presses);
    presses++;
    visit.timings['tab stops'] = (visit.timings['tab stops'] || 0) + 1;
    if (state.hreflang && !reached.has(state.hreflang.toLowerCase())) reached.set(state.hreflang.toLowerCase(), state);
    const isSkip = state === first && skip.isLink && skip.inPage;
    if (state.whyNotVisible) {
      visit.add('keyboard', vp, isSkip ? `The skip link cannot be seen when it has focus: ${state.whyNotVisible}.` :
        `This element takes focus but cannot be seen when it has it: ${state.whyNotVisible}. Show it when ` +
        'it has focus, or take it out of the Tab order (tabindex="-1", hidden, or display: none).',
        state.where, state.text);
    } else if (!state.indicator.length) {
      visit.add('keyboard', vp, 'This element shows no sign of having focus: its outline, box-shadow, ' +
        'background, border and underline look the same with and without focus. Give it a visible ' +
        'focus style (for example outline: 3px solid).', state.where, state.text);
    }
    previous = state;
  }
  return {skip: skipOk ? first : null, reached: reached};
}

/* Enter on the skip link moves focus (or at least the view) to the main content, and Tab goes on from there. */
async function skipLinkWorks(visit, vp, skip) {
  if (!skip) return;
  const {page} = visit;
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const first = document.querySelector('[data-ck-first]');
    if (first) first.focus();
  });
  await press(page, 'Enter');
  const after = await page.evaluate((main) => new Promise(r => setTimeout(r, 20)).then(() => {
    const target = window.__ck.mainContent(main);
    const active = document.activeElement;
    const r = target.getBoundingClientRect();
    return {focusInMain: !!(active && (active === target || target.contains(active))),
            inView: r.top < document.documentElement.clientHeight && r.bottom > 0 && r.top > -5};
  }), MAIN);
  if (!after.focusInMain && !after.inView) {
    visit.add('keyboard', vp, 'Pressing Enter on the skip link neither moves focus to the main content ' +
      'nor scrolls to it.', skip.where, skip.text);
    return;
  }
  await press(page, 'Tab');
  const next = await page.evaluate((main) => {
    const target = window.__ck.mainContent(main);
    const active = document.activeElement;
    if (!active || active === document.body) return {ok: true};
    const inOrAfter = el => el === target || target.contains(el) ||
      !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (inOrAfter(active)) return {ok: true};
    // Back at the start is right when nothing in or after the main content can take focus.
    const tabbable = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, ' +
      'textarea, summary, [tabindex]:not([tabindex="-1"])';
    const more = Array.from(document.querySelectorAll(tabbable))
      .some(el => el !== target && inOrAfter(el) && el.tabIndex >= 0 && window.__ck.shown(el));
    return {ok: !more, where: window.__ck.selector(active), text: window.__ck.text(active)};
  }, MAIN);
  if (!next.ok) {
    visit.add('keyboard', vp, 'After the skip link, Tab goes back to something before the main content ' +
      '(the skip link does not move where Tab goes on from). Give the main content tabindex="-1".',
      next.where, next.text);
  }
}

const DRAWER_BUTTON = 'button.ck-toggle--drawer';
const DRAWER = '.md-sidebar--primary';
const SEARCH_BUTTON = 'button.ck-toggle--search';
const SEARCH = '.md-search__inner';

/* Focus the element (by script: Tab reaching it is the walk's job). */
async function focusOn(page, selector) {
  return page.evaluate(sel => {
    const el = document.querySelector(sel);
    if (!el || !window.__ck.shown(el)) return false;
    el.focus();
    return document.activeElement === el;
  }, selector);
}

/* After a key on a button that opens `area`: wait until it is open (or shut) with focus inside (or back
 * on the button), at most ms; then say what is so. */
async function openState(page, button, area, wantOpen, ms) {
  return page.evaluate((button, area, wantOpen, ms) => {
    const ck = window.__ck;
    const b = document.querySelector(button);
    const a = document.querySelector(area);
    const isOpen = () => {
      if (!a || !ck.shown(a)) return false;
      const r = a.getBoundingClientRect();
      return r.right > 1 && r.left < document.documentElement.clientWidth - 1 && r.height > 1;
    };
    const focusIn = () => !!(a && a.contains(document.activeElement));
    const done = () => wantOpen ? isOpen() && focusIn() : !isOpen() && document.activeElement === b;
    return ck.until(done, ms).then(() => ({
      expanded: b ? b.getAttribute('aria-expanded') : null,
      open: isOpen(),
      focusIn: focusIn(),
      focusOnButton: document.activeElement === b,
      focus: ck.focusState(),
    }));
  }, button, area, wantOpen, ms);
}

async function menuChecks(visit, vp) {
  const {page} = visit;
  const found = await page.evaluate((drawer, search) => {
    if (document.activeElement) document.activeElement.blur();
    window.scrollTo(0, 0);
    const shown = sel => { const b = document.querySelector(sel); return !!(b && window.__ck.shown(b)); };
    return {mouseOnly: window.__ck.mouseOnly(), drawer: shown(drawer), search: shown(search)};
  }, DRAWER_BUTTON, SEARCH_BUTTON);
  for (const m of found.mouseOnly) {
    visit.add('menu', vp, 'This control reacts to a mouse (onclick, or the role of a control) but cannot ' +
      'take focus, so keyboard users cannot use it. Use a <button> (or add tabindex="0" and handle Enter ' +
      'and Space).', m.where, m.text);
  }
  visit.lap('menus: mouse');
  if (found.drawer) await drawerCheck(visit, vp);
  visit.lap('menus: drawer');
  if (found.search) await searchCheck(visit, vp);
  visit.lap('menus: search');
  await disclosureCheck(visit, vp, [DRAWER_BUTTON, SEARCH_BUTTON]);
  visit.lap('menus: others');
}

async function drawerCheck(visit, vp) {
  const {page} = visit;
  const where = DRAWER_BUTTON;
  for (const key of ['Enter', 'Space']) {
    if (!(await focusOn(page, DRAWER_BUTTON))) return;
    await press(page, key);
    let state = await openState(page, DRAWER_BUTTON, DRAWER, true, 300);
    if (state.expanded !== 'true') {
      visit.add('menu', vp, `Pressing ${key} on the menu button does not set aria-expanded="true".`, where, '');
    }
    if (!state.open) {
      visit.add('menu', vp, `Pressing ${key} on the menu button does not open the menu.`, where, '');
      return;
    }
    let focus = state.focus;
    if (!state.focusIn) focus = await tab(page);  // focus may wait for the next Tab
    if (!focus.inDrawer) {
      visit.add('menu', vp, `After opening the menu with ${key}, focus does not go into the menu's links ` +
        '(neither at once nor with Tab).', where, focus.text || '');
    } else {
      for (let i = 0; i < (key === 'Enter' ? 3 : 1) && focus.inDrawer; i++) {
        if (focus.whyNotVisible) {
          visit.add('menu', vp, `In the open menu, a link has focus but cannot be seen: ${focus.whyNotVisible}.`,
            focus.where, focus.text);
        }
        focus = await tab(page);
      }
    }
    let how;
    if (key === 'Enter') {
      how = 'Escape';
      await press(page, 'Escape');
    } else {
      how = 'Enter on the menu button';
      if (!(await focusOn(page, DRAWER_BUTTON)) || (await page.evaluate(
        sel => document.querySelector(sel).getAttribute('aria-expanded'), DRAWER_BUTTON)) !== 'true') {
        // focus left the menu and closed it (as it should when the menu covers the page): open it again
        await focusOn(page, DRAWER_BUTTON);
        await press(page, 'Enter');
        await openState(page, DRAWER_BUTTON, DRAWER, true, 300);
        await focusOn(page, DRAWER_BUTTON);
      }
      await press(page, 'Enter');
    }
    state = await openState(page, DRAWER_BUTTON, DRAWER, false, 300);
    if (state.expanded !== 'false') {
      visit.add('menu', vp, `${how} does not set the menu button's aria-expanded back to "false".`, where, '');
    }
    if (state.open) {
      visit.add('menu', vp, `${how} does not close the menu.`, where, '');
      return;
    }
    if (key === 'Enter' && !state.focusOnButton) {
      visit.add('menu', vp, 'After Escape closes the menu, focus is not back on the menu button.', where, '');
    }
  }
}

async function searchCheck(visit, vp) {
  const {page} = visit;
  const where = SEARCH_BUTTON;
  if (!(await focusOn(page, SEARCH_BUTTON))) return;
  await press(page, 'Enter');
  let state = await openState(page, SEARCH_BUTTON, SEARCH, true, 300);
  if (state.expanded !== 'true') {
    visit.add('menu', vp, 'Pressing Enter on the search button does not set aria-expanded="true".', where, '');
  }
  if (!state.focusIn) {
    visit.add('menu', vp, 'After pressing Enter on the search button, focus is not in the search box.', where, '');
    return;
  }
  if (state.focus.whyNotVisible) {
    visit.add('menu', vp, `The search box has focus but cannot be seen: ${state.focus.whyNotVisible}.`,
      state.focus.where, '');
  }
  await press(page, 'Escape');
  state = await openState(page, SEARCH_BUTTON, SEARCH, false, 300);
  if (state.expanded !== 'false') {
    visit.add('menu', vp, 'Escape does not close the search (aria-expanded stays "true").', where, '');
  }
  if (!state.focusOnButton) {
    visit.add('menu', vp, 'After Escape closes the search, focus is not back on the search button.', where, '');
  }
}

/* Other controls that open something or act on a click: Enter or Space must work. Two of each kind
 * (the same tag and classes) are tried, at most 12 in all. */
async function disclosureCheck(visit, vp, skip) {
  const {page} = visit;
  const controls = await page.evaluate((skip) => {
    const out = [];
    const kinds = new Map();
    const sel = '[aria-expanded], [onclick], [role=button], [role=menuitem], [role=tab], [role=switch], ' +
      'label[tabindex]';
    let n = 0;
    for (const el of document.body.querySelectorAll(sel)) {
      if (skip.some(s => el.matches(s)) || el.tabIndex < 0 || !window.__ck.shown(el)) continue;
      if (el.closest('.md-select')) continue;  // the language switcher has its own check
      const kind = el.tagName + '.' + Array.from(el.classList).sort().join('.');
      if ((kinds.get(kind) || 0) >= 2) continue;
      kinds.set(kind, (kinds.get(kind) || 0) + 1);
      el.setAttribute('data-ck-control', String(n));
      out.push(Object.assign(window.__ck.describe(el), {n: n++}));
      if (out.length >= 12) break;
    }
    return out;
  }, skip);
  const here = visit.url.split('#')[0];
  for (const c of controls) {
    const sel = `[data-ck-control="${c.n}"]`;
    const before = await page.evaluate(s => {
      const el = document.querySelector(s);
      if (!el || !window.__ck.shown(el)) return false;
      el.focus();
      window.__ck.watch();
      return document.activeElement === el ? {expanded: el.getAttribute('aria-expanded')} : false;
    }, sel);
    if (!before) continue;
    let worked = false;
    let left = false;
    for (const key of ['Enter', 'Space']) {
      await press(page, key);
      worked = await page.evaluate(() => new Promise(r => setTimeout(r, 20)).then(() => window.__ck.changed()))
        .catch(() => true);  // the page went away: it did something
      if (page.url().split('#')[0] !== here) { worked = left = true; break; }
      if (worked) break;
    }
    if (left) {
      await open(page, visit.url, vp, true);
      continue;
    }
    if (worked) {
      if (before.expanded !== null) {
        const after = await page.evaluate(s => document.querySelector(s).getAttribute('aria-expanded'), sel);
        if (after === before.expanded) {
          visit.add('menu', vp, 'The control opens or changes something with Enter or Space, but its ' +
            `aria-expanded stays "${before.expanded}". Keep aria-expanded up to date.`, c.where, c.text);
        }
      }
      continue;
    }
    const clicked = await page.evaluate(s => {
      const el = document.querySelector(s);
      if (!el) return false;
      window.__ck.watch();
      el.click();
      return new Promise(r => setTimeout(r, 20)).then(() => window.__ck.changed());
    }, sel).catch(() => true);
    if (clicked) {
      visit.add('menu', vp, 'A click on this control does something, but Enter and Space do nothing. ' +
        'Use a <button>, or handle the keys.', c.where, c.text);
    }
    if (page.url().split('#')[0] !== here) await open(page, visit.url, vp, true);
  }
}

/* The header's language links: each reached by Tab (in the walk) and seen there; on the last width,
 * Enter on one goes to this page in that language. */
async function languageChecks(visit, vp, info, reached, last) {
  const {page} = visit;
  const others = Object.keys(info.alternates).filter(l => l !== info.here);
  if (!others.length) return;  // one language only
  if (!info.links.length) {
    visit.add('language-switcher', vp, `The page has versions in ${others.join(', ')} but no language ` +
      'switcher (links with hreflang in the header).', 'header', '');
    return;
  }
  for (const lang of others) {
    if (!info.links.includes(lang)) {
      visit.add('language-switcher', vp, `The language switcher has no link to the ${lang} version.`, 'header', '');
    }
  }
  for (const lang of info.links) {
    const state = reached.get(lang);
    if (!state) {
      visit.add('language-switcher', vp, `The link to the ${lang} version cannot be reached with Tab.`,
        `a[hreflang="${lang}"]`, '');
    } else if (state.whyNotVisible) {
      visit.add('language-switcher', vp, `The link to the ${lang} version takes focus but cannot be seen: ` +
        `${state.whyNotVisible}.`, state.where, state.text);
    }
  }
  if (!last) return;
  const choices = others.filter(l => reached.has(l));
  if (!choices.length) return;
  const pick = choices[visit.url.length % choices.length];
  const target = info.alternates[pick];
  const where = `a[hreflang="${pick}"]`;
  if (!(await page.evaluate(sel => {
    const a = Array.from(document.querySelectorAll('header ' + sel + ', .md-select ' + sel))[0];
    if (!a) return false;
    a.focus();
    return document.activeElement === a;
  }, where))) return;
  // Where Enter leads: the first answer to the main frame that is not a redirect, or, when the browser
  // already holds the page and no answer is seen, the address the tab arrives at. Both are watched by
  // polling what a listener and puppeteer itself record: waiting for an event can miss it, as a page from
  // the browser's cache can arrive before such a wait has begun.
  const before = page.url();
  const answers = [];
  const onResponse = r => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() &&
        (r.status() < 300 || r.status() >= 400)) answers.push(r);
  };
  page.on('response', onResponse);
  let response = null;
  try {
    // The key is not waited for: the page it was pressed in goes away (Chromium may never answer).
    page.keyboard.down('Enter').catch(() => null);
    page.keyboard.up('Enter').catch(() => null);
    const until = Date.now() + 10000;
    // Arrived once the new page has replaced this one in the tab (its address shows): leaving sooner
    // could let it arrive later, over the next page checked in this tab.
    while (!response && Date.now() < until) {
      await new Promise(r => setTimeout(r, 50));
      if (page.url() === before) continue;
      const r = answers[0];
      const url = r ? r.url() : page.url();
      response = {url: () => url, status: () => (r ? r.status() : 200)};
    }
  } finally {
    page.off('response', onResponse);
    // Stop that page arriving: it would replace the next page checked in this tab.
    await page.goto('about:blank').catch(() => page.goto('about:blank').catch(() => null));
  }
  if (!response) {
    visit.add('language-switcher', vp, `Pressing Enter on the link to the ${pick} version did not go ` +
      'anywhere within 10 seconds.', where, '');
    return;
  }
  const strip = u => u.replace(/#.*$/, '').replace(/index\.html$/, '').replace(/\/$/, '');
  // The hreflang alternates carry the published address (site.url in site_config.yml) while the check reads
  // the site from a local server, perhaps without the published address's folder: the same page is the same
  // path, or one path ending with the other.
  const path = u => { try { return strip(new URL(u).pathname); } catch (e) { return strip(u); } };
  const [went, wanted] = [path(response.url()), path(target)];
  if (!(went === wanted || (went && wanted.endsWith(went)) || (wanted && went.endsWith(wanted)))) {
    visit.add('language-switcher', vp, `Enter on the link to the ${pick} version went to ${response.url()}, ` +
      `not to the same page in that language (${target}).`, where, '');
  } else if (response.status() >= 400) {
    visit.add('language-switcher', vp, `The ${pick} version of this page (${target}) answered ` +
      `${response.status()}.`, where, '');
  }
}

/* ---- running it -------------------------------------------------------------------------------- */
const LAYOUT = ['reflow', 'text-spacing', 'other-host'];
const INTERACTIVE = ['keyboard', 'language-switcher', 'menu'];

/* Local files no check needs, which Material fetches on every page (the search index and its worker, and
 * a sitemap.xml for each language link): blocked, to save time. Only on the local server: a request to
 * another host is never blocked here, so it is always seen. */
function notNeeded(host) {
  return [`http://${host}/*search_index.json`, `http://${host}/*/workers/search.*`, `http://${host}/*sitemap.xml`];
}

/* One part of the work on one page: "layout" (every page not in the sample), or "narrow" and "wide"
 * (the sample's pages, one load each). Returns false if it had to be given up (the tab is then unusable). */
async function runJob(page, job, visit) {
  page.__ckVisit = visit;
  visit.step = '';
  let timer = null;
  const limit = (job.phase === 'layout' ? 2 : 4) * TIMEOUT;
  const watchdog = new Promise(resolve => { timer = setTimeout(() => resolve('timeout'), limit); });
  try {
    const work = job.phase === 'layout' ? layoutChecks(visit) :
      interactiveChecks(visit, VIEWPORTS[job.phase], job.phase === 'wide');
    work.catch(() => null);
    if (await Promise.race([work.then(() => 'done'), watchdog]) === 'timeout') {
      visit.error = `the checks of this page did not finish within ${limit / 1000} s`;
      return false;
    }
  } catch (e) {
    const where = job.phase === 'layout' ? '' : ` (${job.phase} width, after "${visit.step || 'nothing'}")`;
    visit.error = String(e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e) + where;
  } finally {
    clearTimeout(timer);
    page.__ckVisit = null;
  }
  return true;
}

/* A tab in a window of its own: a tab behind another one is hidden, and a hidden page gets no animation
 * frames and no focus, so the pages' own scripts and the keyboard checks would not work in it. */
async function newTab(browser) {
  const page = await browser.newPage({type: 'window'});
  page.setDefaultTimeout(TIMEOUT);
  await page.evaluateOnNewDocument(pageHelpers);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.setBlockedURLs', {urls: notNeeded(config.host)});
  // Each tab behaves as the one in front, with focus, even when another window has it.
  await cdp.send('Emulation.setFocusEmulationEnabled', {enabled: true});
  page.on('request', request => {
    const visit = page.__ckVisit;
    if (!visit) return;
    let u;
    try { u = new URL(request.url()); } catch (e) { return; }
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
    if (u.host !== config.host) visit.others.add(request.url());
  });
  page.on('dialog', dialog => dialog.dismiss().catch(() => null));
  return page;
}

async function main() {
  const started = Date.now();
  const browser = await puppeteer.launch({
    executablePath: config.chromium,
    headless: true,
    args: config.args || [],
    protocolTimeout: TIMEOUT * 2,
  });
  const visits = new Map();
  for (const entry of config.pages) {
    visits.set(entry.url, {entry: entry, visit: null, began: null, ms: 0, timings: {}, pending: 0});
  }
  // The work in the order that changes the window's size least: the sample at 320 px, then at 1280 px
  // (in the first tab), every other page at 320 px (in the other tabs, and in the first once the sample
  // is done).
  const queue = [];
  const sampled = config.pages.filter(e => e.checks.some(c => INTERACTIVE.includes(c)));
  for (const e of sampled) queue.push({url: e.url, phase: 'narrow'});
  for (const e of sampled) queue.push({url: e.url, phase: 'wide'});
  for (const e of config.pages) if (!sampled.includes(e)) queue.push({url: e.url, phase: 'layout'});
  for (const job of queue) visits.get(job.url).pending++;
  try {
    // Only the first tab presses keys: with two windows taking key presses at once, Chromium sometimes
    // stopped answering one of them. The other tabs only load pages for the layout checks.
    const tabs = Math.max(1, Math.min(config.tabs || 1, queue.length));
    const next = (first) => {
      let i = queue.findIndex(job => (job.phase === 'layout') !== first);
      if (i < 0 && first) i = queue.length ? 0 : -1;  // the first tab helps with the rest at the end
      return i < 0 ? null : queue.splice(i, 1)[0];
    };
    const pages = [];
    for (let n = 0; n < tabs; n++) pages.push(await newTab(browser));
    await pages[0].bringToFront();  // the tab that takes key presses is in front
    await Promise.all(pages.map(async (first, n) => {
      let page = first;
      for (let job = next(n === 0); job; job = next(n === 0)) {
        const record = visits.get(job.url);
        const visit = new Visit(page, job.url, record.entry.checks);
        if (record.visit) {  // the same page's earlier part: go on with its problems
          visit.problems = record.visit.problems;
          visit.keys = record.visit.keys;
          visit.others = record.visit.others;
          visit.timings = record.visit.timings;
          visit.error = record.visit.error;
        }
        record.visit = visit;
        const began = Date.now();
        if (process.env.CHARTERKIT_BROWSER_DEBUG) process.stderr.write(`start ${job.phase} ${job.url}\n`);
        if (!(await runJob(page, job, visit))) {
          // a stuck tab: leave it, and go on in a new one
          page.close().catch(() => null);
          page = await newTab(browser);
          if (n === 0) await page.bringToFront();
        }
        if (process.env.CHARTERKIT_BROWSER_DEBUG) process.stderr.write(`end ${job.phase} ${job.url} ${Date.now() - began}\n`);
        record.ms += Date.now() - began;
      }
      await page.close().catch(() => null);
    }));
  } finally {
    await browser.close();
  }
  const results = {};
  for (const [url, record] of visits) {
    const visit = record.visit;
    for (const other of visit.others) {
      visit.add('other-host', null, `The page asks another host for ${other}. Everything must come from ` +
        'this site: copy the file into the site, or remove it.', other, '');
    }
    results[url] = {problems: visit.problems, error: visit.error || null, ms: record.ms, timings: visit.timings};
  }
  process.stdout.write(JSON.stringify({results: results, seconds: (Date.now() - started) / 1000}) + '\n');
}

main().catch(error => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
});
