package dev.ichie.server.api;

import dev.ichie.server.system.JsonErrors;
import dev.ichie.server.token.CustomerRefs;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every REST API path of a customer ({@code /api/v1/customers/{customer}/…}) answers 404 for a
 * reference that breaks {@link CustomerRefs}' rule, before any feature sees it.
 */
@Configuration(proxyBeanMethods = false)
class CustomerPaths implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/v1/customers/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws java.io.IOException {
    Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (vars instanceof Map<?, ?> map
        && map.get("customer") instanceof String customer
        && !CustomerRefs.valid(customer)) {
      JsonErrors.write(request, response, 404, "NOT_FOUND", "no such customer");
      return false;
    }
    return true;
  }
}
