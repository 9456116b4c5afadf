/* asyncio workbook: search, offline and from file://. The index (search-index.js, written by
   SearchIndex.java) is loaded by a script tag the first time it is needed, since pages opened from
   file:// may not request files by script.

   1. query units, by the same rules as SearchIndex.java:
      - a CJK run is searched as its bigrams (a one-character run as that character);
      - a word or identifier is searched as its whole: lower-cased, underscores dropped, so
        create_task and createTask are one identifier. Found that way it is an exact match.
        Found only through its parts (wait_for through wait and for) or, while typing, as the
        start of a longer term, it is a partial match, and labelled so;
   2. search(): exact matches first, then partial ones;
   3. the search page (search.html): results as you type, ?q= and #q= in the URL;
   4. the header box on every page: results as you type in a list box; Up/Down move, Enter opens,
      Escape closes. */
(function () {
  'use strict';

  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var WORD = /[A-Za-z0-9_]/;
  var MAX_RESULTS = 50;
  var MAX_POPUP = 8;
  var PARTIAL_LABEL = '部分匹配';

  // ------------------------------------------------------------ index loading

  var waiting = [];
  var requested = false;

  function withIndex(done) {
    if (window.WORKBOOK_SEARCH_INDEX) { done(window.WORKBOOK_SEARCH_INDEX); return; }
    waiting.push(done);
    if (requested) { return; }
    requested = true;
    var script = document.createElement('script');
    script.src = 'search-index.js';
    script.onload = script.onerror = function () {
      var index = window.WORKBOOK_SEARCH_INDEX || null;
      var calls = waiting;
      waiting = [];
      requested = !!index;
      calls.forEach(function (f) { f(index); });
    };
    document.head.appendChild(script);
  }

  // ------------------------------------------------------------ 1. query units

  function wordParts(word) {
    return word.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([A-Za-z])([0-9])/g, '$1_$2')
      .replace(/([0-9])([A-Za-z])/g, '$1_$2')
      .split(/_+/)
      .map(function (p) { return p.toLowerCase(); })
      .filter(function (p) { return p.length >= 2; });
  }

  function queryUnits(query) {
    var units = [];
    var chars = Array.from(query);
    var i = 0;
    while (i < chars.length) {
      if (CJK.test(chars[i])) {
        var run = [];
        while (i < chars.length && CJK.test(chars[i])) { run.push(chars[i]); i++; }
        var terms = [];
        if (run.length === 1) { terms.push(run[0]); }
        for (var k = 0; k + 1 < run.length; k++) {
          if (terms.indexOf(run[k] + run[k + 1]) < 0) { terms.push(run[k] + run[k + 1]); }
        }
        units.push({ kind: 'cjk', text: run.join(''), terms: terms, end: i });
      } else if (WORD.test(chars[i])) {
        var word = '';
        while (i < chars.length && WORD.test(chars[i])) { word += chars[i]; i++; }
        if (!/[A-Za-z]/.test(word)) { continue; }
        var whole = word.replace(/_/g, '').toLowerCase();
        if (whole.length < 2) { continue; }
        var parts = wordParts(word);
        units.push({ kind: 'word', text: word, whole: whole, parts: parts.length > 1 ? parts : [], end: i });
      } else {
        i++;
      }
    }
    return units;
  }

  // ------------------------------------------------------------ 2. search

  function addPostings(into, postings) {
    if (!postings) { return; }
    for (var i = 0; i < postings.length; i += 2) {
      into[postings[i]] = (into[postings[i]] || 0) + postings[i + 1];
    }
  }

  function intersect(maps) {
    if (!maps.length) { return {}; }
    var out = {};
    Object.keys(maps[0]).forEach(function (d) {
      var sum = 0;
      for (var m = 0; m < maps.length; m++) {
        if (!(d in maps[m])) { return; }
        sum += maps[m][d];
      }
      out[d] = sum;
    });
    return out;
  }

  function postingsOf(index, term) {
    var m = {};
    addPostings(m, index.terms[term]);
    return m;
  }

  /** {exact: doc->score, partial: doc->score} for one unit. */
  function matchUnit(index, unit, typing) {
    var exact = {};
    var partial = {};
    if (unit.kind === 'cjk') {
      // A bigram found nowhere usually straddles two words ("等待任务" gives 待任): leave it out.
      var known = unit.terms.filter(function (t) { return index.terms[t]; });
      exact = intersect(known.map(function (t) { return postingsOf(index, t); }));
      known.forEach(function (t) { addPostings(partial, index.terms[t]); });
    } else {
      addPostings(exact, index.terms[unit.whole]);
      if (unit.parts.length) {
        var all = intersect(unit.parts.map(function (p) { return postingsOf(index, p); }));
        Object.keys(all).forEach(function (d) { partial[d] = (partial[d] || 0) + all[d]; });
      }
      if (typing) {
        Object.keys(index.terms).forEach(function (t) {
          if (t.length > unit.whole.length && t.indexOf(unit.whole) === 0) { addPostings(partial, index.terms[t]); }
        });
      }
    }
    Object.keys(exact).forEach(function (d) { delete partial[d]; });
    return { exact: exact, partial: partial };
  }

  /** Results for a query: exact matches first. typing: the last word may be unfinished. */
  function search(index, query, typing) {
    var units = queryUnits(query);
    if (!units.length || !index) { return { units: units, results: [], exact: 0, partial: 0 }; }
    var lastOpen = typing && !/\s$/.test(query);
    var matches = units.map(function (u, k) { return matchUnit(index, u, lastOpen && k === units.length - 1); });
    var docs = {};
    matches.forEach(function (m, k) {
      [['exact', true], ['partial', false]].forEach(function (kind) {
        Object.keys(m[kind[0]]).forEach(function (d) {
          var r = docs[d] || (docs[d] = { doc: index.docs[+d], units: 0, exactUnits: 0, score: 0 });
          r.units++;
          if (kind[1]) { r.exactUnits++; }
          r.score += m[kind[0]][d] * (kind[1] ? 3 : 1);
        });
      });
    });
    var list = Object.keys(docs).map(function (d) { return docs[d]; });
    var complete = list.filter(function (r) { return r.units === units.length; });
    var results = complete.length ? complete : list;
    results.forEach(function (r) { r.exact = r.exactUnits === units.length; });
    var phrase = query.trim().toLowerCase();
    results.forEach(function (r) {
      if (phrase && r.doc.t.toLowerCase().indexOf(phrase) >= 0) { r.score += 100; }
    });
    results.sort(function (a, b) { return (b.exact - a.exact) || (b.score - a.score); });
    var exact = results.filter(function (r) { return r.exact; }).length;
    return { units: units, results: results, exact: exact, partial: results.length - exact };
  }

  // ------------------------------------------------------------ marking

  function needles(query, units) {
    var out = query.trim().split(/\s+/).filter(Boolean);
    units.forEach(function (u) {
      out.push(u.text);
      (u.terms || u.parts || []).forEach(function (t) { out.push(t); });
    });
    return out.filter(function (n) { return n.length > 0; });
  }

  /** Appends text to parent with every needle wrapped in <mark>; builds DOM nodes, never HTML. */
  function appendMarked(parent, text, marks) {
    var lower = text.toLowerCase();
    var pos = 0;
    while (pos < text.length) {
      var best = -1;
      var len = 0;
      marks.forEach(function (n) {
        var at = lower.indexOf(n.toLowerCase(), pos);
        if (at >= 0 && (best < 0 || at < best || (at === best && n.length > len))) { best = at; len = n.length; }
      });
      if (best < 0) { break; }
      if (best > pos) { parent.appendChild(document.createTextNode(text.slice(pos, best))); }
      var m = document.createElement('mark');
      m.textContent = text.slice(best, best + len);
      parent.appendChild(m);
      pos = best + len;
    }
    if (pos < text.length) { parent.appendChild(document.createTextNode(text.slice(pos))); }
  }

  function snippet(text, marks) {
    var lower = text.toLowerCase();
    var first = -1;
    marks.forEach(function (n) {
      var at = lower.indexOf(n.toLowerCase());
      if (at >= 0 && (first < 0 || at < first)) { first = at; }
    });
    if (first < 0) { first = 0; }
    var start = Math.max(0, first - 40);
    var end = Math.min(text.length, start + 140);
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  }

  /** A result's chapter, its marked title and, for a partial match, the label saying so. */
  function resultTitle(parent, r, marks) {
    var chapter = document.createElement('span');
    chapter.className = 'result-chapter';
    chapter.textContent = r.doc.c;
    parent.appendChild(chapter);
    appendMarked(parent, r.doc.t, marks);
    if (!r.exact) {
      var badge = document.createElement('span');
      badge.className = 'match-partial';
      badge.textContent = PARTIAL_LABEL;
      parent.appendChild(badge);
    }
  }

  function statusText(query, found) {
    if (!found.results.length) { return '没有找到与“' + query.trim() + '”相关的内容。'; }
    if (!found.exact) {
      return '没有完全匹配“' + query.trim() + '”的结果；下面 ' + found.partial + ' 处只是部分匹配（只含其中的片段），已标出。';
    }
    return '找到 ' + found.exact + ' 处完全匹配' + (found.partial ? '，另有 ' + found.partial + ' 处部分匹配（已标出）' : '') + '。';
  }

  // ------------------------------------------------------------ 3. search page

  function searchPage() {
    var input = document.getElementById('search-input');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (!input || !status || !list) { return; }

    function render(query) {
      list.textContent = '';
      if (!query.trim()) {
        status.textContent = '输入关键词开始搜索：中文按字和词，英文按单词和标识符。';
        return;
      }
      withIndex(function (index) {
        if (!index) { status.textContent = '搜索索引没有加载（search-index.js）。'; return; }
        if (input.value !== query) { return; }
        var found = search(index, query, true);
        var marks = needles(query, found.units);
        status.textContent = statusText(query, found);
        found.results.slice(0, MAX_RESULTS).forEach(function (r) {
          var li = document.createElement('li');
          li.className = 'search-result' + (r.exact ? '' : ' partial');
          var a = document.createElement('a');
          a.href = r.doc.u;
          resultTitle(a, r, marks);
          li.appendChild(a);
          var p = document.createElement('p');
          appendMarked(p, snippet(r.doc.x, marks), marks);
          li.appendChild(p);
          list.appendChild(li);
        });
      });
    }

    function queryFromUrl() {
      var q = '';
      try {
        q = new URLSearchParams(window.location.search).get('q') || '';
        if (!q && window.location.hash.indexOf('#q=') === 0) {
          q = decodeURIComponent(window.location.hash.slice(3).replace(/\+/g, ' '));
        }
      } catch (e) { q = ''; }
      return q;
    }

    function remember(query) {
      try {
        window.history.replaceState(null, '', window.location.pathname + (query ? '?q=' + encodeURIComponent(query) : ''));
      } catch (e) { /* some browsers refuse history changes on file:// */ }
    }

    var initial = queryFromUrl();
    input.value = initial;
    render(initial);
    var timer = 0;
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { render(input.value); remember(input.value); }, 80);
    });
    document.getElementById('search-form').addEventListener('submit', function (e) {
      e.preventDefault();
      render(input.value);
      remember(input.value);
    });
    // Down from the box, then Up/Down between results; Up from the first goes back to the box.
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') { return; }
      var links = Array.prototype.slice.call(list.querySelectorAll('.search-result > a'));
      var at = links.indexOf(document.activeElement);
      if (document.activeElement === input && e.key === 'ArrowDown' && links.length) {
        e.preventDefault(); links[0].focus();
      } else if (at >= 0) {
        e.preventDefault();
        if (e.key === 'ArrowDown' && at + 1 < links.length) { links[at + 1].focus(); }
        if (e.key === 'ArrowUp') { (at > 0 ? links[at - 1] : input).focus(); }
      }
    });
    if (!initial) { input.focus(); }
  }

  // ------------------------------------------------------------ 4. header box

  function headerBox() {
    var input = document.getElementById('header-search-input');
    var popup = document.getElementById('search-popup');
    var status = document.getElementById('search-popup-status');
    var list = document.getElementById('search-popup-list');
    if (!input || !popup || !list || !status) { return; }
    var options = [];
    var active = -1;

    function close() {
      popup.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function select(k) {
      options.forEach(function (o, i) { o.setAttribute('aria-selected', i === k ? 'true' : 'false'); });
      active = k;
      if (k >= 0) {
        input.setAttribute('aria-activedescendant', options[k].id);
        options[k].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function option(k, href, build) {
      var li = document.createElement('li');
      li.id = 'search-option-' + k;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.className = 'search-option';
      li.setAttribute('data-href', href);
      build(li);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { window.location.href = href; });
      return li;
    }

    function render() {
      var query = input.value;
      list.textContent = '';
      options = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (!query.trim()) { close(); return; }
      withIndex(function (index) {
        if (input.value !== query) { return; }
        var found = search(index, query, true);
        var marks = needles(query, found.units);
        status.textContent = index ? statusText(query, found) : '搜索索引没有加载（search-index.js）。';
        found.results.slice(0, MAX_POPUP).forEach(function (r, k) {
          options.push(option(k, r.doc.u, function (li) { resultTitle(li, r, marks); }));
        });
        options.push(option(options.length, 'search.html?q=' + encodeURIComponent(query), function (li) {
          li.className += ' search-option-all';
          li.textContent = '在搜索页查看全部结果';
        }));
        options.forEach(function (o) { list.appendChild(o); });
        popup.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      });
    }

    var timer = 0;
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 60);
    });
    input.addEventListener('focus', function () { withIndex(function () {}); if (input.value.trim()) { render(); } });
    input.addEventListener('blur', function () { window.setTimeout(close, 150); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (popup.hidden) { render(); return; }
        e.preventDefault();
        if (!options.length) { return; }
        var k = e.key === 'ArrowDown' ? (active + 1) % options.length : (active <= 0 ? options.length - 1 : active - 1);
        select(k);
      } else if (e.key === 'Enter') {
        if (active >= 0 && options[active]) {
          e.preventDefault();
          window.location.href = options[active].getAttribute('data-href');
        }
      } else if (e.key === 'Escape') {
        if (!popup.hidden) { e.preventDefault(); close(); }
      }
    });
  }

  window.WorkbookSearch = { search: search, queryUnits: queryUnits, withIndex: withIndex };
  searchPage();
  headerBox();
})();
