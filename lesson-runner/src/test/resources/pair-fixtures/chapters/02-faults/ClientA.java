// Fixture: a client that only says which port it was given.
//DESCRIPTION Fixture ClientA.
// Port of asyncio_fixture.py (on no PyMOTW-3 page)
void main(String[] args) {
    IO.println("client on port " + args[0]);
}
