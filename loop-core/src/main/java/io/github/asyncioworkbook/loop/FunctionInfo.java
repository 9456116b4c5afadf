package io.github.asyncioworkbook.loop;

import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.LineNumberTableAttribute;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a function given as a serializable lambda or method reference lives: the counterpart of a
 * Python function's {@code __qualname__}, {@code co_filename} and {@code co_firstlineno}, which
 * asyncio prints in reprs ({@code coro=<taskFunc() running at CreateTask.java:12>},
 * {@code cb=[markDone() at Lesson.java:9]}).
 *
 * <p>Found on demand (only a repr or an instrument needs it) and cached per implementation method:
 * the lambda's {@link SerializedLambda} names its implementation class and method, and the class
 * file's LineNumberTable gives the method's first line. The declaration line is taken to be the
 * line above the first statement, which holds for the usual layout.
 *
 * @param name the Java name shown in reprs ({@code taskFunc}, or {@code <lambda>})
 * @param fileName the source file, e.g. {@code CreateTask.java}, or {@code null} if unknown
 * @param declarationLine the declaration line, or 0 if unknown
 * @param bound whether the function is bound to a receiver ({@code this::f}); asyncio prints no
 *     {@code at file:line} for bound methods in callback lists
 * @param implClass the binary name of the class holding the implementation method
 * @param implMethod the implementation method's name, used to find its frame in a stack
 */
record FunctionInfo(String name, String fileName, int declarationLine, boolean bound,
                    String implClass, String implMethod) {

    private static final Map<String, FunctionInfo> CACHE = new ConcurrentHashMap<>();

    static final FunctionInfo UNKNOWN = new FunctionInfo("<unknown>", null, 0, false, "", "");

    /** {@code name() at File.java:LINE}, or just {@code name()} when the place is unknown. */
    String describeWithPlace() {
        return fileName == null || declarationLine <= 0
                ? name + "()"
                : name + "() at " + fileName + ":" + declarationLine;
    }

    /**
     * Reads a plain function (a callback): a lambda is named {@code <lambda>} and placed at its own
     * line, as Python names and places a lambda.
     *
     * @param function a lambda object whose functional interface extends Serializable
     * @return its info, or a best-effort info naming its class when it cannot be read
     */
    static FunctionInfo of(Object function) {
        return of(function, false);
    }

    /**
     * Reads a coroutine body: a lambda written in {@code Coroutine<T> taskFunc() { return async(() -> ...); }}
     * stands for {@code taskFunc} and is placed at that method's declaration.
     *
     * @param body a lambda object whose functional interface extends Serializable
     * @return its info
     */
    static FunctionInfo ofCoroutineBody(Object body) {
        return of(body, true);
    }

    private static FunctionInfo of(Object function, boolean lambdaIsItsMethod) {
        Optional<SerializedLambda> lambda = serializedForm(function);
        if (lambda.isEmpty()) {
            String simple = function.getClass().getSimpleName();
            return new FunctionInfo(simple, null, 0, true, function.getClass().getName(), "");
        }
        SerializedLambda sl = lambda.get();
        String key = sl.getImplClass() + "#" + sl.getImplMethodName() + sl.getImplMethodSignature()
                + "#" + sl.getCapturedArgCount() + "#" + sl.getImplMethodKind() + "#" + lambdaIsItsMethod;
        return CACHE.computeIfAbsent(key, k -> read(function, sl, lambdaIsItsMethod));
    }

    private static Optional<SerializedLambda> serializedForm(Object function) {
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(function) instanceof SerializedLambda sl
                    ? Optional.of(sl) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static FunctionInfo read(Object function, SerializedLambda sl, boolean lambdaIsItsMethod) {
        String implClass = sl.getImplClass().replace('/', '.');
        String method = sl.getImplMethodName();
        boolean isLambda = method.startsWith("lambda$");
        String enclosing = isLambda && lambdaIsItsMethod ? enclosingMethodOf(method) : null;
        String name = !isLambda ? method : (enclosing == null ? "<lambda>" : enclosing);
        boolean bound = !isLambda && sl.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
                && sl.getCapturedArgCount() > 0;
        ClassModel model = classModel(function, implClass);
        if (model == null) {
            return new FunctionInfo(name, simpleFileName(implClass), 0, bound, implClass, method);
        }
        String file = model.findAttribute(Attributes.sourceFile())
                .map(a -> a.sourceFile().stringValue())
                .orElse(simpleFileName(implClass));
        int line;
        if (isLambda && enclosing != null) {
            // async(() -> ...) inside `Coroutine<T> taskFunc()`: report taskFunc's declaration.
            int outer = firstLine(model, enclosing, null);
            line = outer > 0 ? outer - 1 : firstLine(model, method, sl.getImplMethodSignature());
        } else if (isLambda) {
            line = firstLine(model, method, sl.getImplMethodSignature());
        } else {
            int first = firstLine(model, method, sl.getImplMethodSignature());
            line = first > 0 ? first - 1 : 0;
        }
        return new FunctionInfo(name, file, line, bound, implClass, method);
    }

    /** {@code lambda$taskFunc$0} and {@code lambda$taskFunc$8f3e1a$1} both give {@code taskFunc}. */
    private static String enclosingMethodOf(String lambdaMethod) {
        String rest = lambdaMethod.substring("lambda$".length());
        int dollar = rest.indexOf('$');
        String name = dollar < 0 ? rest : rest.substring(0, dollar);
        return switch (name) {
            case "", "new", "static" -> null;
            default -> name;
        };
    }

    private static String simpleFileName(String binaryName) {
        String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return (nested < 0 ? simple : simple.substring(0, nested)) + ".java";
    }

    private static ClassModel classModel(Object function, String implClass) {
        String resource = implClass.replace('.', '/') + ".class";
        ClassLoader loader = function.getClass().getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return ClassFile.of().parse(in.readAllBytes());
        } catch (Exception e) {
            return null;
        }
    }

    /** Smallest line of the named method (of that descriptor, if given), or 0. */
    private static int firstLine(ClassModel model, String methodName, String descriptor) {
        int best = 0;
        for (MethodModel m : model.methods()) {
            if (!m.methodName().equalsString(methodName)) {
                continue;
            }
            if (descriptor != null && !m.methodType().equalsString(descriptor)) {
                continue;
            }
            Optional<CodeAttribute> code = m.findAttribute(Attributes.code());
            if (code.isEmpty()) {
                continue;
            }
            for (LineNumberTableAttribute table : code.get().findAttributes(Attributes.lineNumberTable())) {
                for (var entry : table.lineNumbers()) {
                    if (best == 0 || entry.lineNumber() < best) {
                        best = entry.lineNumber();
                    }
                }
            }
        }
        return best;
    }

    /**
     * The line a thread is at inside this function: the outermost frame of the implementation
     * method in {@code stack}, as asyncio reports the line of the task's own coroutine frame.
     *
     * @return the line, or 0 when no frame matches
     */
    int lineIn(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            StackTraceElement e = stack[i];
            if (e.getMethodName().equals(implMethod) && e.getClassName().equals(implClass)) {
                return e.getLineNumber();
            }
        }
        return 0;
    }
}
