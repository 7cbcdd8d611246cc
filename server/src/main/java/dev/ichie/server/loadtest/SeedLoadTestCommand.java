package dev.ichie.server.loadtest;

import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenBatches;
import dev.ichie.server.vault.Vault;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar ichie-server.jar seed-load-test --count=N --seed-key=HEX [--service=demo]
 * [--prefix=load-] [Spring Boot options]}: fills the database the server would use (same profile,
 * data source and vault) with N customers and ACTIVE tokens for the load benchmark ({@code
 * bench/run-load.sh}), then exits. See {@link LoadTestSeeder}. It refuses to run when the {@code
 * prod} profile is active, before any bean is made.
 */
public final class SeedLoadTestCommand {

  /** The command's name, the first argument. */
  public static final String NAME = "seed-load-test";

  private SeedLoadTestCommand() {}

  /**
   * Runs the command.
   *
   * @param application the application class, for its configuration
   * @param args {@code seed-load-test}, its options, then Spring Boot options
   * @return the process exit code: 0 done, 1 failed, 2 usage
   */
  public static int run(Class<?> application, String[] args) {
    PrintStream out = System.out;
    int count = -1;
    String service = "demo";
    String prefix = "load-";
    byte[] seedKey = null;
    List<String> rest = new ArrayList<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("--count=")) {
          count = Integer.parseInt(a.substring(8));
        } else if (a.startsWith("--service=")) {
          service = a.substring(10);
        } else if (a.startsWith("--prefix=")) {
          prefix = a.substring(9);
        } else if (a.startsWith("--seed-key=")) {
          seedKey = HexFormat.of().parseHex(a.substring(11));
        } else {
          rest.add(a);
        }
      }
    } catch (IllegalArgumentException e) {
      seedKey = null;
    }
    if (count < 1 || seedKey == null) {
      System.err.println(
          "usage: "
              + NAME
              + " --count=N --seed-key=HEX [--service=demo] [--prefix=load-]"
              + " [--spring.datasource.url=…]; never with the prod profile");
      return 2;
    }
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .listeners(new RefuseProd())
            // Lazy: only the beans the seeder asks for (and what they need, Flyway included)
            // are made; no web controller, job or mail sender of the server.
            .properties(
                "spring.main.banner-mode=off",
                "spring.main.lazy-initialization=true",
                "ichie.jobs.enabled=false")
            .run(rest.toArray(String[]::new))) {
      RefuseProd.check(context.getEnvironment());
      LoadTestSeeder seeder =
          new LoadTestSeeder(
              context.getBean(TokenBatches.class),
              context.getBean(TransactionTemplate.class),
              context.getBean(Vault.class),
              context.getBean(Tenants.class),
              context.getBean(AuditLog.class),
              context.getBean(Clock.class));
      long seeding = System.nanoTime();
      int n = seeder.seed(service, prefix, count, seedKey, LoadTestSeeder.DEFAULT_CHUNK);
      long end = System.nanoTime();
      out.printf(
          "seeded %d customers with ACTIVE tokens in service %s (%s to %s) in %.1f s"
              + " (%.1f s with start-up)%n",
          n,
          service,
          LoadTestSeeder.customerRef(prefix, 0),
          LoadTestSeeder.customerRef(prefix, n - 1),
          (end - seeding) / 1e9,
          (end - start) / 1e9);
      return 0;
    } catch (RuntimeException e) {
      System.err.println(NAME + " failed: " + e.getMessage());
      return 1;
    }
  }

  /** Stops the command as soon as the environment shows the {@code prod} profile. */
  static final class RefuseProd
      implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      check(event.getEnvironment());
    }

    static void check(Environment env) {
      if (env.acceptsProfiles(Profiles.of("prod"))) {
        throw new IllegalStateException(
            "refused: the prod profile is active; load-test data never goes into production");
      }
    }
  }
}
