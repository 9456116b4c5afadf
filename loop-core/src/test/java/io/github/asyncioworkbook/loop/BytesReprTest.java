package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Python's repr of bytes, as the echo lessons print received data ({@code received b'...'}). */
class BytesReprTest {
    @Test
    @DisplayName("bytes reprs as CPython 3.11 prints them: quotes, escapes, \\xNN")
    void bytesRepr() {
        assertEquals("b'This is the message. '", Repr.repr("This is the message. ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b\"it's\"", Repr.repr("it's".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("b'q\\'\"\\\\\\n\\x00\\xff'", Repr.bytesRepr(new byte[] {'q', '\'', '"', '\\', '\n', 0, (byte) 0xff}));
        assertEquals("b''", Repr.repr(new byte[0]));
    }
}
