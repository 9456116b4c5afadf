package io.github.asyncioworkbook.site.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's templates, stylesheets and scripts, read from {@code theme/} on the class path
 * ({@code src/main/resources/theme/}). An optional override folder with the same layout replaces
 * files one by one.
 *
 * <p>Template syntax is deliberately tiny: {@code {{name}}} inserts a value HTML-escaped,
 * {@code {{{name}}}} inserts it as is (for HTML built by the renderer). A name missing from the
 * data is an error, so a typo in a template fails the build instead of leaving a hole.
 */
public final class Theme {

    /** Static files copied to the site's {@code assets/} folder. */
    public static final List<String> ASSETS = List.of("css/site.css", "js/site.js", "js/search.js");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{\\s*([\\w.-]+)\\s*}}}|\\{\\{\\s*([\\w.-]+)\\s*}}");

    private final Path overrideDir;
    private final Properties strings = new Properties();

    /**
     * Creates a theme.
     *
     * @param overrideDir a folder whose files replace the built-in ones, or {@code null}
     */
    public Theme(Path overrideDir) {
        this.overrideDir = overrideDir;
        try {
            strings.load(new StringReader(text("site.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return a site-wide string from {@code site.properties}, e.g. {@code book.title}}
     *
     * @param key the property key
     */
    public String string(String key) {
        String v = strings.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("theme/site.properties has no key '" + key + "'");
        }
        return v;
    }

    /**
     * Reads a theme file as UTF-8 text.
     *
     * @param path a path below {@code theme/}, e.g. {@code templates/page.html}
     * @return its content
     */
    public String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Reads a theme file.
     *
     * @param path a path below {@code theme/}
     * @return its bytes
     */
    public byte[] bytes(String path) {
        try {
            if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(path))) {
                return Files.readAllBytes(overrideDir.resolve(path));
            }
            try (InputStream in = Theme.class.getResourceAsStream("/theme/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("theme file not found: theme/" + path);
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read theme/" + path, e);
        }
    }

    /**
     * Renders {@code templates/<name>} with the given data.
     *
     * @param name the template file name, e.g. {@code page.html}
     * @param data the values; every name the template uses must be present
     * @return the rendered text
     */
    public String render(String name, Map<String, String> data) {
        return fill("templates/" + name, text("templates/" + name), data);
    }

    static String fill(String templateName, String template, Map<String, String> data) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder(template.length() * 2);
        while (m.find()) {
            boolean raw = m.group(1) != null;
            String key = raw ? m.group(1) : m.group(2);
            String value = data.get(key);
            if (value == null) {
                throw new IllegalStateException("theme/" + templateName + " uses {{" + key + "}} but the renderer gives no such value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(raw ? value : Html.escape(value)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
