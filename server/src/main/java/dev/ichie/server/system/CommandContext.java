package dev.ichie.server.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The context of a command of the jar ({@code vault}, {@code audit}, {@code staff}, {@code
 * seed-load-test}): the server's configuration and database, no web server, no banner, no jobs,
 * beans made only when asked for.
 */
public final class CommandContext {

  private CommandContext() {}

  /**
   * Starts the context.
   *
   * @param application the application class
   * @param args Spring Boot options (profile, data source, …)
   * @param properties more default properties, {@code name=value}
   * @return the context, to close after the command
   */
  public static ConfigurableApplicationContext start(
      Class<?> application, String[] args, String... properties) {
    List<String> all = new ArrayList<>();
    all.add("spring.main.banner-mode=off");
    all.add("spring.main.lazy-initialization=true");
    all.add("ichie.jobs.enabled=false");
    all.addAll(List.of(properties));
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .properties(all.toArray(String[]::new))
        .run(args);
  }
}
