package dev.ichie.server;

import dev.ichie.server.vault.VaultCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Ichie OTP service. Run with no arguments it serves HTTP; {@code vault rotate} and {@code
 * vault reencrypt} run the key-rotation commands of {@link VaultCommand} and exit.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IchieServer {

  /**
   * Starts the service, or runs a vault command.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    if (args.length >= 2 && "vault".equals(args[0])) {
      System.exit(VaultCommand.run(IchieServer.class, args));
    }
    SpringApplication.run(IchieServer.class, args);
  }
}
