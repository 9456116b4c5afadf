// Fixture: starts a child process, prints its pid but never its ready line, and never ends.
//DESCRIPTION Fixture NeverReady.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) throws Exception {
    Process child = new ProcessBuilder("sleep", "600").start();
    IO.println("child pid " + child.pid());
    Thread.sleep(Long.MAX_VALUE);
}
