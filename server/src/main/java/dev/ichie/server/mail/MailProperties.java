package dev.ichie.server.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail settings of Ichie; the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address, e.g. {@code "Ichie Bank <otp@bank.example>"}
 * @param downloadUrl the token app's download page, sent in the issuance mail
 * @param pollInterval how often the sender looks for mails due
 * @param firstRetry the wait after the first failed attempt; doubled after each, up to maxRetry
 * @param maxRetry the longest wait between attempts
 * @param lease how long a node may hold a mail it is sending before another may take it
 */
@ConfigurationProperties("ichie.mail")
public record MailProperties(
    @DefaultValue("Ichie <no-reply@ichie.invalid>") String from,
    @DefaultValue("http://localhost:8080/app/") String downloadUrl,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("5s") Duration firstRetry,
    @DefaultValue("10m") Duration maxRetry,
    @DefaultValue("2m") Duration lease) {}
