package dev.ichie.server.system;

import dev.ichie.server.support.ServerTest;
import org.springframework.test.context.TestPropertySource;

/** Behind a trusted proxy (this loopback address), the forwarded client address is the one seen. */
@ServerTest
@TestPropertySource(
    properties = {
      "server.forward-headers-strategy=native",
      "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1",
      "server.tomcat.remoteip.trusted-proxies="
    })
class TrustedProxyTest extends ForwardedAddressContract {

  @Override
  String expected() {
    return "203.0.113.7";
  }
}
