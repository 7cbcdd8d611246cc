package dev.ichie.server.system;

import dev.ichie.server.support.ServerTest;
import org.springframework.test.context.TestPropertySource;

/**
 * With the prod profile's default of no trusted proxy, a forwarded address is ignored: a client
 * cannot choose the address the audit and the limits see.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "server.forward-headers-strategy=native",
      "server.tomcat.remoteip.internal-proxies=",
      "server.tomcat.remoteip.trusted-proxies="
    })
class UntrustedProxyTest extends ForwardedAddressContract {

  @Override
  String expected() {
    return "127.0.0.1";
  }
}
