package dev.ichie.server.netbank;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/** Marks a part of the web banking: present only while {@code ichie.netbank.enabled} is true. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "ichie.netbank.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnWebApplication
@interface NetbankEnabled {}
