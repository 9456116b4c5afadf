// Fixture: a server that fails before it listens.
//DESCRIPTION Fixture DiesEarly.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) {
    IO.println("cannot listen on " + args[0]);
    System.exit(3);
}
