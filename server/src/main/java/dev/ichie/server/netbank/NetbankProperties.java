package dev.ichie.server.netbank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reference web banking ({@code ichie.netbank.*}). A bank with its own web banking sets {@code
 * enabled: false} and runs only the OTP service, its API and the branch console.
 *
 * @param enabled whether the web banking runs
 * @param serviceId the OTP service it uses
 * @param loginFailuresBeforeLock wrong login passwords before the login locks
 * @param confirmFailuresBeforeLock wrong confirmation passwords before they lock
 */
@ConfigurationProperties("ichie.netbank")
public record NetbankProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("demo") String serviceId,
    @DefaultValue("5") int loginFailuresBeforeLock,
    @DefaultValue("5") int confirmFailuresBeforeLock) {}
