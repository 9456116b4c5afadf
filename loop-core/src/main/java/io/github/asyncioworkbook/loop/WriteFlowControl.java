package io.github.asyncioworkbook.loop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write side of asyncio's {@code _FlowControlMixin} for one transport: the high- and
 * low-water marks, and the paused state that turns a buffer size into {@code pause_writing()} and
 * {@code resume_writing()} calls, each once per crossing. Failures of those callbacks go to the
 * loop's exception handler with asyncio's messages.
 */
final class WriteFlowControl {
    /** asyncio's default high-water mark; the low one is a quarter of it. */
    static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final Object transport;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_HIGH_WATER / 4;
    private boolean paused;

    WriteFlowControl(EventLoop loop, Object transport) {
        this.loop = loop;
        this.transport = transport;
    }

    /**
     * {@code _set_write_buffer_limits(high, low)}.
     *
     * @throws IllegalArgumentException {@code "high (1) must be >= low (2) must be >= 0"}
     */
    void setLimits(Integer highWater, Integer lowWater) {
        int h = highWater != null ? highWater : lowWater != null ? 4 * lowWater : DEFAULT_HIGH_WATER;
        int l = lowWater != null ? lowWater : h / 4;
        if (h < l || l < 0) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        high = h;
        low = l;
    }

    /** {@return {@code [low, high]}} */
    int[] limits() {
        return new int[] {low, high};
    }

    /** {@code _maybe_pause_protocol}: calls {@code pauseWriting} when {@code size} is past the high mark. */
    void maybePause(long size, Runnable pauseWriting, Object protocol) {
        if (size > high && !paused) {
            paused = true;
            call(pauseWriting, "protocol.pause_writing() failed", protocol);
        }
    }

    /** {@code _maybe_resume_protocol}: calls {@code resumeWriting} once {@code size} is down to the low mark. */
    void maybeResume(long size, Runnable resumeWriting, Object protocol) {
        if (paused && size <= low) {
            paused = false;
            call(resumeWriting, "protocol.resume_writing() failed", protocol);
        }
    }

    private void call(Runnable callback, String failure, Object protocol) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", failure);
            context.put("exception", e);
            context.put("transport", transport);
            context.put("protocol", protocol);
            loop.callExceptionHandler(context);
        }
    }
}
