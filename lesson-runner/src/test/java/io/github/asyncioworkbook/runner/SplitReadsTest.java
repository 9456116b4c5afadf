package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link SplitReads}: an expected {@code received}/{@code sent} line may stand for several actual
 * ones whose payloads join up to it. Each positive case is also checked to fail under the plain
 * rules, so these tests fail without the rule.
 */
class SplitReadsTest {

    private static final String SERVER = """
            main: starting up on localhost port 10000
            echo_127.0.0.1_{{int}}: connection accepted
            echo_127.0.0.1_{{int}}: received b'This is the message. It will be sent in parts.'
            echo_127.0.0.1_{{int}}: sent b'This is the message. It will be sent in parts.'
            echo_127.0.0.1_{{int}}: closing
            main: closing server
            """;

    private static MatchResult withRule(String expected, String actual) {
        return SplitReads.match(OutputMatcher.parse("X.out", expected), expected, "actual", actual);
    }

    private static boolean plain(String expected, String actual) {
        return OutputMatcher.parse("X.out", expected).match(actual).matched();
    }

    @Test
    void anEchoServersReadsAndEchoesInterleavedJoinPerVerb() {
        String actual = """
                main: starting up on localhost port 10000
                echo_127.0.0.1_56068: connection accepted
                echo_127.0.0.1_56068: received b'This is the message. '
                echo_127.0.0.1_56068: sent b'This is the message. '
                echo_127.0.0.1_56068: received b'It will be sent '
                echo_127.0.0.1_56068: sent b'It will be sent '
                echo_127.0.0.1_56068: received b'in parts.'
                echo_127.0.0.1_56068: sent b'in parts.'
                echo_127.0.0.1_56068: closing
                main: closing server
                """;
        assertFalse(plain(SERVER, actual), "without the rule the split reads fail");
        assertTrue(withRule(SERVER, actual).matched());
        assertEquals("echo_127.0.0.1_56068: received b'This is the message. It will be sent in parts.'",
                SplitReads.join("X.out", SERVER, actual).lines().toList().get(2));
    }

    @Test
    void aClientsReadsJoin() {
        String expected = "EchoClient: received b'This is the message. It will be sent in parts.'\nEchoClient: received EOF\n";
        String actual = "EchoClient: received b'This is the message. '\nEchoClient: received b'It will be sent in parts.'\n"
                + "EchoClient: received EOF\n";
        assertFalse(plain(expected, actual));
        assertTrue(withRule(expected, actual).matched());
    }

    @Test
    void oneReadStillMatchesAsWritten() {
        String actual = SERVER.replace("{{int}}", "40000");
        assertTrue(plain(SERVER, actual));
        assertTrue(withRule(SERVER, actual).matched());
    }

    @Test
    void payloadsThatDoNotJoinUpToTheExpectedOneFail() {
        String missingEnd = """
                main: starting up on localhost port 10000
                echo_127.0.0.1_1: connection accepted
                echo_127.0.0.1_1: received b'This is the message. '
                echo_127.0.0.1_1: sent b'This is the message. '
                echo_127.0.0.1_1: closing
                main: closing server
                """;
        assertFalse(withRule(SERVER, missingEnd).matched(), "a payload that ends too early");
        String overrun = missingEnd.replace("received b'This is the message. '", "received b'This is the message. It will be sent in parts.!'")
                .replace("sent b'This is the message. '", "sent b'This is the message. It will be sent in parts.!'");
        assertFalse(withRule(SERVER, overrun).matched(), "a payload that runs past the expected one");
        String echoDiffers = SERVER.replace("{{int}}", "1").replace("sent b'This is the message. It will be sent in parts.'",
                "sent b'This is the message. '\necho_127.0.0.1_1: sent b'It will be sent in parts?'");
        assertFalse(withRule(SERVER, echoDiffers).matched(), "a wrong byte in a piece");
    }

    @Test
    void piecesMustComeFromOneConnectionAndKeepTheVerbOrder() {
        String twoPeers = """
                main: starting up on localhost port 10000
                echo_127.0.0.1_1: connection accepted
                echo_127.0.0.1_1: received b'This is the message. '
                echo_127.0.0.1_1: sent b'This is the message. '
                echo_127.0.0.1_2: received b'It will be sent in parts.'
                echo_127.0.0.1_2: sent b'It will be sent in parts.'
                echo_127.0.0.1_1: closing
                main: closing server
                """;
        assertFalse(withRule(SERVER, twoPeers).matched());
        String sentFirst = twoPeers.replace("_2:", "_1:").replace("received b'It will", "XX").replace("sent b'It will", "received b'It will")
                .replace("XX", "sent b'It will");
        assertFalse(withRule(SERVER, sentFirst).matched());
    }

    @Test
    void theRuleDoesNotApplyInsideAnUnorderedBlock() {
        String expected = "{{unordered}}\na: received b'xy'\nb: other\n{{end}}\n";
        String actual = "a: received b'x'\na: received b'y'\nb: other\n";
        assertFalse(withRule(expected, actual).matched());
    }

    @Test
    void aMismatchDiffShowsTheJoinedReads() {
        String actual = SERVER.replace("{{int}}", "7").replace("received b'This is the message. It will be sent in parts.'",
                "received b'This is the message. '\necho_127.0.0.1_7: sent b'This is the message. '\n"
                        + "echo_127.0.0.1_7: received b'It will be sent in parts.'")
                .replace("sent b'This is the message. It will be sent in parts.'", "sent b'It will be sent in parts.'")
                .replace("closing server", "closing sever");
        MatchResult.Mismatched m = assertInstanceOf(MatchResult.Mismatched.class, withRule(SERVER, actual));
        assertTrue(m.diff().contains("+++ actual, split reads joined"), m.diff());
        assertTrue(m.diff().contains("+main: closing sever"), m.diff());
    }

    @Test
    void bytesReprsAreDecoded() {
        assertArrayEquals("it's\n\t\\".getBytes(StandardCharsets.US_ASCII), SplitReads.bytes("b\"it's\\n\\t\\\\\""));
        assertArrayEquals(new byte[] {'a', (byte) 0xff, '\''}, SplitReads.bytes("b'a\\xff\\''"));
        String expected = "c: received b\"it's here\"\n";
        String actual = "c: received b'it'\nc: received b\"'s here\"\n";
        assertTrue(withRule(expected, actual).matched(), "pieces in either quote style join by their bytes");
    }

    @Test
    void aGroupInsideARepeatedBlockJoinsInEveryCopy() {
        String expected = """
                main: starting up on localhost port 10000
                {{repeat}}
                echo_127.0.0.1_{{int}}: connection accepted
                echo_127.0.0.1_{{int}}: received b'This is the message. It will be sent in parts.'
                echo_127.0.0.1_{{int}}: sent b'This is the message. It will be sent in parts.'
                {{end}}
                main: closing server
                """;
        String actual = """
                main: starting up on localhost port 10000
                echo_127.0.0.1_1: connection accepted
                echo_127.0.0.1_1: received b'This is the message. '
                echo_127.0.0.1_1: sent b'This is the message. '
                echo_127.0.0.1_1: received b'It will be sent in parts.'
                echo_127.0.0.1_1: sent b'It will be sent in parts.'
                echo_127.0.0.1_2: connection accepted
                echo_127.0.0.1_2: received b'This is the message. It will be sent in parts.'
                echo_127.0.0.1_2: sent b'This is the message. It will be sent in parts.'
                main: closing server
                """;
        assertFalse(plain(expected, actual));
        assertTrue(withRule(expected, actual).matched());
        assertFalse(withRule(expected, actual.replace("echo_127.0.0.1_1: sent b'It will be sent in parts.'",
                "echo_127.0.0.1_1: sent b'It will be sent in pieces.'")).matched(), "joined payloads must still be the group's");
    }
}
