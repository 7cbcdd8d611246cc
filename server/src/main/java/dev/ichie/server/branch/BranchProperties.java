package dev.ichie.server.branch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The branch console ({@code ichie.branch.*}).
 *
 * @param enabled whether the console runs
 * @param customerServiceId the OTP service of the customers it serves
 * @param staffServiceId the OTP service that holds the staff's own tokens (their second factor)
 * @param requestLifetime how long a recovery request waits for a decision
 * @param waiveNextDayOnReset whether a reset lets the customer re-issue at once (policy)
 * @param failuresBeforeLock wrong staff passwords before the staff login locks
 * @param demoStaff create the demo staff of the development defaults
 */
@ConfigurationProperties("ichie.branch")
public record BranchProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("demo") String customerServiceId,
    @DefaultValue("staff") String staffServiceId,
    @DefaultValue("8h") Duration requestLifetime,
    @DefaultValue("false") boolean waiveNextDayOnReset,
    @DefaultValue("5") int failuresBeforeLock,
    @DefaultValue("false") boolean demoStaff) {}
