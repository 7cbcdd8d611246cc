package dev.ichie.server.branch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/** Marks a part of the branch console: present only while {@code ichie.branch.enabled} is true. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "ichie.branch.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnWebApplication
@interface BranchEnabled {}
