package io.github.asyncioworkbook.site.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a chapter's HTML fit on the whole-book print page, where all chapters share one document:
 * every {@code id} and in-page link of the chapter gets the chapter's slug as a prefix
 * ({@code id="小结"} in 05-tasks becomes {@code id="05-tasks--小结"}), so headings with the same
 * text in two chapters stay distinct and each chapter's links still reach its own sections.
 */
final class PrintIds {

    private static final Pattern ID = Pattern.compile("(\\s(?:id|aria-labelledby)=\")([^\"]+)(\")");
    private static final Pattern LOCAL_HREF = Pattern.compile("(\\shref=\"#)([^\"]+)(\")");

    private PrintIds() {
    }

    static String prefix(String slug, String html) {
        String withIds = ID.matcher(html).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + prefixEach(slug, m.group(2)) + m.group(3)));
        return LOCAL_HREF.matcher(withIds).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + slug + "--" + m.group(2) + m.group(3)));
    }

    private static String prefixEach(String slug, String ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids.split(" ")) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(slug).append("--").append(id);
        }
        return sb.toString();
    }
}
