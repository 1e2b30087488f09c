package dev.leadpact.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

final class FreePorts {
    private FreePorts() {}

    /** A port that was free a moment ago; for tests, where fixed ports would collide. */
    static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int orNext(int port) {
        return port > 0 ? port : next();
    }
}
