// Fixture: prints its ready line, starts a child process, then ignores Ctrl-C (SIGINT).
//DESCRIPTION Fixture DeafServer.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) throws Exception {
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), _ -> IO.println("ignoring SIGINT"));
    Process child = new ProcessBuilder("sleep", "600").start();
    IO.println("child pid " + child.pid());
    IO.println("main: starting up on localhost port " + args[0]);
    Thread.sleep(Long.MAX_VALUE);
}
