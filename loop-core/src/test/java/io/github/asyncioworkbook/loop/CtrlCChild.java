package io.github.asyncioworkbook.loop;

/**
 * The program {@link CtrlCTest} runs in a child JVM and interrupts with a real SIGINT. It prints
 * {@code ready} once its main task waits, then what its {@code finally} and {@code catch} blocks do.
 * Modes: {@code finally} (sleeps, prints in finally), {@code slow-cleanup} (its finally awaits a long
 * sleep: a second Ctrl-C is needed), {@code swallow} (catches the cancellation and returns),
 * {@code stuck} (its finally blocks the loop's thread: only a third Ctrl-C ends it).
 */
final class CtrlCChild {
    private CtrlCChild() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        String result = Asyncio.run(Coroutine.named("main", () -> {
            Asyncio.getRunningLoop().callSoon(() -> say("ready"));
            try {
                Asyncio.sleep(60);
                return "slept";
            } catch (CancelledError e) {
                say("main cancelled");
                if (mode.equals("swallow")) {
                    return "swallowed";
                }
                throw e;
            } finally {
                say("finally ran");
                if (mode.equals("stuck")) {
                    say("blocking the loop");
                    Thread.sleep(60_000);  // a blocking call: the loop cannot take a second Ctrl-C
                }
                if (mode.equals("slow-cleanup")) {
                    say("cleanup started");
                    Asyncio.sleep(60);
                    say("cleanup finished");
                }
            }
        }));
        say("run returned " + result);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
