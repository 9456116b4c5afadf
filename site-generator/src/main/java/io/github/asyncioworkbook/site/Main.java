package io.github.asyncioworkbook.site;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpHandlers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.SimpleFileServer;
import io.github.asyncioworkbook.site.preprocess.LessonsModule;
import io.github.asyncioworkbook.site.render.SiteRenderer;
import io.github.asyncioworkbook.site.render.Theme;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line of the site generator.
 *
 * <pre>
 * build &lt;lessonsDir&gt; &lt;outDir&gt; [--runs &lt;dir&gt;]   verify every lesson, write the site, print index.html's path
 * check &lt;lessonsDir&gt; [--runs &lt;dir&gt;]            verify every lesson, write nothing
 * serve &lt;outDir&gt; [port]                          serve a built site on localhost (default port 8000)
 * </pre>
 * {@code --runs} names the folder where the lessons' tests saved the runs they verified
 * ({@code lessons/target/verified-runs}): those runs are shown instead of running the lessons again,
 * and only lessons without a valid saved run are run.
 *
 * <p>Exit status: 0 on success, 1 when the book is wrong, 2 for a usage error. An error is printed
 * as its message alone: it names the file and line, or the lesson and its diff, and says what to
 * do. An unexpected failure prints one line too; {@code -Dsite.stacktrace=true} adds the stack trace.
 *
 * <p>System properties: {@value #THEME_PROPERTY} names a folder whose files replace the built-in theme
 * ({@code templates/}, {@code css/}, {@code js/}, {@code site.properties}) one by one; the lesson
 * runner reads {@code lessons.timeout}, {@code lessons.parallelism} and {@code lessons.launcher}.
 */
public final class Main {

    /** System property naming a theme override folder. */
    public static final String THEME_PROPERTY = "site.theme";

    /**
     * System property naming a file that {@link #main} writes when the book is wrong (exit status 1)
     * and deletes otherwise, so that a build tool can fail with a short message of its own.
     */
    public static final String FAILURE_FILE_PROPERTY = "site.failureFile";

    /** System property that adds stack traces to error messages. */
    public static final String STACKTRACE_PROPERTY = "site.stacktrace";

    /** The page {@code serve} answers with, status 404, for a path the site does not have. */
    public static final String NOT_FOUND_PAGE = "404.html";

    /** Default port of {@code serve}. */
    public static final int DEFAULT_PORT = 8000;

    private static final String USAGE = """
            usage: site-generator build <lessonsDir> <outDir> [--runs <dir>]   verify every lesson, write the site
                   site-generator check <lessonsDir> [--runs <dir>]            verify every lesson, write nothing
                   site-generator serve <outDir> [port]                        serve a built site on localhost (port %d)
            """.formatted(DEFAULT_PORT);

    private Main() {
    }

    /**
     * Runs a command and exits with its status (except {@code serve}, which keeps serving).
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        recordFailure(status);
        if (status != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(status);
        }
    }

    /**
     * Runs a command.
     *
     * @param args the command and its arguments
     * @param out where results go
     * @param err where errors go
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        try {
            switch (args[0]) {
                case "build" -> {
                    Path runs = runsOption(args, 3);
                    SiteBuilder.Result r = builder(runs).build(Path.of(args[1]), Path.of(args[2]));
                    out.println(r.index());
                    out.println(summary(r));
                }
                case "check" -> {
                    Path runs = runsOption(args, 2);
                    SiteBuilder.Result r = builder(runs).check(Path.of(args[1]));
                    out.println(summary(r) + " (nothing written)");
                }
                case "serve" -> {
                    requireArgs(args, 2, 3);
                    int port = args.length == 3 ? port(args[2]) : DEFAULT_PORT;
                    HttpServer server = serve(Path.of(args[1]), port);
                    out.println("serving " + Path.of(args[1]).toAbsolutePath().normalize() + " at http://"
                            + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/ (Ctrl+C stops)");
                }
                case "-h", "--help", "help" -> out.print(USAGE);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("site-generator: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (SiteException e) {
            err.println(e.getMessage());
            stackTraceOnRequest(e, err);
            return 1;
        } catch (RuntimeException e) {
            err.println("site-generator: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (Boolean.getBoolean(STACKTRACE_PROPERTY) ? "" : " (-D" + STACKTRACE_PROPERTY + "=true shows where)"));
            stackTraceOnRequest(e, err);
            return 1;
        }
    }

    private static void recordFailure(int status) {
        String file = System.getProperty(FAILURE_FILE_PROPERTY, "");
        if (file.isBlank()) {
            return;
        }
        try {
            Path marker = Path.of(file);
            if (status == 1) {
                Files.createDirectories(marker.toAbsolutePath().getParent());
                Files.writeString(marker, "site-generator failed; its message was printed above\n");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            System.err.println("site-generator: cannot update " + file + ": " + e.getMessage());
        }
    }

    private static void stackTraceOnRequest(Exception e, PrintStream err) {
        if (Boolean.getBoolean(STACKTRACE_PROPERTY)) {
            e.printStackTrace(err);
        }
    }

    private static Path runsOption(String[] args, int positional) throws UsageException {
        if (args.length == positional) {
            return null;
        }
        if (args.length == positional + 2 && args[positional].equals("--runs")) {
            return Path.of(args[positional + 1]);
        }
        throw new UsageException("wrong arguments for '" + args[0] + "'");
    }

    private static String summary(SiteBuilder.Result r) {
        long reused = r.book().lessons().stream().filter(l -> l.run() != null && l.run().reused()).count();
        return "verified " + r.verifiedLessons() + " lessons in " + seconds(r) + " (" + reused
                + " runs verified by the lessons' tests, " + (r.verifiedLessons() - reused) + " run now)";
    }

    /**
     * Starts serving a built site on the loopback interface with the JDK's {@link SimpleFileServer}.
     *
     * @param siteDir the built site
     * @param port the port, 0 for any free one
     * @return the running server
     * @throws SiteException when the folder holds no site or the port is taken
     */
    static HttpServer serve(Path siteDir, int port) throws SiteException {
        Path root = siteDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            throw new SiteException(root + ": no index.html; build the site first (site-generator build ...)");
        }
        try {
            // OutputLevel.NONE: no request log; a path the site does not have gets 404.html.
            HttpHandler files = SimpleFileServer.createFileHandler(root);
            HttpHandler handler = HttpHandlers.handleOrElse(request -> exists(root, request.getRequestURI().getPath()),
                    files, notFound(root));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SiteException("cannot serve on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Path root, String urlPath) {
        String path = urlPath == null ? "/" : urlPath;
        Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
        return file.startsWith(root) && (Files.isRegularFile(file) || Files.isRegularFile(file.resolve("index.html")));
    }

    private static HttpHandler notFound(Path root) {
        return exchange -> {
            // The page links relative to the site root; a <base> keeps them right at any depth.
            String page = Files.isRegularFile(root.resolve(NOT_FOUND_PAGE))
                    ? Files.readString(root.resolve(NOT_FOUND_PAGE)).replaceFirst("<head>", "<head>\n<base href=\"/\">")
                    : "404 not found\n";
            byte[] body = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(404, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    out.write(body);
                }
            }
        };
    }

    private static SiteBuilder builder(Path verifiedRuns) throws SiteException {
        Path work;
        try {
            work = Files.createTempDirectory("site-generator-runs-");
        } catch (IOException e) {
            throw new SiteException("cannot create a work folder for compiled lessons: " + e.getMessage(), e);
        }
        Path cleanup = work;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicOutput.deleteQuietly(cleanup)));
        String theme = System.getProperty(THEME_PROPERTY);
        return new SiteBuilder(LessonsModule.executor(work, verifiedRuns), LessonsModule.verifier(),
                new SiteRenderer(new Theme(theme == null || theme.isBlank() ? null : Path.of(theme))));
    }

    private static String seconds(SiteBuilder.Result r) {
        return String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0);
    }

    private static int port(String text) throws UsageException {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("port must be a number from 0 to 65535, not '" + text + "'");
        }
    }

    private static void requireArgs(String[] args, int min, int max) throws UsageException {
        if (args.length < min || args.length > max) {
            throw new UsageException("wrong number of arguments for '" + args[0] + "'");
        }
    }

    /** A command line that does not fit the usage. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
