// Fixture: a client that never ends.
//DESCRIPTION Fixture HangingClient.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) throws Exception {
    IO.println("client hanging");
    Thread.sleep(Long.MAX_VALUE);
}
