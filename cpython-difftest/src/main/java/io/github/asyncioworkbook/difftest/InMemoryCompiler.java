package io.github.asyncioworkbook.difftest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated Java sources in this JVM with javax.tools, many classes in one compilation, and
 * loads them from memory. The class path is this JVM's, which holds loop-core. The loader also serves
 * the class files as resources, which loop-core reads for reprs ({@code coro=<w0() running at P1.java:12>}).
 */
final class InMemoryCompiler {
    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager standard;

    InMemoryCompiler() {
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JDK, not a JRE, is needed)");
        }
        standard = compiler.getStandardFileManager(null, null, null);
    }

    /** The outcome of one compilation. */
    record Result(ClassLoader loader, String errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param sources class name to source text, classes in the unnamed package
     * @return a loader for the compiled classes, or the compiler's error messages
     */
    Result compile(Map<String, String> sources) {
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        var manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                classes.put(className, bytes);
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes;
                    }
                };
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-g:source,lines", "-nowarn", "-Xlint:none");
        StringWriter out = new StringWriter();
        boolean ok = compiler.getTask(out, manager, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder errors = new StringBuilder(out.toString());
            diagnostics.getDiagnostics().forEach(d -> errors.append(d).append('\n'));
            return new Result(null, errors.isEmpty() ? "compilation failed" : errors.toString());
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((name, stream) -> bytes.put(name, stream.toByteArray()));
        return new Result(new MemoryLoader(bytes, getClass().getClassLoader()), "");
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] b = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                if (b != null) {
                    return new ByteArrayInputStream(b);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
