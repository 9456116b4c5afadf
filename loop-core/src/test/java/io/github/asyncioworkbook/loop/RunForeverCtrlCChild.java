package io.github.asyncioworkbook.loop;

/**
 * The program {@link RunForeverCtrlCTest} runs in a child JVM: a loop run with
 * {@code runForever} outside {@link Asyncio#run}, as pre-{@code asyncio.run} scripts do. It prints
 * {@code ready} from a loop callback, then what its {@code finally} (and {@code catch}) blocks do.
 * Modes: {@code uncaught} (KeyboardInterrupt leaves main), {@code caught} (main catches it, then
 * runs the loop once more to finish a clean-up coroutine), {@code after-run} (the loop is stopped
 * first; SIGINT comes while no loop runs).
 */
final class RunForeverCtrlCChild {
    private RunForeverCtrlCChild() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        EventLoop loop = Asyncio.newEventLoop();
        // A first run, as the echo servers' create_server: each run takes SIGINT and gives it back.
        loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(0.001)));
        loop.callSoon(() -> say("ready"));
        if (mode.equals("after-run")) {
            loop.callSoon(loop::stop);
        }
        try {
            loop.runForever();
            say("runForever returned");
            if (mode.equals("after-run")) {
                Thread.sleep(60_000);
            }
        } catch (KeyboardInterrupt e) {
            say("caught " + e);
            if (!mode.equals("caught")) {
                throw e;
            }
        } catch (InterruptedException e) {
            say("interrupted");
        } finally {
            say("finally ran");
            String done = loop.runUntilComplete(Coroutine.of(() -> {
                Asyncio.sleep(0.01);
                return "clean-up done";
            }));
            say(done);
            loop.close();
        }
        say("main returned");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
