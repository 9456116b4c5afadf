/* asyncio workbook: page behaviour. No network, no dependencies; everything works from file://.
   1. light/dark toggle (remembered when localStorage is usable)
   2. keys: ← / → previous / next chapter, / focuses search
   3. copy buttons on code blocks, output and commands
   4. table of contents follows the reading position
   5. the chapter sidebar: a drawer on narrow screens, opened by the menu button, closed by Escape
   6. the print page's button */
(function () {
  'use strict';

  var root = document.documentElement;
  var THEME_KEY = 'workbook-theme';

  // ------------------------------------------------------------ 1. theme

  function store(value) {
    try { window.localStorage.setItem(THEME_KEY, value); } catch (e) { /* file:// or private mode */ }
  }

  function currentTheme() {
    var set = root.getAttribute('data-theme');
    if (set === 'light' || set === 'dark') { return set; }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  var toggle = document.querySelector('.theme-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var next = currentTheme() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      store(next);
    });
  }

  // ------------------------------------------------------------ 2. keys

  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function follow(rel) {
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link) { window.location.href = link.href; }
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || isTyping(e.target)) { return; }
    if (e.key === 'ArrowLeft') {
      follow('prev');
    } else if (e.key === 'ArrowRight') {
      follow('next');
    } else if (e.key === '/' || e.key === 's') {
      var box = document.getElementById('search-input') || document.getElementById('header-search-input');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });

  // ------------------------------------------------------------ 3. copy

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '0';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text, button) {
    var label = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', label);
    function done(ok) {
      button.textContent = ok ? '已复制' : '复制失败';
      button.classList.toggle('copied', ok);
      window.setTimeout(function () {
        button.textContent = label;
        button.classList.remove('copied');
      }, 1600);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  }

  document.querySelectorAll('.code-block, .output-block').forEach(function (block) {
    var bar = block.querySelector('.code-bar');
    var pre = block.querySelector('pre');
    if (!bar || !pre) { return; }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = '复制';
    button.setAttribute('aria-label', '复制这段内容');
    button.addEventListener('click', function () { copy(pre.textContent, button); });
    bar.appendChild(button);
  });

  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () { copy(button.getAttribute('data-copy'), button); });
  });

  // ------------------------------------------------------------ 4. table of contents

  var links = Array.prototype.slice.call(document.querySelectorAll('.toc-side a[href^="#"]'));
  var targets = links.map(function (a) {
    try { return document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))); } catch (e) { return null; }
  });
  if (links.length) {
    var pending = false;
    var mark = function () {
      pending = false;
      var active = -1;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top < 120) { active = i; }
      }
      links.forEach(function (a, i) { a.classList.toggle('active', i === active); });
    };
    window.addEventListener('scroll', function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  // ------------------------------------------------------------ 5. sidebar drawer

  var menu = document.querySelector('.menu-toggle');
  var sidebar = document.getElementById('sidebar');
  if (menu && sidebar) {
    var setOpen = function (open) {
      document.body.classList.toggle('sidebar-open', open);
      menu.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) {
        // after the drawer has become visible: a hidden link cannot take the focus
        window.setTimeout(function () {
          var first = sidebar.querySelector('a[aria-current="page"]') || sidebar.querySelector('a');
          if (first) { first.focus(); }
        }, 30);
      }
    };
    menu.addEventListener('click', function () { setOpen(!document.body.classList.contains('sidebar-open')); });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && document.body.classList.contains('sidebar-open')) { setOpen(false); menu.focus(); }
    });
    sidebar.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a')) { setOpen(false); }
    });
    var current = sidebar.querySelector('a[aria-current="page"]');
    if (current && current.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) {
      current.scrollIntoView({ block: 'center' });
    }
  }

  // ------------------------------------------------------------ 6. print

  document.querySelectorAll('.print-button').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
