package io.github.asyncioworkbook.loop;

import java.io.Serial;
import java.net.UnknownHostException;

/**
 * A failed {@link EventLoop#getaddrinfo} or {@link EventLoop#getnameinfo}: Python's
 * {@code socket.gaierror}, with glibc's error number and text, e.g.
 * {@code [Errno -2] Name or service not known}. It is an {@link UnknownHostException}, so code
 * that catches the JDK's resolution failure catches it too.
 */
public final class GaiError extends UnknownHostException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** {@code socket.EAI_NONAME}: unknown host, or no host and no port. */
    public static final int EAI_NONAME = -2;
    /** {@code socket.EAI_FAMILY}: an address family other than 0, AF_INET, AF_INET6. */
    public static final int EAI_FAMILY = -6;
    /** {@code socket.EAI_SOCKTYPE}: an unknown socket type, or a type the protocol does not fit. */
    public static final int EAI_SOCKTYPE = -7;
    /** {@code socket.EAI_SERVICE}: a service name or port the socket type does not have. */
    public static final int EAI_SERVICE = -8;
    /** {@code socket.EAI_ADDRFAMILY}: a literal address of another family than asked for. */
    public static final int EAI_ADDRFAMILY = -9;

    private final int errno;
    private final String strerror;

    /**
     * @param errno one of the {@code EAI_} numbers
     * @param cause what the JDK reported, or null
     */
    GaiError(int errno, Throwable cause) {
        super("[Errno " + errno + "] " + text(errno));
        this.errno = errno;
        this.strerror = text(errno);
        if (cause != null) {
            initCause(cause);
        }
    }

    /** {@return the error number ({@code exc.errno}), negative as glibc's} */
    public int errno() {
        return errno;
    }

    /** {@return the error text ({@code exc.strerror}), e.g. {@code Name or service not known}} */
    public String strerror() {
        return strerror;
    }

    /** glibc's {@code gai_strerror}. */
    static String text(int errno) {
        return switch (errno) {
            case EAI_NONAME -> "Name or service not known";
            case EAI_FAMILY -> "ai_family not supported";
            case EAI_SOCKTYPE -> "ai_socktype not supported";
            case EAI_SERVICE -> "Servname not supported for ai_socktype";
            case EAI_ADDRFAMILY -> "Address family for hostname not supported";
            default -> "Unknown error " + errno;
        };
    }
}
