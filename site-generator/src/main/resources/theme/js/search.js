/* asyncio workbook: client-side search over search-index.js (loaded by a script tag, so it works
   from file://, where scripts cannot request files). The query comes from the box, from ?q=... or from #q=...;
   results are rendered into #search-results on load.

   Terms follow the same rules as SearchIndex.java:
   - CJK runs: a one-character run is searched as that character; longer runs as their bigrams;
   - words and identifiers, lower-cased; a word with parts (create_task, createTask) is searched by
     its parts, so both spellings find each other. */
(function () {
  'use strict';

  var INDEX = window.WORKBOOK_SEARCH_INDEX;
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var MAX_RESULTS = 50;
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

  function wordParts(word) {
    return word.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([A-Za-z])([0-9])/g, '$1_$2')
      .replace(/([0-9])([A-Za-z])/g, '$1_$2')
      .split(/_+/)
      .map(function (p) { return p.toLowerCase(); })
      .filter(function (p) { return p.length >= 2; });
  }

  /** Query terms, without duplicates. */
  function queryTerms(query) {
    var terms = [];
    function add(t) { if (terms.indexOf(t) < 0) { terms.push(t); } }
    var chars = Array.from(query);
    var i = 0;
    while (i < chars.length) {
      if (CJK.test(chars[i])) {
        var run = [];
        while (i < chars.length && CJK.test(chars[i])) { run.push(chars[i]); i++; }
        if (run.length === 1) { add(run[0]); }
        for (var k = 0; k + 1 < run.length; k++) { add(run[k] + run[k + 1]); }
      } else if (/[A-Za-z0-9_]/.test(chars[i])) {
        var word = '';
        while (i < chars.length && /[A-Za-z0-9_]/.test(chars[i])) { word += chars[i]; i++; }
        if (!/[A-Za-z]/.test(word)) { continue; }
        var parts = wordParts(word);
        if (parts.length > 1) { parts.forEach(add); } else if (word.length >= 2) { add(word.toLowerCase()); }
      } else {
        i++;
      }
    }
    return terms;
  }

  function search(query) {
    // A CJK bigram that occurs nowhere in the book usually straddles two words ("等待任务" gives
    // 等待, 待任, 任务): leave such bigrams out instead of letting them veto every result.
    var terms = queryTerms(query).filter(function (t) {
      return !(Array.from(t).length === 2 && CJK.test(t) && !INDEX.terms[t]);
    });
    if (!terms.length) { return { terms: terms, results: [], partial: false }; }
    var score = {};
    var hits = {};
    terms.forEach(function (t) {
      var postings = INDEX.terms[t];
      if (!postings) { return; }
      for (var i = 0; i < postings.length; i += 2) {
        var d = postings[i];
        score[d] = (score[d] || 0) + postings[i + 1];
        hits[d] = (hits[d] || 0) + 1;
      }
    });
    var phrase = query.trim().toLowerCase();
    var all = Object.keys(score).map(function (d) {
      var doc = INDEX.docs[+d];
      var bonus = 0;
      if (phrase && doc.t.toLowerCase().indexOf(phrase) >= 0) { bonus += 100; }
      if (phrase && doc.x.toLowerCase().indexOf(phrase) >= 0) { bonus += 30; }
      return { doc: doc, hits: hits[d], score: score[d] + bonus };
    });
    var complete = all.filter(function (r) { return r.hits === terms.length; });
    var partial = complete.length === 0;
    var results = partial ? all : complete;
    results.sort(function (a, b) { return (b.hits - a.hits) || (b.score - a.score); });
    return { terms: terms, results: results.slice(0, MAX_RESULTS), partial: partial, total: results.length };
  }

  /** Strings to highlight: the query's pieces, or its terms when a piece does not occur. */
  function needles(query, terms) {
    var pieces = query.trim().split(/\s+/).filter(Boolean);
    return pieces.concat(terms).filter(function (n) { return n.length > 0; });
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

  function render(query) {
    list.textContent = '';
    if (!INDEX) {
      status.textContent = '搜索索引没有加载（search-index.js）。';
      return;
    }
    if (!query.trim()) {
      status.textContent = '输入关键词开始搜索：中文按字和词，英文按单词和标识符。';
      return;
    }
    var found = search(query);
    var marks = needles(query, found.terms);
    if (!found.results.length) {
      status.textContent = '没有找到与“' + query + '”相关的内容。';
      return;
    }
    status.textContent = (found.partial ? '没有同时包含全部关键词的结果；下面是部分匹配，' : '')
      + '找到 ' + found.total + ' 处' + (found.total > found.results.length ? '，显示前 ' + found.results.length + ' 处' : '') + '。';
    found.results.forEach(function (r) {
      var li = document.createElement('li');
      li.className = 'search-result';
      var a = document.createElement('a');
      a.href = r.doc.u;
      var chapter = document.createElement('span');
      chapter.className = 'result-chapter';
      chapter.textContent = r.doc.c;
      a.appendChild(chapter);
      appendMarked(a, r.doc.t, marks);
      li.appendChild(a);
      var p = document.createElement('p');
      appendMarked(p, snippet(r.doc.x, marks), marks);
      li.appendChild(p);
      list.appendChild(li);
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
      var url = window.location.pathname + (query ? '?q=' + encodeURIComponent(query) : '');
      window.history.replaceState(null, '', url);
    } catch (e) { /* some browsers refuse history changes on file:// */ }
  }

  if (!input || !status || !list) { return; }
  var initial = queryFromUrl();
  input.value = initial;
  render(initial);

  var timer = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { render(input.value); remember(input.value); }, 120);
  });
  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    render(input.value);
    remember(input.value);
  });
  if (!initial) { input.focus(); }
})();
