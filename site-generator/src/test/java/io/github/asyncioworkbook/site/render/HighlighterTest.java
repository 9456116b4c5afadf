package io.github.asyncioworkbook.site.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HighlighterTest {

    /** Removes the spans and undoes the escaping: must give back the input exactly. */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void marksJavaTokens() {
        String html = Highlighter.highlight("""
                @Override // note
                public String name() { return "a<b>" + 'c' + 42L + null; /* done */ }
                """, "java");
        assertTrue(html.contains("<span class=\"tok-ann\">@Override</span>"), html);
        assertTrue(html.contains("<span class=\"tok-com\">// note</span>"), html);
        assertTrue(html.contains("<span class=\"tok-kw\">public</span>"), html);
        assertTrue(html.contains("<span class=\"tok-type\">String</span>"), html);
        assertTrue(html.contains("<span class=\"tok-fn\">name</span>"), html);
        assertTrue(html.contains("<span class=\"tok-str\">&quot;a&lt;b&gt;&quot;</span>"), html);
        assertTrue(html.contains("<span class=\"tok-num\">42L</span>"), html);
        assertTrue(html.contains("<span class=\"tok-lit\">null</span>"), html);
        assertTrue(html.contains("<span class=\"tok-com\">/* done */</span>"), html);
    }

    @Test
    void marksPythonTokens() {
        String html = Highlighter.highlight("@decorator\nasync def f():\n    print(f'x {y}')  # hi\n    return None\n", "python");
        assertTrue(html.contains("<span class=\"tok-kw\">async</span>"), html);
        assertTrue(html.contains("<span class=\"tok-kw\">def</span>"), html);
        assertTrue(html.contains("<span class=\"tok-str\">f&#39;x {y}&#39;</span>"), html);
        assertTrue(html.contains("<span class=\"tok-com\"># hi</span>"), html);
        assertTrue(html.contains("<span class=\"tok-lit\">None</span>"), html);
        assertTrue(html.contains("<span class=\"tok-ann\">@decorator</span>"), html);
    }

    @Test
    void marksConsolePrompts() {
        String html = Highlighter.highlight("$ python3 x.py\n<Task pending>\n", "console");
        assertTrue(html.startsWith("<span class=\"tok-prompt\">$ </span><span class=\"tok-cmd\">python3 x.py</span>"), html);
        assertTrue(html.contains("&lt;Task pending&gt;"), html);
        assertFalse(html.contains("<Task"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "python", "console", "text"})
    void neverLosesOrAddsText(String language) {
        String source = String.join("\n",
                "///usr/bin/env jbang \"$0\" \"$@\" ; exit $?",
                "var s = \"\"\"",
                "    text block with \"quotes\" \\\"\"\";",
                "char c = '\\''; int x = 0x1F + 3.5e2; // <tag> & more",
                "r'raw' b\"bytes\" '\'\'triple ' quote'\'\' /* unclosed",
                "\"unterminated",
                "'");
        assertEquals(source, text(Highlighter.highlight(source, language)));
    }
}
