package io.github.asyncioworkbook.site.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client-side search index, written as {@code search-index.js} so that search works from
 * {@code file://} (a script tag can load it where {@code fetch()} cannot).
 *
 * <p>Terms, produced by {@link #terms(String)} here and by the same rules in {@code search.js}:
 * <ul>
 *   <li>CJK text (Han, kana, Hangul): every character, and every pair of neighbouring characters
 *       within a run (bigrams), so that a two-character word such as 任务 is one term;</li>
 *   <li>words and identifiers ({@code [A-Za-z0-9_]+} with a letter): the whole identifier,
 *       lower-cased with its underscores dropped, so that the Python and the Java spelling are one
 *       term ({@code create_task} and {@code createTask} both give {@code createtask}); and its parts,
 *       split at {@code _}, camelCase humps and digit boundaries ({@code create}, {@code task}).
 *       Parts shorter than two characters are dropped. Search finds an identifier exactly by its
 *       whole term and labels results found only through its parts as partial matches.</li>
 * </ul>
 * A document is one section of a chapter (the text under a heading) or one lesson. Title terms
 * count five times.
 */
public final class SearchIndex {

    /** Name of the global variable {@code search-index.js} assigns. */
    public static final String GLOBAL = "WORKBOOK_SEARCH_INDEX";

    private static final int TITLE_WEIGHT = 5;
    private static final int MAX_TEXT = 4000;

    private record Doc(String url, String chapter, String title, String text) {
    }

    private final List<Doc> docs = new ArrayList<>();
    private final Map<String, Map<Integer, Integer>> postings = new TreeMap<>();

    /** Creates an empty index. */
    public SearchIndex() {
    }

    /**
     * Adds one document.
     *
     * @param url the page and anchor, e.g. {@code 03-tasks.html#启动-task}
     * @param chapter the chapter title
     * @param title the section title
     * @param text the section's plain text
     */
    public void add(String url, String chapter, String title, String text) {
        int id = docs.size();
        String shown = text.replaceAll("\\s+", " ").strip();
        docs.add(new Doc(url, chapter, title, shown.length() > MAX_TEXT ? shown.substring(0, MAX_TEXT) : shown));
        terms(title).forEach((t, n) -> postings.computeIfAbsent(t, k -> new TreeMap<>()).merge(id, n * TITLE_WEIGHT, Integer::sum));
        terms(text).forEach((t, n) -> postings.computeIfAbsent(t, k -> new TreeMap<>()).merge(id, n, Integer::sum));
    }

    /** {@return the number of documents} */
    public int size() {
        return docs.size();
    }

    /** {@return whether a term is indexed} */
    public boolean contains(String term) {
        return postings.containsKey(term);
    }

    /**
     * Splits text into search terms with their counts.
     *
     * @param text any text
     * @return term to number of occurrences, in first-seen order
     */
    public static Map<String, Integer> terms(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isCjkLetter(cp)) {
                List<String> run = new ArrayList<>();
                while (i < n && isCjkLetter(text.codePointAt(i))) {
                    int c = text.codePointAt(i);
                    run.add(new String(Character.toChars(c)));
                    i += Character.charCount(c);
                }
                for (int k = 0; k < run.size(); k++) {
                    out.merge(run.get(k), 1, Integer::sum);
                    if (k + 1 < run.size()) {
                        out.merge(run.get(k) + run.get(k + 1), 1, Integer::sum);
                    }
                }
            } else if (isWordChar(cp)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                String word = text.substring(start, i);
                if (word.chars().anyMatch(Character::isLetter)) {
                    for (String t : wordTerms(word)) {
                        out.merge(t, 1, Integer::sum);
                    }
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** {@return the terms of one word: the whole (lower-cased) and its parts} */
    static List<String> wordTerms(String word) {
        List<String> out = new ArrayList<>();
        String whole = word.replace("_", "").toLowerCase(Locale.ROOT);
        if (whole.length() >= 2) {
            out.add(whole);
        }
        String[] parts = word.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("([A-Za-z])([0-9])", "$1_$2")
                .replaceAll("([0-9])([A-Za-z])", "$1_$2")
                .split("_+");
        if (parts.length > 1) {
            for (String p : parts) {
                String lp = p.toLowerCase(Locale.ROOT);
                if (lp.length() >= 2 && !out.contains(lp)) {
                    out.add(lp);
                }
            }
        }
        return out;
    }

    private static boolean isWordChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@return whether a code point is a CJK letter (not punctuation)} */
    static boolean isCjkLetter(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    /**
     * {@return the index as JavaScript: {@code window.WORKBOOK_SEARCH_INDEX = {...};}}
     * Documents are {@code {u, c, t, x}} (url, chapter, title, text); {@code terms} maps each term
     * to a flat list of document number and weight pairs.
     */
    public String toJavaScript() {
        StringBuilder sb = new StringBuilder(docs.size() * 512);
        sb.append("/* Generated by site-generator: the book's search index. */\n");
        sb.append("window.").append(GLOBAL).append(" = {\"docs\":[\n");
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            sb.append("{\"u\":").append(json(d.url())).append(",\"c\":").append(json(d.chapter()))
                    .append(",\"t\":").append(json(d.title())).append(",\"x\":").append(json(d.text())).append('}');
            sb.append(i + 1 < docs.size() ? ",\n" : "\n");
        }
        sb.append("],\"terms\":{\n");
        int k = 0;
        for (Map.Entry<String, Map<Integer, Integer>> e : postings.entrySet()) {
            sb.append(json(e.getKey())).append(":[");
            int j = 0;
            for (Map.Entry<Integer, Integer> p : e.getValue().entrySet()) {
                if (j++ > 0) {
                    sb.append(',');
                }
                sb.append(p.getKey()).append(',').append(p.getValue());
            }
            sb.append(']').append(++k < postings.size() ? ",\n" : "\n");
        }
        sb.append("}};\n");
        return sb.toString();
    }

    /** {@return a JSON string literal, safe inside a script file ({@code </script>} and U+2028/9 escaped)} */
    static String json(String s) {
        return io.github.asyncioworkbook.runner.Json.quote(s)
                .replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
