package dev.ichie.server.activation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the activation endpoint.
 *
 * @param sessionLifetime how long after {@code start} a {@code finish} is accepted
 * @param startsPerAddress {@code start} calls allowed per source address per window
 * @param startsPerUser {@code start} calls allowed per service and user ID per window
 * @param rateWindow the rate-limit window
 */
@ConfigurationProperties("ichie.activation")
public record ActivationProperties(
    @DefaultValue("5m") Duration sessionLifetime,
    @DefaultValue("30") int startsPerAddress,
    @DefaultValue("10") int startsPerUser,
    @DefaultValue("1m") Duration rateWindow) {}
