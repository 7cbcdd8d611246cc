package dev.ichie.server;

import dev.ichie.server.audit.AuditCommand;
import dev.ichie.server.branch.StaffCommand;
import dev.ichie.server.loadtest.SeedLoadTestCommand;
import dev.ichie.server.vault.VaultCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Ichie OTP service. Run with no arguments it serves HTTP; {@code vault rotate} and {@code
 * vault reencrypt} run the key-rotation commands of {@link VaultCommand} and exit; {@code audit
 * verify} and {@code audit export} check or export the sealed audit trail ({@link AuditCommand});
 * {@code seed-load-test} fills a non-production database for the load benchmark ({@link
 * SeedLoadTestCommand}) and exits.
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
    if (args.length >= 1 && StaffCommand.NAME.equals(args[0])) {
      System.exit(StaffCommand.run(IchieServer.class, args, System.in, System.out));
    }
    if (args.length >= 1 && AuditCommand.NAME.equals(args[0])) {
      System.exit(AuditCommand.run(IchieServer.class, args, System.out));
    }
    if (args.length >= 1 && SeedLoadTestCommand.NAME.equals(args[0])) {
      System.exit(SeedLoadTestCommand.run(IchieServer.class, args));
    }
    SpringApplication.run(IchieServer.class, args);
  }
}
