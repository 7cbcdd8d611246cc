package dev.ichie.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between a browser and the server, as a TCP relay on a loopback port that the test can
 * cut and restore: cut, every connection is closed and new ones are refused, as on a phone without
 * signal, for every request of the page and of its service worker alike.
 */
final class Forwarder implements AutoCloseable {

  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile int target;
  private volatile ServerSocket listening;

  private Forwarder(int port) {
    this.port = port;
  }

  /** A relay on a free loopback port, cut until {@link #to(int)}. */
  static Forwarder open() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return new Forwarder(probe.getLocalPort());
    }
  }

  /** The port the browser connects to. */
  int port() {
    return port;
  }

  /** Relays to the server on this loopback port from now on. */
  Forwarder to(int serverPort) throws IOException {
    this.target = serverPort;
    restore();
    return this;
  }

  /** Accepts connections again. */
  synchronized void restore() throws IOException {
    if (listening != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listening = socket;
    Thread accept = new Thread(() -> accept(socket), "forwarder-" + port);
    accept.setDaemon(true);
    accept.start();
  }

  /** Closes every connection and refuses new ones. */
  synchronized void cut() {
    ServerSocket socket = listening;
    listening = null;
    quietly(socket);
    open.forEach(Forwarder::quietly);
    open.clear();
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException cut) {
        return;
      }
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(server);
        pipe(client, server);
        pipe(server, client);
      } catch (IOException serverGone) {
        // the browser sees its connection closed
        quietly(client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side closed
              } finally {
                quietly(from);
                quietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "forwarder-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(java.io.Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException alreadyBroken) {
      // closed either way
    }
  }
}
