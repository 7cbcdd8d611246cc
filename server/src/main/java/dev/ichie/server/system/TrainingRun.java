package dev.ichie.server.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The training start of {@code scripts/jvm.sh}. With {@code ichie.training-run=true}, once the
 * server accepts traffic (after every ready listener, the demo data's too), it asks its own health
 * endpoint once over loopback HTTP, then stops the server and the JVM. The class-data archive the
 * JVM writes at exit then holds what a start uses up to its first healthy answer, the moment the
 * start-up time is measured at. Without the property it does nothing.
 */
@Component
final class TrainingRun {

  private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

  private final boolean enabled;
  private final ConfigurableApplicationContext context;
  private final Environment env;

  TrainingRun(
      @Value("${ichie.training-run:false}") boolean enabled,
      ConfigurableApplicationContext context,
      Environment env) {
    this.enabled = enabled;
    this.context = context;
    this.env = env;
  }

  @EventListener
  void readiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (!enabled || event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return;
    }
    String port = env.getProperty("local.management.port", env.getProperty("local.server.port"));
    int status = health(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
    log.info("Training run: the health endpoint answered {}; stopping", status);
    System.exit(SpringApplication.exit(context, () -> status == 200 ? 0 : 1));
  }

  private static int health(URI uri) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
