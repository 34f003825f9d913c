/* charterkit: small keyboard and screen-reader fixes on top of mkdocs-material's own script.
 * Nothing here loads anything from anywhere. Without JavaScript the pages still read well; only the menu
 * and search need it, as they do in Material.
 */
(function () {
  "use strict";

  /* The menu and search buttons in the header (partials/header.html) drive Material's hidden checkboxes
   * (#__drawer, #__search), and say whether what they open is open (aria-expanded). */
  var toggles = Array.prototype.slice.call(document.querySelectorAll("[data-ck-toggle]"));

  function box(button) {
    return document.getElementById(button.getAttribute("data-ck-toggle"));
  }

  function sync() {
    toggles.forEach(function (button) {
      var input = box(button);
      if (input) button.setAttribute("aria-expanded", input.checked ? "true" : "false");
    });
  }

  function visible(el) {
    return el.getClientRects().length > 0 && window.getComputedStyle(el).visibility !== "hidden";
  }

  /* Where focus goes when the menu opens: the link to this page if it shows, or the menu's first link. */
  function menuStart(nav) {
    var focusable = "a[href], button:not([hidden]), [tabindex='0']";
    var active = Array.prototype.filter.call(nav.querySelectorAll(".md-nav__link--active"), function (el) {
      return el.matches(focusable) && visible(el);
    });
    if (active.length) return active[0];
    var list = nav.querySelector(".md-nav__list") || nav;
    return Array.prototype.filter.call(list.querySelectorAll(focusable), visible)[0] || null;
  }

  var opener = null;

  toggles.forEach(function (button) {
    var input = box(button);
    if (!input) return;
    button.addEventListener("click", function () {
      opener = button;
      input.click();
      sync();
      if (input.checked && input.id === "__drawer") {
        var nav = document.querySelector(".md-sidebar--primary .md-nav--primary");
        window.setTimeout(function () {
          var link = nav && menuStart(nav);
          if (link) link.focus();
        }, 50);
      }
      if (input.checked && input.id === "__search") {
        var query = document.querySelector("[data-md-component=search-query]");
        if (query) window.setTimeout(function () { query.focus(); }, 50);
      }
    });
    input.addEventListener("change", sync);
  });

  /* Material sets the checkboxes from its own script too (Escape, clicks on the overlay): keep up. */
  document.addEventListener("click", function () { window.setTimeout(sync, 0); }, true);
  document.addEventListener("keyup", function () { window.setTimeout(sync, 0); }, true);

  /* Focus that leaves the open menu or search closes it: what is behind them is covered, and a
   * keyboard user must never have focus on something they cannot see (WCAG 2.4.11). */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    [["__drawer", ".md-sidebar--primary"], ["__search", ".md-search"]].forEach(function (pair) {
      var input = document.getElementById(pair[0]);
      var area = document.querySelector(pair[1]);
      var button = document.querySelector("[data-ck-toggle=" + pair[0] + "]");
      if (!input || !input.checked || !area || !button) return;
      if (area.contains(target) || button.contains(target)) return;
      if (window.getComputedStyle(button).display === "none") return;  /* wide screens: nothing covers */
      input.click();
      sync();
    });
  });

  /* Escape closes the menu and gives focus back to the button that opened it. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var drawer = document.getElementById("__drawer");
    if (drawer && drawer.checked) {
      drawer.click();
      sync();
      var button = document.querySelector("[data-ck-toggle=__drawer]");
      if (button) button.focus();
    } else if (opener && opener.getAttribute("data-ck-toggle") === "__search") {
      window.setTimeout(function () {
        var search = document.getElementById("__search");
        if (search && !search.checked) opener.focus();
      }, 0);
    }
  });

  /* Material opens a menu section when its label has focus and Enter is pressed; Space does it too. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== " " || !(target instanceof HTMLLabelElement) || !target.hasAttribute("tabindex")) return;
    event.preventDefault();
    target.click();
  });

  /* The search form's submit button (partials/search.html) goes to the best result, like Enter. */
  var form = document.querySelector(".md-search__form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var best = document.querySelector(".md-search-result__list .md-search-result__link");
      if (best) {
        window.location.href = best.href;
      } else {
        var query = form.querySelector("[data-md-component=search-query]");
        if (query) query.focus();
      }
    });
  }

  /* A Markdown table (not made by charterkit) scrolls sideways in a region keyboard users can reach and
   * screen readers can name, as charterkit's own tables do (<div class="ck-table" role="region"
   * tabindex="0" aria-label>). Material puts such tables in .md-typeset__scrollwrap: that becomes the region. */
  function tableName(table) {
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var el = table.closest(".md-typeset__scrollwrap") || table;
    for (el = el.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim();
    }
    var h1 = document.querySelector("h1");
    return (h1 ? h1.textContent : document.title).trim();
  }

  function enhanceTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table:not([class])"), function (table) {
      if (table.closest(".ck-table")) return;
      var region = table.closest(".md-typeset__scrollwrap");
      if (!region) {
        region = document.createElement("div");
        table.parentNode.insertBefore(region, table);
        region.appendChild(table);
      }
      region.classList.add("ck-table");
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      region.setAttribute("aria-label", tableName(table));
    });
  }

  /* The language switcher's links already lead to this same page in each language. Material's own click
   * handler would send the browser to that page's address without its last "/" (after asking for a
   * sitemap.xml that does not exist there), which only works on servers that redirect, and not at all
   * before that request has ended. Keep Material from taking these clicks; the link then does its job. */
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".md-select a[hreflang]") : null;
    if (link && !event.metaKey && !event.ctrlKey) event.stopPropagation();
  }, true);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceTables);  /* after Material has wrapped the tables */
  } else {
    enhanceTables();
  }

  sync();
})();
