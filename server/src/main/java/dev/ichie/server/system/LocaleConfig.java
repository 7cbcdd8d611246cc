package dev.ichie.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: Japanese by default, English by {@code ?lang=en} (remembered in a cookie) or
 * by {@code Accept-Language}; only Japanese and English are offered.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfig implements WebMvcConfigurer {

  /** Japanese or English, whatever was asked. */
  static Locale supported(Locale asked) {
    return asked != null && "en".equals(asked.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver =
        new CookieLocaleResolver("ichie-lang") {
          @Override
          public void setLocale(
              HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
          }
        };
    // A cookie that is not a language is ignored, not an error.
    resolver.setRejectInvalidCookies(false);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    resolver.setDefaultLocaleFunction(
        request ->
            request.getHeader("Accept-Language") == null
                ? Locale.JAPANESE
                : supported(request.getLocale()));
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }
}
