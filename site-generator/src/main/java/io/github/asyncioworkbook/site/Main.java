package io.github.asyncioworkbook.site;

import com.sun.net.httpserver.HttpServer;
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
 * build &lt;lessonsDir&gt; &lt;outDir&gt;   run + verify every lesson, write the site, print index.html's path
 * check &lt;lessonsDir&gt;            run + verify every lesson, write nothing
 * serve &lt;outDir&gt; [port]         serve a built site on localhost (default port 8000)
 * </pre>
 *
 * <p>Exit status: 0 on success, 1 when the book is wrong (the message names the file and line, or
 * the lesson and its diff), 2 for a usage error.
 *
 * <p>System properties: {@value #THEME_PROPERTY} names a folder whose files replace the built-in theme
 * ({@code templates/}, {@code css/}, {@code js/}, {@code site.properties}) one by one; the lesson
 * runner reads {@code lessons.timeout}, {@code lessons.parallelism} and {@code lessons.launcher}.
 */
public final class Main {

    /** System property naming a theme override folder. */
    public static final String THEME_PROPERTY = "site.theme";

    /** Default port of {@code serve}. */
    public static final int DEFAULT_PORT = 8000;

    private static final String USAGE = """
            usage: site-generator build <lessonsDir> <outDir>   run + verify every lesson, write the site
                   site-generator check <lessonsDir>            run + verify every lesson, write nothing
                   site-generator serve <outDir> [port]         serve a built site on localhost (port %d)
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
                    requireArgs(args, 3, 3);
                    SiteBuilder.Result r = builder().build(Path.of(args[1]), Path.of(args[2]));
                    out.println(r.index());
                    out.println("verified " + r.verifiedLessons() + " lessons in " + seconds(r));
                }
                case "check" -> {
                    requireArgs(args, 2, 2);
                    SiteBuilder.Result r = builder().check(Path.of(args[1]));
                    out.println("verified " + r.verifiedLessons() + " lessons in " + seconds(r) + " (nothing written)");
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
            return 1;
        }
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
            HttpServer server = SimpleFileServer.createFileServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), root, SimpleFileServer.OutputLevel.INFO);
            server.start();
            return server;
        } catch (java.io.UncheckedIOException e) {
            throw new SiteException("cannot serve on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static SiteBuilder builder() throws SiteException {
        Path work;
        try {
            work = Files.createTempDirectory("site-generator-runs-");
        } catch (IOException e) {
            throw new SiteException("cannot create a work folder for compiled lessons: " + e.getMessage(), e);
        }
        Path cleanup = work;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicOutput.deleteQuietly(cleanup)));
        String theme = System.getProperty(THEME_PROPERTY);
        return new SiteBuilder(LessonsModule.executor(work), LessonsModule.verifier(),
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
