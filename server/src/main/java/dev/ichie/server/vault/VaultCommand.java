package dev.ichie.server.vault;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The vault's commands, run as {@code java -jar ichie-server.jar vault COMMAND [options]}, with the
 * same configuration (profile, {@code ichie.vault.*}, data source) as the server:
 *
 * <ul>
 *   <li>{@code init}: creates the key store with key version 1;
 *   <li>{@code rotate}: adds the next key version, used for new writes after the servers restart;
 *   <li>{@code reencrypt}: re-encrypts every sealed row under the newest key version.
 * </ul>
 */
public final class VaultCommand {

  private VaultCommand() {}

  /**
   * Runs a vault command.
   *
   * @param application the application class, for its configuration
   * @param args {@code vault COMMAND} then Spring Boot options
   * @return the process exit code: 0 done, 1 failed, 2 usage
   */
  public static int run(Class<?> application, String[] args) {
    PrintStream out = System.out;
    String command = args[1];
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    if ("init".equals(command)) {
      // Above the profile's own setting (prod: false), and what lets the prod check pass before
      // the key store exists.
      rest =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of("--ichie.vault.generate-if-missing=true"),
                  Arrays.stream(rest))
              .toArray(String[]::new);
    }
    if (!List.of("init", "rotate", "reencrypt").contains(command)) {
      System.err.println("usage: vault init|rotate|reencrypt [--spring.profiles.active=…]");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application)
            .web(WebApplicationType.NONE)
            .properties(
                "ichie.vault.generate-if-missing=" + "init".equals(command),
                "spring.main.banner-mode=off",
                "ichie.jobs.enabled=false")
            .run(rest)) {
      VaultProperties properties = context.getBean(VaultProperties.class);
      char[] password = properties.keyStorePassword().toCharArray();
      switch (command) {
        case "init" -> out.println("vault key store ready: " + properties.keyStore());
        case "rotate" -> {
          int version = VaultKeyStore.addVersion(properties.keyStore(), password);
          out.println(
              "added vault key version "
                  + version
                  + "; running servers use it for new writes within ichie.vault.reload-interval"
                  + " (5 min); then run 'vault reencrypt'");
        }
        default -> {
          Vault vault = context.getBean(Vault.class);
          int rows = 0;
          for (SealedStore store : context.getBeansOfType(SealedStore.class).values()) {
            rows += store.reencrypt(vault);
          }
          out.println("re-encrypted " + rows + " rows under key version " + vault.currentVersion());
        }
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("vault " + command + " failed: " + e.getMessage());
      return 1;
    }
  }
}
