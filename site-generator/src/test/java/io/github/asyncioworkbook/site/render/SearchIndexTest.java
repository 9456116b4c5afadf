package io.github.asyncioworkbook.site.render;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchIndexTest {

    @Test
    void cjkTextGivesCharactersAndBigramsWithinRuns() {
        Map<String, Integer> terms = SearchIndex.terms("启动任务，取消");
        assertTrue(terms.keySet().containsAll(List.of("启", "动", "任", "务", "启动", "动任", "任务", "取", "消", "取消")), terms.toString());
        assertFalse(terms.containsKey("务取"), "no bigram across punctuation");
        assertEquals(1, terms.get("任务"));
    }

    @Test
    void identifiersAreLowerCasedAndSplit() {
        Map<String, Integer> terms = SearchIndex.terms("loop.create_task(coro) vs createTask and HTTPServer2 a");
        assertTrue(terms.keySet().containsAll(List.of("loop", "create", "task", "coro", "createtask",
                "httpserver2", "http", "server")), terms.toString());
        assertEquals(2, terms.get("createtask"), "both spellings are one identifier");
        assertFalse(terms.containsKey("create_task"));
        assertEquals(2, terms.get("create"));
        assertFalse(terms.containsKey("a"), "one-letter words are noise");
    }

    @Test
    void mixedTextSplitsAtScriptBoundaries() {
        Map<String, Integer> terms = SearchIndex.terms("用create_task创建Task");
        assertTrue(terms.keySet().containsAll(List.of("用", "createtask", "创建", "task")), terms.toString());
    }

    @Test
    void scriptAssignsGlobalAndIsSafe() {
        SearchIndex index = new SearchIndex();
        index.add("a.html#x", "章", "启动任务", "text with </script> and \"quotes\"\u2028 end");
        String js = index.toJavaScript();
        assertTrue(js.contains("window.WORKBOOK_SEARCH_INDEX = {"), js);
        assertTrue(js.contains("\"任务\":[0,5]"), js);
        assertFalse(js.contains("</script>"), js);
        assertTrue(js.contains("\\u2028"), js);
    }
}
