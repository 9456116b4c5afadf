// Fixture: prints its ready line and waits for Ctrl-C.
//DESCRIPTION Fixture PatientServer.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) throws Exception {
    IO.println("main: starting up on localhost port " + args[0]);
    Thread.sleep(Long.MAX_VALUE);
}
